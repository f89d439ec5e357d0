package vn.chiso.contract;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The official province list (reference/provinces_63.csv, copied from shared/reference):
 * 63 provinces with their socio-economic region and the province each joined in the 2025 reform.
 */
public final class AdminUnits {

    /** Last day of the 63-province map; from 1 July 2025 there are 34 provinces and no districts. */
    public static final LocalDate LAST_DAY_OF_63_PROVINCES = LocalDate.of(2025, 6, 30);

    public static final LocalDate FIRST_DAY_OF_34_PROVINCES = LocalDate.of(2025, 7, 1);

    private static final String RESOURCE = "/reference/provinces_63.csv";
    private static final AdminUnits INSTANCE = load();

    private final Map<String, Province> byCode;

    private AdminUnits(Map<String, Province> byCode) {
        this.byCode = Collections.unmodifiableMap(byCode);
    }

    public static AdminUnits get() {
        return INSTANCE;
    }

    public List<Province> provinces() {
        return List.copyOf(byCode.values());
    }

    public Optional<Province> province(String code) {
        return Optional.ofNullable(byCode.get(code));
    }

    /** The six socio-economic regions in the order they first appear in the official list. */
    public List<String> regions() {
        return byCode.values().stream().map(Province::region).distinct().toList();
    }

    private static AdminUnits load() {
        try (InputStream in = AdminUnits.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + RESOURCE);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String header = reader.readLine();
            if (header == null || !header.startsWith("code,name,region,code_after_2025,name_after_2025")) {
                throw new IllegalStateException(RESOURCE + ": unexpected header " + header);
            }
            Map<String, Province> provinces = new LinkedHashMap<>();
            String line;
            int row = 1;
            while ((line = reader.readLine()) != null) {
                row++;
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",", -1);
                if (f.length != 5) {
                    throw new IllegalStateException(RESOURCE + " row " + row + ": expected 5 fields, got " + f.length);
                }
                provinces.put(f[0], new Province(f[0], f[1], f[2], f[3], f[4]));
            }
            return new AdminUnits(provinces);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Provinces grouped by region, preserving the official order. */
    public Map<String, List<Province>> byRegion() {
        Map<String, List<Province>> result = new LinkedHashMap<>();
        for (Province p : byCode.values()) {
            result.computeIfAbsent(p.region(), r -> new ArrayList<>()).add(p);
        }
        return result;
    }
}
