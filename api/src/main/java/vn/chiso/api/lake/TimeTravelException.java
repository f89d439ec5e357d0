package vn.chiso.api.lake;

/** The lake has no version of a table matching {@code asOf} (answered with 404). */
public class TimeTravelException extends RuntimeException {

    public TimeTravelException(String message) {
        super(message);
    }
}
