package vn.chiso.api.model;

import java.util.Arrays;
import java.util.Optional;

/** The period grains of the gold tables, as {@code period_type} spells them. */
public enum PeriodType {
    YEAR("year", 12),
    HALF("half", 6),
    QUARTER("quarter", 3),
    MONTH("month", 1);

    private final String code;
    private final int months;

    PeriodType(String code, int months) {
        this.code = code;
        this.months = months;
    }

    public String code() {
        return code;
    }

    public int months() {
        return months;
    }

    public static Optional<PeriodType> fromCode(String code) {
        return Arrays.stream(values()).filter(t -> t.code.equals(code)).findFirst();
    }
}
