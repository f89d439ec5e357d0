package vn.chiso.api.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code Authorization: Bearer <token>} makes the request its account's; a token that is not valid is
 * a 401 at once (one HMAC, no hashing). Any other scheme (Basic, …) is refused the same way, except on
 * {@code POST /api/v1/auth/token}, where Basic carries the credentials to exchange for a token. No
 * header: anonymous.
 */
final class BearerTokenFilter extends OncePerRequestFilter {

    static final String TOKEN_PATH = "/api/v1/auth/token";
    private static final String BEARER = "Bearer ";

    private final Tokens tokens;
    private final ObjectMapper json;

    BearerTokenFilter(Tokens tokens, ObjectMapper json) {
        this.tokens = tokens;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null) {
            chain.doFilter(request, response);
            return;
        }
        if (header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            Optional<Accounts.Account> account =
                    tokens.verify(header.substring(BEARER.length()).strip());
            if (account.isEmpty()) {
                SecurityConfig.problem(
                        json,
                        response,
                        HttpStatus.UNAUTHORIZED,
                        "bearer token not valid or expired: get a new one from POST " + TOKEN_PATH);
                return;
            }
            List<SimpleGrantedAuthority> roles = account.get().roles().stream()
                    .map(r -> new SimpleGrantedAuthority("ROLE_" + r))
                    .toList();
            SecurityContext context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                    account.get().name(), null, roles));
            SecurityContextHolder.setContext(context);
            chain.doFilter(request, response);
            return;
        }
        if ("POST".equals(request.getMethod()) && TOKEN_PATH.equals(request.getRequestURI())) {
            chain.doFilter(request, response); // the token endpoint reads Basic credentials itself
            return;
        }
        SecurityConfig.problem(
                json,
                response,
                HttpStatus.UNAUTHORIZED,
                "only bearer tokens are accepted here: " + "POST " + TOKEN_PATH
                        + " with the account's credentials gives one");
    }
}
