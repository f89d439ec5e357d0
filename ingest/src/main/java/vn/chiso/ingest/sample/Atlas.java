package vn.chiso.ingest.sample;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vn.chiso.contract.AdminUnits;
import vn.chiso.contract.Province;
import vn.chiso.contract.UnitLevel;

/**
 * The sample's administrative geography: for each of the 63 provinces its departments, districts and
 * communes with codes, names and per-unit traits. District and commune counts follow the real
 * 2021-2024 map (704 districts, 10,579 communes); codes are allocated in official province order
 * (districts 001.., communes 00001.. in steps of 3, like GSO codes), so they are unique nationwide and
 * do not depend on the seed. Names, district types and traits are drawn from the seed.
 */
final class Atlas {

    /** Real district and commune counts per province (2021-2024, before the 2025 reform). */
    private static final Map<String, int[]> COUNTS = Map.ofEntries(
            Map.entry("01", new int[] {30, 579}),
            Map.entry("02", new int[] {11, 193}),
            Map.entry("04", new int[] {10, 161}),
            Map.entry("06", new int[] {8, 108}),
            Map.entry("08", new int[] {7, 138}),
            Map.entry("10", new int[] {9, 152}),
            Map.entry("11", new int[] {10, 129}),
            Map.entry("12", new int[] {8, 106}),
            Map.entry("14", new int[] {12, 200}),
            Map.entry("15", new int[] {9, 173}),
            Map.entry("17", new int[] {10, 151}),
            Map.entry("19", new int[] {9, 177}),
            Map.entry("20", new int[] {11, 200}),
            Map.entry("22", new int[] {13, 171}),
            Map.entry("24", new int[] {10, 207}),
            Map.entry("25", new int[] {13, 225}),
            Map.entry("26", new int[] {9, 136}),
            Map.entry("27", new int[] {8, 121}),
            Map.entry("30", new int[] {12, 235}),
            Map.entry("31", new int[] {15, 217}),
            Map.entry("33", new int[] {10, 161}),
            Map.entry("34", new int[] {8, 260}),
            Map.entry("35", new int[] {6, 109}),
            Map.entry("36", new int[] {10, 226}),
            Map.entry("37", new int[] {8, 143}),
            Map.entry("38", new int[] {26, 559}),
            Map.entry("40", new int[] {21, 460}),
            Map.entry("42", new int[] {13, 216}),
            Map.entry("44", new int[] {8, 151}),
            Map.entry("45", new int[] {10, 125}),
            Map.entry("46", new int[] {9, 145}),
            Map.entry("48", new int[] {8, 56}),
            Map.entry("49", new int[] {18, 241}),
            Map.entry("51", new int[] {13, 173}),
            Map.entry("52", new int[] {11, 155}),
            Map.entry("54", new int[] {9, 110}),
            Map.entry("56", new int[] {9, 139}),
            Map.entry("58", new int[] {7, 65}),
            Map.entry("60", new int[] {10, 124}),
            Map.entry("62", new int[] {10, 102}),
            Map.entry("64", new int[] {17, 218}),
            Map.entry("66", new int[] {15, 184}),
            Map.entry("67", new int[] {8, 71}),
            Map.entry("68", new int[] {12, 142}),
            Map.entry("70", new int[] {11, 111}),
            Map.entry("72", new int[] {9, 94}),
            Map.entry("74", new int[] {9, 91}),
            Map.entry("75", new int[] {11, 170}),
            Map.entry("77", new int[] {8, 82}),
            Map.entry("79", new int[] {22, 312}),
            Map.entry("80", new int[] {15, 188}),
            Map.entry("82", new int[] {11, 172}),
            Map.entry("83", new int[] {9, 157}),
            Map.entry("84", new int[] {9, 106}),
            Map.entry("86", new int[] {8, 107}),
            Map.entry("87", new int[] {12, 143}),
            Map.entry("89", new int[] {11, 156}),
            Map.entry("91", new int[] {15, 144}),
            Map.entry("92", new int[] {9, 83}),
            Map.entry("93", new int[] {8, 75}),
            Map.entry("94", new int[] {11, 109}),
            Map.entry("95", new int[] {7, 64}),
            Map.entry("96", new int[] {9, 101}));

    /** Urban districts (quận) of the five centrally-run cities, plus their town/city and rural districts. */
    private static final Map<String, int[]> MUNICIPAL_KINDS = Map.of(
            // quận, thành phố, thị xã (rest huyện)
            "01", new int[] {12, 0, 1},
            "79", new int[] {16, 1, 0},
            "31", new int[] {7, 0, 0},
            "48", new int[] {6, 0, 0},
            "92", new int[] {5, 0, 0});

