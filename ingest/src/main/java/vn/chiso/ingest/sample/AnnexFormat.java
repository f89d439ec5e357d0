package vn.chiso.ingest.sample;

import java.math.BigDecimal;

/** Numbers as the annexes print them: a decimal comma, two decimals for scores ({@code 91,54}). */
final class AnnexFormat {

    private AnnexFormat() {}

    /** A score in hundredths, always with two decimals: 9154 → "91,54", 900 → "9,00". */
    static String score(long hundredths) {
        return BigDecimal.valueOf(hundredths, 2).toPlainString().replace('.', ',');
    }

    /** A maximum in hundredths, without trailing zeros: 1350 → "13,5", 900 → "9". */
    static String points(long hundredths) {
        return BigDecimal.valueOf(hundredths, 2)
                .stripTrailingZeros()
                .toPlainString()
                .replace('.', ',');
    }
}
