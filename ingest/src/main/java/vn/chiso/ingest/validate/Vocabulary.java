package vn.chiso.ingest.validate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;
import vn.chiso.contract.Channel;
import vn.chiso.contract.DossierStatus;
import vn.chiso.contract.UnitLevel;

/** Spellings of statuses, channels and levels in provinces' files, mapped to the lake's codes. */
final class Vocabulary {

    private Vocabulary() {}

    /** The spellings exactly as written above, per vocabulary: the fast path of {@link #lookup}. */
    private static final Map<Map<String, String>, List<String>> SPELLINGS = new java.util.IdentityHashMap<>();

    static final Map<String, String> STATUS = new LinkedHashMap<>();
    static final Map<String, String> CHANNEL = new LinkedHashMap<>();
    static final Map<String, String> LEVEL = new LinkedHashMap<>();

    static {
        for (DossierStatus s : DossierStatus.values()) {
            put(STATUS, s.code(), s.code(), s.label());
        }
        put(STATUS, DossierStatus.RETURNED.code(), "Trả lại", "Từ chối", "Trả lại hồ sơ");
        put(STATUS, DossierStatus.RESOLVED_EARLY.code(), "Trước hạn");
        put(STATUS, DossierStatus.RESOLVED_ON_TIME.code(), "Đúng hạn");
        put(STATUS, DossierStatus.RESOLVED_LATE.code(), "Quá hạn", "Trễ hạn");
        for (Channel c : Channel.values()) {
            put(CHANNEL, c.code(), c.code(), c.label());
        }
        put(CHANNEL, Channel.POSTAL.code(), "Bưu chính", "BCCI", "Qua bưu điện");
        put(CHANNEL, Channel.ONLINE.code(), "Trực tuyến một phần", "Trực tuyến toàn trình", "Dịch vụ công trực tuyến");
        for (UnitLevel l : UnitLevel.values()) {
            put(LEVEL, l.code(), l.code(), l.label(), "Cấp " + l.label().toLowerCase(Locale.ROOT));
        }
        put(LEVEL, UnitLevel.DISTRICT.code(), "Quận", "Thị xã", "Thành phố thuộc tỉnh");
        put(LEVEL, UnitLevel.COMMUNE.code(), "Phường", "Thị trấn");
    }

    private static void put(Map<String, String> map, String code, String... spellings) {
        for (String s : spellings) {
            map.put(s.toLowerCase(Locale.ROOT), code);
            SPELLINGS.computeIfAbsent(map, m -> new ArrayList<>()).add(s);
        }
    }

    /** The code for a raw value, or null when the spelling is unknown. */
    static Column lookup(Map<String, String> vocabulary, Column raw) {
        List<Column> entries = new ArrayList<>();
        vocabulary.forEach((spelling, code) -> {
            entries.add(functions.lit(spelling));
            entries.add(functions.lit(code));
        });
        Column map = functions.map(entries.toArray(Column[]::new));
        // Fast path: a spelling exactly as listed (the usual case) is compared as bytes; anything
        // else goes through lower-casing (slow for Vietnamese text) and the map. Same codes either way.
        Column trimmed = functions.trim(raw);
        Column exact = null;
        for (String spelling : SPELLINGS.getOrDefault(vocabulary, List.of())) {
            String code = vocabulary.get(spelling.toLowerCase(Locale.ROOT));
            exact = exact == null
                    ? functions.when(trimmed.equalTo(spelling), code)
                    : exact.when(trimmed.equalTo(spelling), code);
        }
        Column slow = functions.try_element_at(map, functions.lower(trimmed));
        return exact == null ? slow : functions.coalesce(exact, slow);
    }
}
