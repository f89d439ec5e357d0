package vn.chiso.ingest.parse;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Numbers as Vietnamese offices write them. Counts: {@code 14.958} and {@code 14 958} are fourteen
 * thousand (dot or space groups thousands), {@code 1.105 hồ sơ} carries a unit word, {@code 1,105}
 * (English grouping) is accepted for whole numbers only. Decimals: {@code 72,96} and {@code 99,46%}
 * have a decimal comma; with both marks the last one is the decimal separator ({@code 1.234,5});
 * a single dot followed by exactly three digits groups thousands ({@code 14.958}) unless the number
 * starts with 0 ({@code 0.625}, no group starts with 0), any other single dot is a decimal point
 * ({@code 72.96}). Never goes through a float.
 */
public final class VnNumbers {

    private static final Pattern NUMBER_THEN_WORDS =
            Pattern.compile("^([+-]?[0-9][0-9.,\\s\\u00A0\\u202F]*?)\\s*(%?)\\s*([\\p{L}][\\p{L}\\s./]*)?$");

    private VnNumbers() {}

    /** A whole count, or an {@link IllegalArgumentException} saying why the text is not one. */
    public static long count(String raw) {
        String n = numberPart(raw, false);
        if (n.startsWith("-")) {
            throw new IllegalArgumentException("'" + raw + "' is negative");
        }
        if (n.startsWith("+")) {
            n = n.substring(1);
        }
        String digits;
        if (n.matches("[0-9]+")) {
            digits = n;
        } else if (n.matches("[0-9]{1,3}(\\.[0-9]{3})+")) {
            digits = n.replace(".", "");
        } else if (n.matches("[0-9]{1,3}(,[0-9]{3})+")) {
            digits = n.replace(",", "");
        } else if (n.matches("[0-9]{1,3}(\\.[0-9]{3})*,0+") || n.matches("[0-9]+,0+")) {
            digits = n.substring(0, n.indexOf(',')).replace(".", "");
        } else if (n.matches("[0-9]+\\.0{1,2}")) {
            digits = n.substring(0, n.indexOf('.'));
        } else {
            throw new IllegalArgumentException("'" + raw + "' is not a whole number");
        }
        if (digits.length() > 18) {
            throw new IllegalArgumentException("'" + raw + "' is too large");
        }
        return Long.parseLong(digits);
    }

    /** An exact decimal; a trailing {@code %} is dropped (the value stays in percent). */
    public static BigDecimal decimal(String raw) {
        String n = numberPart(raw, true);
        String sign = "";
        if (n.startsWith("-") || n.startsWith("+")) {
            sign = n.startsWith("-") ? "-" : "";
            n = n.substring(1);
        }
        int dot = n.lastIndexOf('.');
        int comma = n.lastIndexOf(',');
        String plain;
        if (dot >= 0 && comma >= 0) {
            char decimalMark = dot > comma ? '.' : ',';
            char group = decimalMark == '.' ? ',' : '.';
            int at = Math.max(dot, comma);
            String whole = n.substring(0, at);
            if (!whole.matches("[0-9]{1,3}(\\" + group + "[0-9]{3})*")
                    || !n.substring(at + 1).matches("[0-9]+")) {
                throw new IllegalArgumentException("'" + raw + "' is not a number");
            }
            plain = whole.replace(String.valueOf(group), "") + "." + n.substring(at + 1);
        } else if (comma >= 0) {
            if (n.indexOf(',') != comma) {
                plain = groups(n, ',', raw);
            } else {
                plain = n.replace(',', '.');
            }
        } else if (dot >= 0) {
            if (n.indexOf('.') != dot || n.matches("[1-9][0-9]{0,2}\\.[0-9]{3}")) {
                plain = groups(n, '.', raw);
            } else {
                plain = n;
            }
        } else {
            plain = n;
        }
        if (!plain.matches("[0-9]+(\\.[0-9]+)?|\\.[0-9]+")) {
            throw new IllegalArgumentException("'" + raw + "' is not a number");
        }
        return new BigDecimal(sign + plain);
    }

    private static String groups(String n, char mark, String raw) {
        if (!n.matches("[0-9]{1,3}(\\" + mark + "[0-9]{3})+")) {
            throw new IllegalArgumentException("'" + raw + "' is not a number");
        }
        return n.replace(String.valueOf(mark), "");
    }

    private static String numberPart(String raw, boolean percentAllowed) {
        if (raw == null || raw.isBlank()) {
            throw new IllegalArgumentException("empty value");
        }
        String s = VnText.nfc(raw).strip();
        Matcher m = NUMBER_THEN_WORDS.matcher(s);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + raw + "' is not a number");
        }
        if (!m.group(2).isEmpty() && !percentAllowed) {
            throw new IllegalArgumentException("'" + raw + "' is a percentage, not a count");
        }
        return m.group(1).replaceAll("[\\s\\u00A0\\u202F]", "");
    }
}
