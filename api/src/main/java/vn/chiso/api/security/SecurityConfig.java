package vn.chiso.api.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;

import io.micrometer.observation.ObservationPredicate;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.http.HttpServletResponse;

/**
 * HTTP Basic, stateless. Reading is open to everyone (what a viewer sees of unpublished releases is
 * decided per request, see {@code releases.Embargo}); {@code /api/v1/admin/**} needs the admin role.
 * Accounts come from {@link SecurityProperties}; none are built in.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfig.class);

    @Bean
    SecurityFilterChain api(HttpSecurity http, ObjectMapper json) throws Exception {
        http.csrf(c -> c.disable())
                .cors(c -> { })
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(c -> c.disable())
                // answers are cacheable: ETags keyed on the lake versions decide their freshness
                .headers(h -> h.cacheControl(c -> c.disable()))
                .securityContext(c -> c.requireExplicitSave(true))
                .httpBasic(b -> b.realmName("chiso").authenticationEntryPoint((req, res, e) ->
                        problem(json, res, HttpStatus.UNAUTHORIZED, "credentials required or not valid")))
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((req, res, ex) ->
                                problem(json, res, HttpStatus.UNAUTHORIZED, "credentials required or not valid"))
                        .accessDeniedHandler((req, res, ex) ->
                                problem(json, res, HttpStatus.FORBIDDEN, "this needs the admin role")))
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/api/v1/admin/**").hasRole(Viewer.ADMIN)
                        .anyRequest().permitAll());
        return http.build();
    }

    /** A request the firewall rejects (encoded slashes, …) is a 400 problem, like any other bad request. */
    @Bean
    RequestRejectedHandler requestRejectedHandler(ObjectMapper json) {
        return (req, res, e) -> problem(json, res, HttpStatus.BAD_REQUEST, "malformed request: " + e.getMessage());
    }

    static void problem(ObjectMapper json, HttpServletResponse res, HttpStatus status, String detail)
            throws java.io.IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        res.setStatus(status.value());
        if (status == HttpStatus.UNAUTHORIZED) {
            res.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"chiso\"");
        }
        res.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(res.getOutputStream(), problem);
    }

    /** No Micrometer observation per security filter: a dozen per request, half the filter chain's cost. */
    @Bean
    ObservationPredicate noSpringSecurityObservations() {
        return (name, context) -> !name.startsWith("spring.security.");
    }

    @Bean
    UserDetailsService users(SecurityProperties properties) {
        PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        List<UserDetails> users = new ArrayList<>();
        for (Map.Entry<String, SecurityProperties.User> e : properties.security().users().entrySet()) {
            SecurityProperties.User u = e.getValue();
            if (u.password() == null || u.password().isBlank()) {
                log.warn("chiso.security.users.{} has no password: ignored", e.getKey());
                continue;
            }
            String password = u.password().startsWith("{") ? u.password() : "{noop}" + u.password();
            String[] roles = u.roles().stream().map(r -> r.strip().toUpperCase(Locale.ROOT))
                    .filter(r -> r.equals(Viewer.ADMIN) || r.equals(Viewer.REVIEWER)).toArray(String[]::new);
            users.add(User.withUsername(e.getKey()).password(password).passwordEncoder(p -> p).roles(roles).build());
        }
        log.info("{} API account(s) configured", users.size());
        return new InMemoryUserDetailsManager(users);
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    CorsConfigurationSource corsConfigurationSource(SecurityProperties properties) {
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        List<String> origins = properties.cors().allowedOrigins();
        if (!origins.isEmpty()) {
            CorsConfiguration cors = new CorsConfiguration();
            cors.setAllowedOrigins(origins);
            cors.setAllowedMethods(List.of(HttpMethod.GET.name(), HttpMethod.HEAD.name(), HttpMethod.POST.name()));
            cors.addAllowedHeader("*");
            cors.setExposedHeaders(List.of(HttpHeaders.ETAG, "X-Chiso-Lake-Versions", HttpHeaders.CONTENT_DISPOSITION));
            cors.setAllowCredentials(true);
            cors.setMaxAge(3600L);
            source.registerCorsConfiguration("/api/**", cors);
        }
        return source;
    }
}
