package vn.chiso.briefs;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Numbers and dates as Vietnamese documents write them: {@code 72,96}, {@code 1.234}, {@code 07/12/2026}.
 * A number keeps every decimal it has (at least two), so the brief shows exactly what the API answers.
 */
public final class VietnameseFormat {

    public static final String DASH = "–";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    public String num(BigDecimal value) {
        if (value == null) {
            return DASH;
        }
        int scale = Math.max(2, value.stripTrailingZeros().scale());
        return format(value.setScale(scale, RoundingMode.UNNECESSARY), scale);
    }

    /** Two decimals, half up (derived figures such as averages and gaps). */
    public String num2(BigDecimal value) {
        return value == null ? DASH : format(value.setScale(2, RoundingMode.HALF_UP), 2);
    }

    public String integer(Number value) {
        return value == null ? DASH : format(BigDecimal.valueOf(value.longValue()), 0);
    }

    /** +3, −2, 0 (a rank change: positive = up). */
    public String signed(Number value) {
        if (value == null) {
            return DASH;
        }
        long v = value.longValue();
        return v > 0 ? "+" + v : v < 0 ? "−" + (-v) : "0";
    }

    /** A signed decimal change, two decimals. */
    public String signedNum(BigDecimal value) {
        if (value == null) {
            return DASH;
        }
        String text = num2(value.abs());
        return value.signum() > 0 ? "+" + text : value.signum() < 0 ? "−" + text : text;
    }

    public String date(LocalDate date) {
        return date == null ? DASH : DATE.format(date);
    }

    public String text(String value) {
        return value == null || value.isBlank() ? DASH : value;
    }

    private static String format(BigDecimal value, int scale) {
        DecimalFormat f = new DecimalFormat(
                scale == 0 ? "#,##0" : "#,##0." + "0".repeat(scale),
                DecimalFormatSymbols.getInstance(Locale.forLanguageTag("vi-VN")));
        f.setRoundingMode(RoundingMode.UNNECESSARY);
        return f.format(value);
    }

    /** Parses what {@link #num} writes (tests and readers of the text). */
    public static BigDecimal parse(String text) {
        return new BigDecimal(text.replace(".", "").replace(',', '.').replace('−', '-'));
    }
}
