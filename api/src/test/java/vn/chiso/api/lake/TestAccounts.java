package vn.chiso.api.lake;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.WeakHashMap;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.context.support.WebApplicationContextUtils;
import vn.chiso.api.security.Accounts;
import vn.chiso.api.security.Tokens;

/**
 * Test-only accounts, their passwords generated per JVM (nothing to leak, nothing in the repo). A
 * request made {@link #as} an account carries a bearer token the application under test issued after
 * verifying the password, as {@code POST /api/v1/auth/token} does (one per account and application,
 * so the password-check budget is not spent on every request).
 */
public final class TestAccounts {

    public static final String REVIEWER = "rita";
    public static final String ADMIN = "adam";
    public static final String NOBODY = "nora";
    private static final String PASSWORD = UUID.randomUUID().toString();
    private static final Map<ApplicationContext, Map<String, String>> TOKENS = new WeakHashMap<>();

    private TestAccounts() {}

    public static void register(DynamicPropertyRegistry registry) {
        registry.add("chiso.security.users." + REVIEWER + ".password", () -> "{noop}" + PASSWORD);
        registry.add("chiso.security.users." + REVIEWER + ".roles", () -> "reviewer");
        registry.add("chiso.security.users." + ADMIN + ".password", () -> PASSWORD);
        registry.add("chiso.security.users." + ADMIN + ".roles", () -> "admin");
        // an account without a role the API knows: authenticated, but no more than the public
        registry.add("chiso.security.users." + NOBODY + ".password", () -> PASSWORD);
        registry.add("chiso.security.users." + NOBODY + ".roles", () -> "viewer");
    }

    public static String password() {
        return PASSWORD;
    }

    /** MockMvc: the request carries {@code user}'s bearer token. */
    public static RequestPostProcessor as(String user) {
        return request -> {
            ApplicationContext context =
                    WebApplicationContextUtils.getRequiredWebApplicationContext(request.getServletContext());
            request.addHeader(HttpHeaders.AUTHORIZATION, bearer(context, user));
            return request;
        };
    }

    /** The Authorization header with {@code user}'s bearer token from that application. */
    public static synchronized String bearer(ApplicationContext context, String user) {
        return TOKENS.computeIfAbsent(context, c -> new java.util.HashMap<>()).computeIfAbsent(user, u -> {
            Accounts.Verification v = context.getBean(Accounts.class).verify(u, PASSWORD);
            for (int i = 0; i < 20 && v.outcome() == Accounts.Outcome.BUSY; i++) { // a test spent the budget
                sleep();
                v = context.getBean(Accounts.class).verify(u, PASSWORD);
            }
            if (v.outcome() != Accounts.Outcome.VERIFIED) {
                throw new IllegalStateException("test account " + u + ": " + v.outcome());
            }
            return "Bearer " + context.getBean(Tokens.class).issue(v.account()).token();
        });
    }

    private static void sleep() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The Basic header of {@code user}: what POST /api/v1/auth/token takes, refused everywhere else. */
    public static String basic(String user) {
        return basic(user, PASSWORD);
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** MockMvc: the JSON body publish and withdraw require, {"reason": …}. */
    public static RequestPostProcessor reason(String reason) {
        return request -> {
            request.setContentType("application/json");
            request.setContent(("{\"reason\": \"" + reason.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}")
                    .getBytes(StandardCharsets.UTF_8));
            return request;
        };
    }

    /** MockMvc: Basic credentials with a wrong password (refused without a password check). */
    public static RequestPostProcessor wrongPassword(String user) {
        return request -> {
            request.addHeader(HttpHeaders.AUTHORIZATION, basic(user, PASSWORD + "x"));
            return request;
        };
    }
}
