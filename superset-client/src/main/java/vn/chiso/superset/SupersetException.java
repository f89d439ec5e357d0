package vn.chiso.superset;

/**
 * A failure talking to Superset, with a message meant for the person running the command:
 * what was called, what came back, and what to check.
 */
public class SupersetException extends RuntimeException {

    /** What went wrong, so callers (and tests) can tell the cases apart. */
    public enum Kind {
        /** Nothing answered at the URL (connection refused, unknown host, timeout). */
        UNREACHABLE,
        /** The login was refused (wrong user or password) or the session is no longer valid. */
        AUTHENTICATION,
        /** Superset answered with an error status. */
        HTTP,
        /** Superset answered, but not with what the API promises (e.g. HTML instead of JSON). */
        PROTOCOL,
        /** The dashboard definitions are wrong (found before anything is sent). */
        DEFINITION
    }

    private final Kind kind;
    private final int status;

    public SupersetException(Kind kind, String message) {
        this(kind, 0, message, null);
    }

    public SupersetException(Kind kind, int status, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.status = status;
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status for {@link Kind#HTTP} and {@link Kind#AUTHENTICATION}, else 0. */
    public int status() {
        return status;
    }
}
