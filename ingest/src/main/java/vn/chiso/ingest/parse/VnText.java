package vn.chiso.ingest.parse;

import java.text.Normalizer;

/** Vietnamese text as it arrives: NFC normalisation and a diacritic-free comparison key. */
public final class VnText {

    private VnText() {}

    /** NFC (precomposed) form: NFD input from Mac exports and Windows-1258's combining tones become NFC. */
    public static String nfc(String s) {
        if (s == null) {
            return null;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!nfcStable(s.charAt(i))) {
                return Normalizer.isNormalized(s, Normalizer.Form.NFC)
                        ? s
                        : Normalizer.normalize(s, Normalizer.Form.NFC);
            }
        }
        return s; // the common case, checked without the normaliser (a large share of reading a row)
    }

    /**
     * Characters that are NFC by themselves and never combine with a neighbour of this set: below
     * the combining diacritics (U+0300) and Latin Extended Additional (U+1E00–U+1EFF, the
     * precomposed Vietnamese letters). Text made only of them is already NFC (VnTextTest checks
     * every character and every pair against the JDK's normaliser).
     */
    static boolean nfcStable(char c) {
        return c < 0x300 || (c >= 0x1E00 && c < 0x1F00);
    }

    /** Lower case, no diacritics (đ → d), letters and digits only: "Mã hồ sơ", "MA_HO_SO" → "mahoso". */
    public static String key(String s) {
        return fold(s, false);
    }

    /** Like {@link #key} but keeps single spaces between words: "UBND Tỉnh  Phú Thọ" → "ubnd tinh phu tho". */
    public static String words(String s) {
        return fold(s, true).strip();
    }

    private static String fold(String s, boolean keepSpaces) {
        if (s == null) {
            return "";
        }
        String nfd = Normalizer.normalize(s.strip(), Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(nfd.length());
        boolean space = false;
        for (int i = 0; i < nfd.length(); i++) {
            char c = Character.toLowerCase(nfd.charAt(i));
            if (c == 'đ') {
                c = 'd';
            }
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                if (space && keepSpaces && out.length() > 0) {
                    out.append(' ');
                }
                space = false;
                out.append(c);
            } else if (Character.getType(c) != Character.NON_SPACING_MARK) {
                space = true;
            }
        }
        return out.toString();
    }
}
