package vn.chiso.transforms.methodology;

/** A methodology file that cannot be used, with the file and the place in it. */
public final class MethodologyException extends IllegalArgumentException {

    public MethodologyException(String message) {
        super(message);
    }

    public MethodologyException(String message, Throwable cause) {
        super(message, cause);
    }
}
