package vn.chiso.api.security;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import vn.chiso.api.system.ApiException;

/** Exchanges an account's password, verified once, for a short-lived bearer token. */
@RestController
class TokenController {

    /** Credentials in a JSON body (or in an {@code Authorization: Basic} header instead). */
    record Credentials(String user, String password) {}

    record TokenAnswer(
            String tokenType, String token, Instant expiresAt, long expiresIn, String user, List<String> roles) {}

    private final Accounts accounts;
    private final Tokens tokens;

    TokenController(Accounts accounts, Tokens tokens) {
        this.accounts = accounts;
        this.tokens = tokens;
    }

    @Operation(
            summary = "A bearer token for an account (reviewer, admin)",
            description = "Credentials as {\"user\": …, \"password\": …} or in an Authorization: Basic header of this "
                    + "request only; the answer's token goes in 'Authorization: Bearer …' on every other request "
                    + "until expiresAt. 401: wrong credentials; 429: too many password checks right now, retry later.",
            responses = {
                @ApiResponse(responseCode = "200", description = "the token"),
                @ApiResponse(
                        responseCode = "401",
                        description = "unknown account or wrong password",
                        content =
                                @Content(
                                        mediaType = "application/problem+json",
                                        schema = @Schema(implementation = ProblemDetail.class))),
                @ApiResponse(
                        responseCode = "429",
                        description = "the API's password checks per second are used up",
                        content =
                                @Content(
                                        mediaType = "application/problem+json",
                                        schema = @Schema(implementation = ProblemDetail.class)))
            })
    @PostMapping(path = BearerTokenFilter.TOKEN_PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> token(
            @Parameter(hidden = true) @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false)
                    String authorization,
            @RequestBody(required = false) Credentials body) {
        Credentials credentials = credentials(authorization, body);
        Accounts.Verification v = accounts.verify(credentials.user(), credentials.password());
        return switch (v.outcome()) {
            case VERIFIED -> {
                Tokens.Issued issued = tokens.issue(v.account());
                yield ResponseEntity.ok()
                        .cacheControl(CacheControl.noStore())
                        .body(new TokenAnswer(
                                "Bearer",
                                issued.token(),
                                issued.expiresAt(),
                                issued.ttl().toSeconds(),
                                v.account().name(),
                                v.account().roles().stream()
                                        .map(r -> r.toLowerCase(java.util.Locale.ROOT))
                                        .toList()));
            }
            case REJECTED -> problem(HttpStatus.UNAUTHORIZED, "unknown account or wrong password", null);
            case BUSY ->
                problem(HttpStatus.TOO_MANY_REQUESTS, "too many password checks right now; retry in a second", "1");
        };
    }

    private static Credentials credentials(String authorization, Credentials body) {
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded;
            try {
                decoded = new String(
                        Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("Authorization", "the Basic credentials are not base64");
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                throw ApiException.badRequest("Authorization", "the Basic credentials must be user:password");
            }
            return new Credentials(decoded.substring(0, colon), decoded.substring(colon + 1));
        }
        if (body == null || body.user() == null || body.user().isBlank() || body.password() == null) {
            throw ApiException.badRequest("user", "credentials required: {\"user\": …, \"password\": …} or Basic");
        }
        return body;
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail, String retryAfter) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .cacheControl(CacheControl.noStore());
        if (retryAfter != null) {
            answer.header(HttpHeaders.RETRY_AFTER, retryAfter);
        }
        return answer.body(ProblemDetail.forStatusAndDetail(status, detail));
    }
}
