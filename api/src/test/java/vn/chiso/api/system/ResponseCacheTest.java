package vn.chiso.api.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import vn.chiso.api.lake.DeltaTestWriter;
import vn.chiso.api.lake.LakeInfo;
import vn.chiso.api.lake.PipelineLake;
import vn.chiso.api.lake.SyntheticLake;
import vn.chiso.api.lake.TestAccounts;
import vn.chiso.contract.LakeTable;

/**
 * The public answer cache, on a real server (Tomcat on 127.0.0.1): the second anonymous request is
 * served from memory byte for byte with the same headers; reviewers get entries of their own, wrong
 * credentials, errors and a new lake version are never answered from it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ResponseCacheTest {

    private static Path lake;

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    @Autowired
    ApplicationContext context;

    private final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("chiso.lake", () -> copy().toString());
        registry.add("chiso.refresh-interval", () -> "0s");
        registry.add("chiso.releases.unreleased", () -> "published");
        TestAccounts.register(registry);
    }

    private static synchronized Path copy() {
        if (lake == null) {
            lake = PipelineLake.copy();
        }
        return lake;
    }

    private HttpResponse<byte[]> get(String pathAndQuery, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String cache(HttpResponse<?> response) {
        return response.headers().firstValue(ResponseCache.HEADER).orElse(null);
    }

    @Test
    void aRepeatedPublicRequestIsAnsweredFromMemoryUntilTheLakeMoves() throws Exception {
        String ranking = "/api/v1/rankings?index=progress&size=5";
        HttpResponse<byte[]> first = get(ranking);
        HttpResponse<byte[]> second = get(ranking);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(cache(first)).isEqualTo("miss");
        assertThat(cache(second)).isEqualTo("hit");
        assertThat(meters.counter("chiso.response.cache", "result", "hit").count())
                .isPositive();
        assertThat(second.body()).isEqualTo(first.body());
        for (String header : new String[] {"Content-Type", "ETag", LakeInfo.HEADER, "X-Content-Type-Options"}) {
            assertThat(second.headers().allValues(header))
                    .as(header)
                    .isEqualTo(first.headers().allValues(header))
                    .isNotEmpty();
        }

        String etag = first.headers().firstValue("ETag").orElseThrow();
        HttpResponse<byte[]> unchanged = get(ranking, "If-None-Match", etag);
        assertThat(unchanged.statusCode()).isEqualTo(304);
        assertThat(unchanged.body()).isEmpty();

        HttpResponse<byte[]> csv = get(ranking, "Accept", "text/csv");
        assertThat(cache(csv)).as("another representation, another entry").isEqualTo("miss");
        assertThat(cache(get(ranking, "Accept", "text/csv"))).isEqualTo("hit");
        assertThat(get(ranking, "Accept", "text/csv")
                        .headers()
                        .firstValue("Content-Type")
                        .orElseThrow())
                .startsWith("text/csv");

        HttpResponse<byte[]> reviewer =
                get(ranking, "Authorization", TestAccounts.bearer(context, TestAccounts.REVIEWER));
        assertThat(reviewer.statusCode()).isEqualTo(200);
        assertThat(cache(reviewer))
                .as("the reviewers' own entry, not the public's")
                .isEqualTo("miss");
        assertThat(cache(get(ranking, "Authorization", TestAccounts.bearer(context, TestAccounts.REVIEWER))))
                .isEqualTo("hit");
        assertThat(cache(get(ranking, "Authorization", "Bearer v1.forged.1.x")))
                .as("a wrong token is refused before the cache")
                .isNull();

        String missing = "/api/v1/rankings?index=progress&period=1999";
        assertThat(get(missing).statusCode()).isEqualTo(404);
        assertThat(cache(get(missing))).as("errors are not kept").isEqualTo("miss");

        String latest = "/api/v1/rankings?index=progress&size=1";
        String before = new String(get(latest).body());
        DeltaTestWriter.write(copy().toString(), LakeTable.GOLD_RANKINGS, SyntheticLake.rankingsFor("2099"));
        HttpResponse<byte[]> moved = get(latest);
        assertThat(cache(moved)).isEqualTo("miss");
        assertThat(new String(moved.body())).isNotEqualTo(before).contains("\"period\":\"2099\"");
        assertThat(cache(get(ranking)))
                .as("every table's version is in the key")
                .isEqualTo("miss");
    }
}
