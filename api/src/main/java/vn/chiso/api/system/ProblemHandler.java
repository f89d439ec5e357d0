package vn.chiso.api.system;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import vn.chiso.api.lake.LakeUnavailableException;
import vn.chiso.api.lake.TimeTravelException;
import vn.chiso.api.releases.EmbargoedException;

/**
 * Every error as RFC 7807 problem+json. Spring's own exceptions (unknown path, wrong method, a
 * parameter that is not a number) go through {@link ResponseEntityExceptionHandler}.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> apiException(ApiException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
        problem.setProperty("parameter", e.parameter());
        return problem(problem);
    }

    @ExceptionHandler(LakeUnavailableException.class)
    ResponseEntity<ProblemDetail> lakeUnavailable(LakeUnavailableException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
        problem.setProperty("table", e.table());
        return problem(problem);
    }

    @ExceptionHandler(EmbargoedException.class)
    ResponseEntity<ProblemDetail> embargoed(EmbargoedException e) {
        HttpStatus status = e.authenticated() ? HttpStatus.FORBIDDEN : HttpStatus.UNAUTHORIZED;
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, e.getMessage());
        ResponseEntity.BodyBuilder builder =
                ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (!e.authenticated()) {
            builder.header(
                    HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"chiso\""); // no Basic: browsers would remember it
        }
        return builder.body(problem);
    }

    @ExceptionHandler(TimeTravelException.class)
    ResponseEntity<ProblemDetail> timeTravel(TimeTravelException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setProperty("parameter", "asOf");
        return problem(problem);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("unexpected error", e);
        return problem(ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR, "unexpected error"));
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(
            TypeMismatchException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String name = e.getPropertyName();
        String type =
                e.getRequiredType() == null ? "value" : e.getRequiredType().getSimpleName();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.BAD_REQUEST,
                "parameter '" + name + "' must be " + ("int".equals(type) ? "an integer" : "a " + type) + ", got '"
                        + e.getValue() + "'");
        problem.setProperty("parameter", name);
        return handleExceptionInternal(e, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    private static ResponseEntity<ProblemDetail> problem(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
