package vn.chiso.api.lake;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/** Before the first transform the API starts and says what to do. */
@SpringBootTest
@AutoConfigureMockMvc
class EmptyLakeTest {

    @Autowired
    MockMvc mvc;

    @DynamicPropertySource
    static void lake(DynamicPropertyRegistry registry) {
        registry.add("chiso.lake", () -> {
            try {
                Path empty = Files.createTempDirectory("chiso-empty-lake");
                empty.toFile().deleteOnExit();
                return empty.toString();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/api/v1/rankings",
                "/api/v1/indices",
                "/api/v1/provinces/01",
                "/api/v1/provinces/01/districts",
                "/api/v1/provinces/01/indices",
                "/api/v1/indices/correlations"
            })
    void lakeEndpointsAnswer503(String uri) throws Exception {
        mvc.perform(get(uri))
                .andExpect(status().isServiceUnavailable())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("lake has no gold tables yet; run ./chiso transform"));
    }

    @Test
    void referenceDataAndHealthStillWork() throws Exception {
        mvc.perform(get("/api/v1/provinces"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(63));
        mvc.perform(get("/actuator/health")).andExpect(status().isOk());
    }
}
