package vn.chiso.api.releases;

/** A request named a draft release and the viewer may not see drafts: 401 without credentials, else 403. */
public class EmbargoedException extends RuntimeException {

    private final boolean authenticated;

    public EmbargoedException(String message, boolean authenticated) {
        super(message);
        this.authenticated = authenticated;
    }

    public boolean authenticated() {
        return authenticated;
    }
}
