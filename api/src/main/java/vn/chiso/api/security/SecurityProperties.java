package vn.chiso.api.security;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code chiso.security.users.NAME.password} / {@code .roles} (reviewer, admin): the accounts that may
 * see drafts or publish, from the environment or a config file outside the repo, e.g.
 * {@code CHISO_SECURITY_USERS_ANNA_PASSWORD='{bcrypt}$2a$10$…'} and
 * {@code CHISO_SECURITY_USERS_ANNA_ROLES=admin}. A password without an {@code {id}} prefix is taken as
 * plain text. {@code chiso.security.token.*}: the bearer tokens issued for a verified password (see
 * {@link Tokens}). {@code chiso.cors.allowed-origins}: dashboard origins allowed to call the API from a browser.
 */
@ConfigurationProperties("chiso")
public record SecurityProperties(
        @DefaultValue Security security, @DefaultValue Cors cors) {

    public record Security(
            Map<String, User> users, @DefaultValue Token token) {
        public Security {
            users = users == null ? Map.of() : users;
        }
    }

    public record User(
            String password, @DefaultValue("reviewer") List<String> roles) {}

    /**
     * {@code key}: the HMAC-SHA256 signing key, base64, at least 32 bytes (empty: a random key per start,
     * so tokens end with the process); {@code previous-key}: still accepted while a rotation is under way;
     * {@code ttl}: a token's lifetime; {@code password-checks-per-second}: how many password verifications
     * (hashing) the whole API does at most, whoever asks.
     */
    public record Token(
            @DefaultValue("") String key,
            @DefaultValue("") String previousKey,
            @DefaultValue("15m") Duration ttl,
            @DefaultValue("5") int passwordChecksPerSecond) {}

    public record Cors(@DefaultValue List<String> allowedOrigins) {}
}
