package vn.chiso.api.lake;

import java.util.UUID;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

/** Test-only accounts, their passwords generated per JVM (nothing to leak, nothing in the repo). */
public final class TestAccounts {

    public static final String REVIEWER = "rita";
    public static final String ADMIN = "adam";
    public static final String NOBODY = "nora";
    private static final String PASSWORD = UUID.randomUUID().toString();

    private TestAccounts() {
    }

    public static void register(DynamicPropertyRegistry registry) {
        registry.add("chiso.security.users." + REVIEWER + ".password", () -> "{noop}" + PASSWORD);
        registry.add("chiso.security.users." + REVIEWER + ".roles", () -> "reviewer");
        registry.add("chiso.security.users." + ADMIN + ".password", () -> PASSWORD);
        registry.add("chiso.security.users." + ADMIN + ".roles", () -> "admin");
        // an account without a role the API knows: authenticated, but no more than the public
        registry.add("chiso.security.users." + NOBODY + ".password", () -> PASSWORD);
        registry.add("chiso.security.users." + NOBODY + ".roles", () -> "viewer");
    }

    public static RequestPostProcessor as(String user) {
        return httpBasic(user, PASSWORD);
    }

    /** The Authorization header of {@code user}, for requests to a real server. */
    public static String basic(String user) {
        return "Basic " + java.util.Base64.getEncoder()
                .encodeToString((user + ":" + PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public static RequestPostProcessor wrongPassword(String user) {
        return httpBasic(user, PASSWORD + "x");
    }

}
