package vn.chiso.ingest.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.text.Normalizer;
import org.junit.jupiter.api.Test;

class VnTextTest {

    /** The fast path of nfc: every character it trusts, alone and next to any other, is left alone by NFC. */
    @Test
    void charactersTheFastPathTrustsAreStableUnderNfc() {
        StringBuilder trusted = new StringBuilder();
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            if (VnText.nfcStable((char) c)) {
                trusted.append((char) c);
            }
        }
        assertTrue(trusted.length() >= 1000);
        for (int i = 0; i < trusted.length(); i++) {
            String one = String.valueOf(trusted.charAt(i));
            assertTrue(Normalizer.isNormalized(one, Normalizer.Form.NFC), Integer.toHexString(trusted.charAt(i)));
            for (int j = 0; j < trusted.length(); j++) {
                String pair = one + trusted.charAt(j);
                if (!Normalizer.normalize(pair, Normalizer.Form.NFC).equals(pair)) {
                    throw new AssertionError("pair " + Integer.toHexString(pair.charAt(0)) + " "
                            + Integer.toHexString(pair.charAt(1)) + " changes under NFC");
                }
            }
        }
    }

    @Test
    void nfcComposesDecomposedTextAndKeepsComposedText() {
        String composed = "Phú Thọ, Hồ Chí Minh, Đắk Lắk";
        String decomposed = Normalizer.normalize(composed, Normalizer.Form.NFD);
        assertEquals(composed, VnText.nfc(decomposed));
        assertTrue(composed == VnText.nfc(composed), "already NFC: the same string back");
        assertEquals("\u03a9", VnText.nfc("\u2126"), "a singleton outside the fast path is still normalised");
    }
}
