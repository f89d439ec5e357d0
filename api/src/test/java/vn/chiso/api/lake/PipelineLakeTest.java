package vn.chiso.api.lake;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Base of the web tests that read the shared {@link PipelineLake}; they share one application context,
 * served by MockMvc and by a real Tomcat on 127.0.0.1:{@link #port} (for what only the container does).
 * Its rankings count as published (the embargo has its own tests, {@code releases.EmbargoTest}); a
 * reviewer and an admin account with passwords generated per test JVM.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
public abstract class PipelineLakeTest {

    @Autowired
    protected MockMvc mvc;

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void lake(DynamicPropertyRegistry registry) {
        registry.add("chiso.lake", () -> PipelineLake.root().toString());
        registry.add("chiso.releases.unreleased", () -> "published");
        registry.add("chiso.cors.allowed-origins", () -> "http://dashboards.test");
        // @SpringBootTest turns metrics export off; the Prometheus endpoint is part of what is tested
        registry.add("management.prometheus.metrics.export.enabled", () -> "true");
        TestAccounts.register(registry);
    }
}
