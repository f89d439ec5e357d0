package vn.chiso.contract;

import java.util.Arrays;
import java.util.Optional;

/** How a dossier reached the one-stop shop. */
public enum Channel {
    DIRECT("direct", "Trực tiếp"),
    ONLINE("online", "Trực tuyến"),
    POSTAL("postal", "Bưu chính công ích");

    private final String code;
    private final String label;

    Channel(String code, String label) {
        this.code = code;
        this.label = label;
    }

    public String code() {
        return code;
    }

    public String label() {
        return label;
    }

    public static Optional<Channel> fromCode(String code) {
        return Arrays.stream(values()).filter(c -> c.code.equals(code)).findFirst();
    }
}
