package vn.chiso.api.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.observation.ObservationPredicate;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.logout.LogoutFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.DefaultCorsProcessor;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

/**
 * Bearer tokens, stateless. Reading is open to everyone (what a viewer sees of unpublished releases is
 * decided per request, see {@code releases.Embargo}); {@code /api/v1/admin/**} needs the admin role.
 * A password is verified once, by {@code POST /api/v1/auth/token} ({@link TokenController}); every
 * other request carries the token ({@link BearerTokenFilter}). HTTP Basic is not accepted anywhere
 * else and no answer challenges for it, so a browser never remembers credentials: with no cookie and
 * no session either, a cross-site request carries nothing that authenticates it, which is why
 * Spring's CSRF tokens are not needed. Accounts come from {@link SecurityProperties}; none are built in.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    @Bean
    SecurityFilterChain api(
            HttpSecurity http,
            ObjectMapper json,
            Tokens tokens,
            @Qualifier("corsConfigurationSource") CorsConfigurationSource cors)
            throws Exception {
        CorsFilter corsFilter = new CorsFilter(cors);
        corsFilter.setCorsProcessor(
                new DefaultCorsProcessor() { // a refused origin is a problem+json 403 too
                    @Override
                    protected void rejectRequest(ServerHttpResponse response) throws java.io.IOException {
                        problem(
                                json,
                                ((ServletServerHttpResponse) response).getServletResponse(),
                                HttpStatus.FORBIDDEN,
                                "cross-origin request from an origin that is not allowed (chiso.cors.allowed-origins)");
                    }
                });
        http.csrf(c -> c.disable()) // no ambient credentials (see above)
                .cors(c -> c.disable())
                .addFilterBefore(corsFilter, LogoutFilter.class)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(c -> c.disable())
                // answers are cacheable: ETags keyed on the lake versions decide their freshness
                .headers(h -> h.cacheControl(c -> c.disable()))
                .securityContext(c -> c.requireExplicitSave(true))
                .addFilterAt(new BearerTokenFilter(tokens, json), BasicAuthenticationFilter.class)
                .exceptionHandling(e -> e.authenticationEntryPoint((req, res, ex) -> problem(
                                json,
                                res,
                                HttpStatus.UNAUTHORIZED,
                                "a bearer token is required: POST " + BearerTokenFilter.TOKEN_PATH + " gives one"))
                        .accessDeniedHandler((req, res, ex) ->
                                problem(json, res, HttpStatus.FORBIDDEN, "this needs the admin role")))
                .authorizeHttpRequests(a -> a.requestMatchers("/api/v1/admin/**")
                        .hasRole(Viewer.ADMIN)
                        .anyRequest()
                        .permitAll());
        return http.build();
    }

    /** A request the firewall rejects (encoded slashes, …) is a 400 problem, like any other bad request. */
    @Bean
    RequestRejectedHandler requestRejectedHandler(ObjectMapper json) {
        return (req, res, e) -> problem(json, res, HttpStatus.BAD_REQUEST, "malformed request: " + e.getMessage());
    }

    /** RFC 6750's challenge: browsers ask for nothing on it, unlike Basic's. */
    static final String BEARER_CHALLENGE = "Bearer realm=\"chiso\"";

    static void problem(ObjectMapper json, HttpServletResponse res, HttpStatus status, String detail)
            throws java.io.IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        res.setStatus(status.value());
        if (status == HttpStatus.UNAUTHORIZED) {
            res.setHeader(HttpHeaders.WWW_AUTHENTICATE, BEARER_CHALLENGE);
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
    CorsConfigurationSource corsConfigurationSource(SecurityProperties properties) {
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        List<String> origins = properties.cors().allowedOrigins();
        if (!origins.isEmpty()) {
            CorsConfiguration cors = new CorsConfiguration();
            cors.setAllowedOrigins(origins);
            cors.setAllowedMethods(List.of(HttpMethod.GET.name(), HttpMethod.HEAD.name(), HttpMethod.POST.name()));
            cors.addAllowedHeader("*");
            cors.setExposedHeaders(List.of(HttpHeaders.ETAG, "X-Chiso-Lake-Versions", HttpHeaders.CONTENT_DISPOSITION));
            cors.setAllowCredentials(false); // tokens go in a header, never cookies
            cors.setMaxAge(3600L);
            source.registerCorsConfiguration("/api/**", cors);
        }
        return source;
    }
}
