package vn.chiso.api.lake;

/** A gold table the request needs does not exist yet or cannot be read (answered with 503). */
public class LakeUnavailableException extends RuntimeException {

    public static final String NO_GOLD_TABLES = "lake has no gold tables yet; run ./chiso transform";

    private final String table;

    public LakeUnavailableException(String table, String message) {
        super(message);
        this.table = table;
    }

    public String table() {
        return table;
    }
}