    private static final String[] FIRST = {
        "An", "Bình", "Phú", "Tân", "Hòa", "Thạnh", "Đông", "Tây", "Nam", "Bắc", "Long", "Phước", "Thuận",
        "Hưng", "Thành", "Quang", "Minh", "Hải", "Sơn", "Mỹ", "Vĩnh", "Hiệp", "Trung", "Đức", "Xuân", "Yên",
        "Kim", "Hồng", "Cẩm", "Gia", "Thanh", "Nghĩa", "Phong", "Hà", "Lâm", "Định", "Khánh", "Đại", "Châu",
        "Hoàng", "Ninh", "Trường", "Quảng", "Tiên", "Văn", "Việt", "Thái", "Hoa", "Hữu", "Cát", "Đồng", "Bảo",
        "Liên", "Ngọc", "Tam", "Diễn", "Kỳ", "Triệu", "Lục", "Võ"
    };
    private static final String[] SECOND = {
        "An", "Bình", "Lập", "Hòa", "Thạnh", "Lộc", "Long", "Phước", "Thuận", "Hưng", "Thành", "Minh", "Hải",
        "Sơn", "Mỹ", "Hiệp", "Trung", "Đức", "Thịnh", "Xuân", "Yên", "Phong", "Lương", "Lâm", "Định", "Khánh",
        "Hợp", "Tiến", "Thắng", "Lợi", "Cường", "Vinh", "Quý", "Châu", "Giang", "Thủy", "Lạc", "Ninh", "Điền",
        "Hội", "Thọ", "Tường", "Nhân", "Hậu", "Phúc", "Tín", "Hạnh", "Hiền", "Khê", "Nguyên", "Linh", "Mai",
        "Tú", "Vân", "Xương", "Phương", "Chánh", "Dương", "Trạch", "Uyên"
    };

    enum DistrictKind {
        QUAN("Quận", 1.3),
        THANH_PHO("Thành phố", 1.6),
        THI_XA("Thị xã", 1.05),
        HUYEN("Huyện", 0.9);

        final String prefix;
        final double volume;

        DistrictKind(String prefix, double volume) {
            this.prefix = prefix;
            this.volume = volume;
        }
    }

    /** A receiving unit with its sampling traits: volume weight and lateness multiplier. */
    record Unit(
            String code,
            String name,
            UnitLevel level,
            String districtCode,
            Catalog.Department department,
            double volume,
            double lateness) {}

    /** One province's units; {@code units} lists departments, then districts, then communes. */
    record ProvinceUnits(
            int index, Province province, List<Unit> departments, List<Unit> districts, List<Unit> communes) {}

    private final List<ProvinceUnits> provinces;

    private Atlas(List<ProvinceUnits> provinces) {
        this.provinces = provinces;
    }

    List<ProvinceUnits> provinces() {
        return provinces;
    }

    /** Running unit codes across provinces: districts 001…, communes 00001… in steps of 3. */
    private static final class UnitCodes {
        int nextDistrict = 1;
        int nextCommune = 1;
    }

    static Atlas build(long seed) {
        List<Province> official = AdminUnits.get().provinces();
        List<ProvinceUnits> result = new ArrayList<>(official.size());
        UnitCodes codes = new UnitCodes();
        for (int i = 0; i < official.size(); i++) {
            Province p = official.get(i);
            int[] counts = COUNTS.get(p.code());
            if (counts == null) {
                throw new IllegalStateException("no district/commune counts for province " + p.code());
            }
            result.add(province(i, p, counts, Rng.of(seed, 0xA71A5L, i), codes));
        }
        if (codes.nextDistrict > 1000 || codes.nextCommune > 100_000) {
            throw new IllegalStateException("unit codes overflow");
        }
        return new Atlas(List.copyOf(result));
    }

    /** One province's departments, districts (counts[0]) and communes (counts[1]). */
    private static ProvinceUnits province(int i, Province p, int[] counts, Rng rng, UnitCodes codes) {
        List<Unit> departments = departments(p, rng);
        List<DistrictKind> kinds = districtKinds(p.code(), counts[0], rng);
        int[] communesPer = communesPerDistrict(kinds, counts[1], rng);
        List<Unit> districts = new ArrayList<>();
        List<Unit> communes = new ArrayList<>();
        Set<String> districtNames = new HashSet<>();
        int numbered = 0;
        for (int k = 0; k < kinds.size(); k++) {
            DistrictKind kind = kinds.get(k);
            String name;
            if (p.code().equals("79") && kind == DistrictKind.QUAN && numbered < 10) {
                name = "Quận " + new int[] {1, 3, 4, 5, 6, 7, 8, 10, 11, 12}[numbered++];
            } else {
                name = kind.prefix + " " + uniqueName(rng, districtNames);
            }
            String districtCode = pad(codes.nextDistrict++, 3);
            districts.add(new Unit(
                    districtCode,
                    name,
                    UnitLevel.DISTRICT,
                    districtCode,
                    null,
                    kind.volume * rng.logNormal(0.35, 0.4, 2.5),
                    rng.logNormal(0.35, 0.35, 3.0)));
            boolean numberedDistrict = name.length() > 5 && Character.isDigit(name.charAt(name.length() - 1));
            boolean numberWards = kind != DistrictKind.HUYEN
                    && (numberedDistrict || (p.code().compareTo("74") >= 0 && rng.chance(0.5)));
            communes(kind, communesPer[k], numberWards, districtCode, rng, codes, communes);
        }
        return new ProvinceUnits(i, p, List.copyOf(departments), List.copyOf(districts), List.copyOf(communes));
    }

