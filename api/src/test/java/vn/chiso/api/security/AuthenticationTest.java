package vn.chiso.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.chiso.api.lake.PipelineLakeTest;
import vn.chiso.api.lake.TestAccounts;

/**
 * Logins on a real server: a password is verified once, by POST /api/v1/auth/token, and the bearer
 * token it gives authenticates every other request; Basic is refused outside that endpoint and never
 * challenged for (browsers would remember it); unknown names are refused without a password check,
 * and wrong passwords for a known name get at most the API's budget of checks.
 */
class AuthenticationTest extends PipelineLakeTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    private HttpResponse<String> send(String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> token(String user, String password) throws Exception {
        return send(
                "POST",
                "/api/v1/auth/token",
                json.writeValueAsString(new TokenController.Credentials(user, password)),
                "Content-Type",
                "application/json");
    }

    /** As a client does when the API says 429: waits and asks again (another test may have spent the budget). */
    private static HttpResponse<String> whenAllowed(Request request) throws Exception {
        HttpResponse<String> response = request.send();
        for (int i = 0; i < 40 && response.statusCode() == 429; i++) {
            Thread.sleep(250);
            response = request.send();
        }
        return response;
    }

    private interface Request {
        HttpResponse<String> send() throws Exception;
    }

    private static void assertNoBasicChallenge(HttpResponse<String> response) {
        assertThat(response.headers().allValues("WWW-Authenticate"))
                .noneMatch(v -> v.toLowerCase().contains("basic"));
    }

    @Test
    void aPasswordBuysAShortLivedTokenThatAuthenticatesLaterRequests() throws Exception {
        HttpResponse<String> byBody = whenAllowed(() -> token(TestAccounts.ADMIN, TestAccounts.password()));
        assertThat(byBody.statusCode()).as(byBody.body()).isEqualTo(200);
        assertThat(byBody.headers().firstValue("Cache-Control")).contains("no-store");
        JsonNode answer = json.readTree(byBody.body());
        assertThat(answer.get("tokenType").asText()).isEqualTo("Bearer");
        assertThat(answer.get("expiresIn").asLong()).isEqualTo(900);
        assertThat(answer.get("roles").toString()).isEqualTo("[\"admin\"]");
        String admin = "Bearer " + answer.get("token").asText();
        assertThat(send("GET", "/api/v1/admin/releases/audit", null, "Authorization", admin)
                        .statusCode())
                .isEqualTo(200);

        HttpResponse<String> byBasic = whenAllowed(() ->
                send("POST", "/api/v1/auth/token", null, "Authorization", TestAccounts.basic(TestAccounts.REVIEWER)));
        assertThat(byBasic.statusCode()).as(byBasic.body()).isEqualTo(200);
        String reviewer = "Bearer " + json.readTree(byBasic.body()).get("token").asText();
        HttpResponse<String> forbidden = send("GET", "/api/v1/admin/releases/audit", null, "Authorization", reviewer);
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(forbidden.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));

        HttpResponse<String> tampered = send(
                "GET",
                "/api/v1/rankings",
                null,
                "Authorization",
                admin.substring(0, admin.length() - 2) + (admin.endsWith("AA") ? "BB" : "AA"));
        assertThat(tampered.statusCode()).isEqualTo(401);
    }

    @Test
    void basicIsRefusedOutsideTheTokenEndpointAndNeverChallengedFor() throws Exception {
        HttpResponse<String> basic =
                send("GET", "/api/v1/rankings", null, "Authorization", TestAccounts.basic(TestAccounts.ADMIN));
        assertThat(basic.statusCode()).isEqualTo(401);
        assertThat(basic.body()).contains("/api/v1/auth/token");
        assertNoBasicChallenge(basic);
        HttpResponse<String> anonymousAdmin = send(
                "POST",
                "/api/v1/admin/releases/progress/2024/publish",
                "{\"reason\": \"x\"}",
                "Content-Type",
                "application/json");
        assertThat(anonymousAdmin.statusCode()).isEqualTo(401);
        assertThat(anonymousAdmin.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"chiso\"");
        HttpResponse<String> wrong = token(TestAccounts.ADMIN, "wrong");
        assertThat(wrong.statusCode()).isIn(401, 429);
        assertNoBasicChallenge(wrong);
        HttpResponse<String> unknown = token("mallory", "x");
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertNoBasicChallenge(unknown);
    }

    @Test
    void wrongPasswordsGetABoundedBudgetAndUnknownNamesNone() throws Exception {
        List<Integer> known = new ArrayList<>();
        for (int i = 0; i < 30 && !known.contains(429); i++) {
            known.add(token(TestAccounts.NOBODY, "wrong-" + i).statusCode());
        }
        assertThat(known).as("wrong passwords for a known name").contains(429).containsOnly(401, 429);
        // the budget is spent; a name nobody has is refused without touching it
        for (int i = 0; i < 50; i++) {
            assertThat(token("mallory-" + i, "x").statusCode()).isEqualTo(401);
        }
    }
}
