package vn.chiso.contract;

import java.util.Arrays;
import java.util.Optional;

/** Administrative level of the receiving unit. */
public enum UnitLevel {
    PROVINCE("province", "Tỉnh"),
    DISTRICT("district", "Huyện"),
    COMMUNE("commune", "Xã");

    private final String code;
    private final String label;

    UnitLevel(String code, String label) {
        this.code = code;
        this.label = label;
    }

    public String code() {
        return code;
    }

    public String label() {
        return label;
    }

    public static Optional<UnitLevel> fromCode(String code) {
        return Arrays.stream(values()).filter(l -> l.code.equals(code)).findFirst();
    }
}
