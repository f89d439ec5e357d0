package vn.chiso.api.security;

import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code chiso.security.users.NAME.password} / {@code .roles} (reviewer, admin): the accounts that may
 * see drafts or publish, from the environment or a config file outside the repo, e.g.
 * {@code CHISO_SECURITY_USERS_ANNA_PASSWORD='{bcrypt}$2a$10$…'} and
 * {@code CHISO_SECURITY_USERS_ANNA_ROLES=admin}. A password without an {@code {id}} prefix is taken as
 * plain text. {@code chiso.cors.allowed-origins}: dashboard origins allowed to call the API from a browser.
 */
@ConfigurationProperties("chiso")
public record SecurityProperties(@DefaultValue Security security, @DefaultValue Cors cors) {

    public record Security(Map<String, User> users) {
        public Security {
            users = users == null ? Map.of() : users;
        }
    }

    public record User(String password, @DefaultValue("reviewer") List<String> roles) {
    }

    public record Cors(@DefaultValue List<String> allowedOrigins) {
    }
}
