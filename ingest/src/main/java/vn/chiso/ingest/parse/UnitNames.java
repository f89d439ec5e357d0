package vn.chiso.ingest.parse;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import vn.chiso.contract.UnitLevel;
import vn.chiso.ingest.source.ResourceTable;

/**
 * A receiving unit written as a name ("UBND huyện Tuy An", "Sở Tư pháp", "UBND phường 7"), read into
 * its level and a stable key within its province: {@code 54:district:huyen-tuy-an},
 * {@code 25:department:so-tu-phap}. The key ignores case, diacritics, punctuation, the words
 * "UBND"/"Ủy ban nhân dân" and leading zeros of numbers, and writes abbreviations out (TP. → thành
 * phố), so every spelling of one unit gets one key. The prefixes that tell the level are data:
 * {@code ingest/unit-name-prefixes.csv}. The unit type stays in the key: "Huyện Long Mỹ" and "Thị xã
 * Long Mỹ" are two districts of one province.
 */
public final class UnitNames {

    /** Kind of a name whose level no prefix tells. */
    public static final String UNKNOWN_KIND = "unit";

    /** A name as read: level (null when no prefix tells it), the key's kind, and the name's slug. */
    public record Named(String level, String kind, String slug) implements java.io.Serializable {

        /** The unit key within a province: {@code <province>:<kind>:<slug>}. */
        public String key(String provinceCode) {
            return provinceCode + ":" + kind + ":" + slug;
        }
    }

    private record Prefix(String words, String level, String kind, String spelled) {}

    private static final String RESOURCE = "/ingest/unit-name-prefixes.csv";
    private static final UnitNames INSTANCE = new UnitNames();

    private final List<Prefix> dropped = new ArrayList<>();
    private final List<Prefix> levels = new ArrayList<>();

    private UnitNames() {
        for (ResourceTable.Row row : ResourceTable.read(RESOURCE)) {
            String words = VnText.words(row.get(0));
            if (row.fields().size() != 4 || words.isEmpty()) {
                throw new IllegalStateException(
                        RESOURCE + " line " + row.line() + ": expected prefix,level,kind,spelled");
            }
            String level = row.get(1);
            if (level.isEmpty()) {
                dropped.add(new Prefix(words, null, null, null));
            } else {
                if (UnitLevel.fromCode(level).isEmpty() || row.get(2).isEmpty()) {
                    throw new IllegalStateException(
                            RESOURCE + " line " + row.line() + ": unknown level '" + level + "' or no kind");
                }
                levels.add(
                        new Prefix(words, level, row.get(2), row.get(3).isEmpty() ? words : VnText.words(row.get(3))));
            }
        }
        // the longest prefix first: "thanh tra thanh pho" before "thanh pho"
        levels.sort(Comparator.comparingInt((Prefix p) -> p.words().length()).reversed());
    }

    public static UnitNames get() {
        return INSTANCE;
    }

    /**
     * Reads a unit name within its province (code, may be null); null for a blank name. "Tỉnh X" or
     * "Thành phố X" naming the province itself is the province's own unit, not a district.
     */
    public Named read(String name, String provinceCode) {
        String w = VnText.words(name);
        if (w.isEmpty()) {
            return null;
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Prefix d : dropped) {
                if (w.startsWith(d.words() + " ")) {
                    w = w.substring(d.words().length() + 1);
                    changed = true;
                }
            }
        }
        String level = null;
        String kind = UNKNOWN_KIND;
        for (Prefix p : levels) {
            if (w.equals(p.words()) || w.startsWith(p.words() + " ")) {
                String rest = w.substring(p.words().length()).strip();
                level = p.level();
                kind = p.kind();
                w = rest.isEmpty() ? p.spelled() : p.spelled() + " " + rest;
                if (!rest.isEmpty() && p.kind().equals("district") && namesProvince(rest, provinceCode)) {
                    level = "province";
                    kind = "province";
                }
                break;
            }
        }
        StringBuilder slug = new StringBuilder();
        for (String word : w.split(" ")) {
            if (slug.length() > 0) {
                slug.append('-');
            }
            slug.append(word.matches("0+[0-9]+") ? word.replaceFirst("^0+(?=.)", "") : word);
        }
        return new Named(level, kind, slug.toString());
    }

    /** The key of a unit name within a province, or null for a blank name. */
    public String key(String name, String provinceCode) {
        Named n = read(name, provinceCode);
        return n == null ? null : n.key(provinceCode);
    }

    /** Whether the words name the province itself (its name or an alias, in either map). */
    private static boolean namesProvince(String rest, String provinceCode) {
        if (provinceCode == null) {
            return false;
        }
        for (java.time.LocalDate on : List.of(
                vn.chiso.contract.AdminUnits.LAST_DAY_OF_63_PROVINCES,
                vn.chiso.contract.AdminUnits.FIRST_DAY_OF_34_PROVINCES)) {
            Provinces.Resolution r = Provinces.get().resolve(rest, on);
            if (r.ok() && r.unit().code().equals(provinceCode)) {
                return true;
            }
        }
        return false;
    }
}
