package vn.chiso.ingest.parse;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.chiso.contract.AdminUnits;
import vn.chiso.contract.Province;
import vn.chiso.contract.ReasonCode;

/**
 * Provinces versioned by validity: the 63 provinces until 30 June 2025 and the 34 from 1 July 2025
 * (codes are reused: 44 was Quảng Bình, is Quảng Trị). Resolves an official code or a name as
 * written (with prefixes such as Tỉnh, TP., Thành phố, UBND, English "Province"/"City", without
 * diacritics, or an old name from {@code ingest/province-aliases.csv}) to the unit valid on a date.
 */
public final class Provinces {

    /** One version of a province: code, name, validity (null = open), successor (for the 63). */
    public record Version(
            String code,
            String name,
            String region,
            LocalDate validFrom,
            LocalDate validTo,
            String successorCode,
            String successorName)
            implements java.io.Serializable {

        public boolean validOn(LocalDate date) {
            return (validFrom == null || !date.isBefore(validFrom)) && (validTo == null || !date.isAfter(validTo));
        }
    }

    /** A resolution: the unit, or why there is none (reason code + message). */
    public record Resolution(Version unit, String reasonCode, String message) {
        public boolean ok() {
            return unit != null;
        }
    }

    public static final String UNKNOWN_PROVINCE = ReasonCode.UNKNOWN_PROVINCE.code();
    public static final String UNIT_NOT_VALID_ON_DATE = ReasonCode.UNIT_NOT_VALID_ON_DATE.code();

    private static final String ALIASES = "/ingest/province-aliases.csv";
    private static final String FORMER = "/ingest/former-provinces.csv";
    private static final List<String> PREFIXES =
            List.of("uy ban nhan dan", "ubnd", "thanh pho", "tinh", "tp", "t p", "thu do", "province of", "city of");
    private static final List<String> SUFFIXES = List.of("province", "city");
    private static final Provinces INSTANCE = new Provinces();

    private final List<Version> versions = new ArrayList<>();
    private final Map<String, List<Version>> byCode = new HashMap<>();
    private final Map<String, List<Version>> byName = new HashMap<>();
    /** Name key of a former province (Hà Tây) → why it is not one of the 63. */
    private final Map<String, String> former = new HashMap<>();

    private Provinces() {
        LocalDate lastOld = AdminUnits.LAST_DAY_OF_63_PROVINCES;
        LocalDate firstNew = AdminUnits.FIRST_DAY_OF_34_PROVINCES;
        Map<String, Version> newer = new LinkedHashMap<>();
        Map<String, String> regionByCode = new HashMap<>();
        for (Province p : AdminUnits.get().provinces()) {
            add(new Version(p.code(), p.name(), p.region(), null, lastOld, p.successorCode(), p.successorName()));
            regionByCode.put(p.code(), p.region());
        }
        for (Province p : AdminUnits.get().provinces()) {
            newer.computeIfAbsent(
                    p.successorCode(),
                    c -> new Version(
                            c,
                            p.successorName(),
                            regionByCode.getOrDefault(c, p.region()),
                            firstNew,
                            null,
                            null,
                            null));
        }
        newer.values().forEach(this::add);
        loadAliases();
        for (String[] f : lines(FORMER)) {
            String successor = byCode.getOrDefault(f[1].strip(), List.of()).stream()
                    .map(Version::name)
                    .findFirst()
                    .orElse("?");
            former.put(
                    nameKey(f[0]),
                    "a former province, merged into " + f[1].strip() + " " + successor + " on " + f[2].strip()
                            + "; not one of the 63 provinces, and its figures are not " + successor + "'s");
        }
    }

    private static List<String[]> lines(String resource) {
        List<String[]> out = new ArrayList<>();
        try (InputStream in = Provinces.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            boolean header = true;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (header) {
                    header = false;
                    continue;
                }
                out.add(line.split(",", -1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    public static Provinces get() {
        return INSTANCE;
    }

    /** Every version: the 63 (until 2025-06-30) then the 34 (from 2025-07-01). */
    public List<Version> versions() {
        return List.copyOf(versions);
    }

    private void add(Version v) {
        versions.add(v);
        byCode.computeIfAbsent(v.code(), k -> new ArrayList<>()).add(v);
        byName.computeIfAbsent(nameKey(v.name()), k -> new ArrayList<>()).add(v);
    }

    private void loadAliases() {
        try (InputStream in = Provinces.class.getResourceAsStream(ALIASES)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + ALIASES);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#") || line.startsWith("alias,")) {
                    continue;
                }
                String[] f = line.split(",", -1);
                String alias = nameKey(f[0]);
                for (Version v : byCode.getOrDefault(f[1].strip(), List.of())) {
                    List<Version> list = byName.computeIfAbsent(alias, k -> new ArrayList<>());
                    if (!list.contains(v)) {
                        list.add(v);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Comparison key of a province name: prefixes and suffixes dropped, no diacritics, no spaces. */
    public static String nameKey(String name) {
        String w = VnText.words(name);
        boolean changed = true;
        while (changed) {
            changed = false;
            for (String p : PREFIXES) {
                if (w.startsWith(p + " ")) {
                    w = w.substring(p.length() + 1);
                    changed = true;
                }
            }
            for (String s : SUFFIXES) {
                if (w.endsWith(" " + s)) {
                    w = w.substring(0, w.length() - s.length() - 1);
                    changed = true;
                }
            }
        }
        return w.replace(" ", "");
    }

    /** A code ("1", "01", "44") or a name, resolved against the units valid on the date. */
    public Resolution resolve(String raw, LocalDate on) {
        if (raw == null || raw.isBlank()) {
            return new Resolution(null, ReasonCode.MISSING_VALUE.code(), "province is empty");
        }
        String s = raw.strip();
        List<Version> candidates;
        if (s.matches("\\d{1,2}")) {
            candidates = byCode.getOrDefault(s.length() == 1 ? "0" + s : s, List.of());
        } else {
            candidates = byName.getOrDefault(nameKey(s), List.of());
        }
        if (candidates.isEmpty() && former.containsKey(nameKey(s))) {
            return new Resolution(null, UNKNOWN_PROVINCE, "province '" + raw + "' is " + former.get(nameKey(s)));
        }
        if (candidates.isEmpty()) {
            return new Resolution(
                    null, UNKNOWN_PROVINCE, "province '" + raw + "' is not an official province code or name");
        }
        if (on == null) {
            return new Resolution(
                    null, ReasonCode.MISSING_VALUE.code(), "province '" + raw + "' needs a date to be resolved");
        }
        for (Version v : candidates) {
            if (v.validOn(on)) {
                return new Resolution(v, null, null);
            }
        }
        Version v = candidates.get(0);
        String why = v.validTo() != null && on.isAfter(v.validTo())
                ? " (merged into " + v.successorCode() + " " + v.successorName() + " on "
                        + v.validTo().plusDays(1) + ")"
                : " (exists from " + v.validFrom() + ")";
        return new Resolution(
                null,
                UNIT_NOT_VALID_ON_DATE,
                "province '" + raw + "' (" + v.code() + " " + v.name() + ") is not valid on " + on + why);
    }
}