    /**
     * The n communes of a district: wards first (numbered in some cities), then towns, then
     * communes proper; how many are wards or towns depends on the district's kind.
     */
    private static void communes(
            DistrictKind kind,
            int n,
            boolean numberWards,
            String districtCode,
            Rng rng,
            UnitCodes codes,
            List<Unit> out) {
        int wards;
        int towns;
        switch (kind) {
            case QUAN -> {
                wards = n;
                towns = 0;
            }
            case THANH_PHO -> {
                wards = (int) Math.round(n * rng.between(0.6, 0.95));
                towns = 0;
            }
            case THI_XA -> {
                wards = (int) Math.round(n * rng.between(0.3, 0.6));
                towns = 0;
            }
            default -> {
                wards = 0;
                towns = (n >= 10 && rng.chance(0.2)) ? 2 : 1;
            }
        }
        Set<String> communeNames = new HashSet<>();
        for (int c = 0; c < n; c++) {
            String prefix = c < wards ? "Phường" : c < wards + towns ? "Thị trấn" : "Xã";
            String communeName = prefix.equals("Phường") && numberWards
                    ? "Phường " + (c + 1)
                    : prefix + " " + uniqueName(rng, communeNames);
            double volume = (prefix.equals("Xã") ? 1.0 : 1.35) * rng.logNormal(0.5, 0.25, 4.0);
            out.add(new Unit(
                    pad(codes.nextCommune, 5),
                    communeName,
                    UnitLevel.COMMUNE,
                    districtCode,
                    null,
                    volume,
                    rng.logNormal(0.4, 0.3, 3.0)));
            codes.nextCommune += 3;
        }
    }

    private static List<Unit> departments(Province p, Rng rng) {
        List<Catalog.Department> depts = new ArrayList<>(Catalog.CORE_DEPARTMENTS);
        if (rng.chance(0.7)) {
            depts.add(Catalog.BQL_KCN);
        }
        if (rng.chance(0.5)) {
            depts.add(Catalog.NGOAI_VU);
        }
        if (rng.chance(0.6)) {
            depts.add(Catalog.DAN_TOC);
        }
        boolean tourism = Catalog.TOURISM_PROVINCES.contains(p.code());
        if (tourism) {
            depts.add(Catalog.DU_LICH);
        }
        List<Unit> units = new ArrayList<>();
        for (Catalog.Department d : depts) {
            String name = d == Catalog.VHTTDL && tourism ? Catalog.VHTT_WITHOUT_TOURISM : d.name();
            units.add(new Unit(
                    p.code() + "." + d.codeSuffix(),
                    name,
                    UnitLevel.PROVINCE,
                    "",
                    d,
                    d.weight() * rng.logNormal(0.2, 0.5, 2.0),
                    rng.logNormal(0.3, 0.4, 2.5)));
        }
        return units;
    }

    private static List<DistrictKind> districtKinds(String code, int n, Rng rng) {
        int quan;
        int cities;
        int towns;
        int[] municipal = MUNICIPAL_KINDS.get(code);
        if (municipal != null) {
            quan = municipal[0];
            cities = municipal[1];
            towns = municipal[2];
        } else {
            quan = 0;
            cities = 1 + (rng.chance(0.3) ? 1 : 0) + (n >= 12 && rng.chance(0.15) ? 1 : 0);
            double t = rng.nextDouble();
            towns = t < 0.4 ? 0 : t < 0.8 ? 1 : 2;
            towns = Math.min(towns, Math.max(0, n - cities - 3));
        }
        List<DistrictKind> kinds = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            kinds.add(
                    k < quan
                            ? DistrictKind.QUAN
                            : k < quan + cities
                                    ? DistrictKind.THANH_PHO
                                    : k < quan + cities + towns ? DistrictKind.THI_XA : DistrictKind.HUYEN);
        }
        return kinds;
    }

    /** Splits the province's communes over its districts: at least 3 each, quận smaller, huyện larger. */
    private static int[] communesPerDistrict(List<DistrictKind> kinds, int total, Rng rng) {
        double[] w = new double[kinds.size()];
        for (int k = 0; k < w.length; k++) {
            double base = switch (kinds.get(k)) {
                case QUAN -> 0.6;
                case THANH_PHO -> 0.8;
                case THI_XA -> 0.9;
                case HUYEN -> 1.1;
            };
            w[k] = base * rng.between(0.6, 1.4);
        }
        return Allocation.largestRemainder(total, w, 3);
    }

    private static String pad(int v, int width) {
        String s = Integer.toString(v);
        return "0".repeat(Math.max(0, width - s.length())) + s;
    }

    private static String uniqueName(Rng rng, Set<String> used) {
        for (int attempt = 0; ; attempt++) {
            String a = FIRST[rng.nextInt(FIRST.length)];
            String b = SECOND[rng.nextInt(SECOND.length)];
            String name = a + " " + b;
            if (!a.equals(b) && (used.add(name) || attempt > 1000)) {
                return name;
            }
        }
    }
}
