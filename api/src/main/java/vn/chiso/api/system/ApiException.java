package vn.chiso.api.system;

import org.springframework.http.HttpStatus;

/** A client error about one request parameter, answered as problem+json naming that parameter. */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String parameter;

    private ApiException(HttpStatus status, String parameter, String message) {
        super(message);
        this.status = status;
        this.parameter = parameter;
    }

    /** The parameter is malformed or out of range. */
    public static ApiException badRequest(String parameter, String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, parameter, message);
    }

    /** The parameter is well formed but names nothing the lake has. */
    public static ApiException notFound(String parameter, String message) {
        return new ApiException(HttpStatus.NOT_FOUND, parameter, message);
    }

    /** The Accept header names no representation the endpoint has. */
    public static ApiException notAcceptable(String message) {
        return new ApiException(HttpStatus.NOT_ACCEPTABLE, "Accept", message);
    }

    /** The request conflicts with the current state (e.g. publishing what is already published). */
    public static ApiException conflict(String parameter, String message) {
        return new ApiException(HttpStatus.CONFLICT, parameter, message);
    }

    public HttpStatus status() {
        return status;
    }

    public String parameter() {
        return parameter;
    }
}
