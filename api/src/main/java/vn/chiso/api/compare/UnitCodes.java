package vn.chiso.api.compare;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;
import vn.chiso.api.system.ApiException;

/** The {@code units} parameter: official unit codes, comma-separated, without repeats. */
final class UnitCodes {

    private static final Pattern CODE = Pattern.compile("\\d{2,5}");

    private UnitCodes() {}

    static List<String> parse(String text, int min, int max) {
        if (text == null || text.isBlank()) {
            throw ApiException.badRequest(
                    "units",
                    "parameter 'units' is required: " + min + " to " + max
                            + " unit codes, comma-separated, such as 01,79");
        }
        if (text.length() > 200) {
            throw ApiException.badRequest("units", "parameter 'units' is too long");
        }
        LinkedHashSet<String> codes = new LinkedHashSet<>();
        for (String part : text.split(",", -1)) {
            String code = part.strip();
            if (!CODE.matcher(code).matches()) {
                throw ApiException.badRequest(
                        "units",
                        "parameter 'units' must hold unit codes (2 to 5 digits) " + "separated by commas; got '" + code
                                + "'");
            }
            codes.add(code);
        }
        if (codes.size() < min || codes.size() > max) {
            throw ApiException.badRequest(
                    "units",
                    "parameter 'units' must name " + min + " to " + max + " different units; got " + codes.size());
        }
        return List.copyOf(codes);
    }
}
