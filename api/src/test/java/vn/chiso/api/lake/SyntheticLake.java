package vn.chiso.api.lake;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import vn.chiso.contract.AdminUnits;
import vn.chiso.contract.LakeTable;
import vn.chiso.contract.Province;

/**
 * Small gold tables with the contract's schemas, written with Delta Kernel, for when the real
 * pipeline is not built, ranked the way the pipeline ranks: 63 provinces and six districts, years 2022–2024 and the quarters of 2024,
 * index "progress" (from the KPIs) at both levels and "satisfaction" for 2024. Provinces 02 and 04
 * always have identical KPIs, so every ranking list has a tie.
 */
public final class SyntheticLake {

    public static final String TIED_A = "02";
    public static final String TIED_B = "04";
    static final List<String> PERIODS = List.of("2022", "2023", "2024", "2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4");
    private static final Map<String, List<String[]>> DISTRICTS = Map.of(
            "01",
                    List.of(new String[] {"001", "Quận Ba Đình"}, new String[] {"002", "Quận Hoàn Kiếm"}, new String[] {
                        "003", "Quận Tây Hồ"
                    }),
            "79",
                    List.of(new String[] {"760", "Quận 1"}, new String[] {"761", "Quận 12"}, new String[] {
                        "764", "Quận Gò Vấp"
                    }));

    private SyntheticLake() {}

    public static void write(String lakeRoot) {
        List<Map<String, Object>> kpis = new ArrayList<>();
        for (String period : PERIODS) {
            kpis.addAll(kpis(period));
        }
        DeltaTestWriter.write(lakeRoot, LakeTable.GOLD_UNIT_KPIS, kpis);
        List<Map<String, Object>> rankings = new ArrayList<>();
        for (String level : List.of("province", "district")) {
            for (String period : PERIODS) {
                rankings.addAll(rank("progress", level, period, kpis, "progress_score"));
            }
        }
        rankings.addAll(rank("satisfaction", "province", "2024", kpis, "avg_rating"));
        DeltaTestWriter.write(lakeRoot, LakeTable.GOLD_RANKINGS, rankings);
    }

    /** Province rankings of index progress for a new year: the synthetic 2024 list under that year. */
    public static List<Map<String, Object>> rankingsFor(String year) {
        List<Map<String, Object>> kpis = kpis("2024").stream()
                .map(k -> {
                    Map<String, Object> copy = new LinkedHashMap<>(k);
                    copy.put("period", year);
                    copy.put("year", Integer.parseInt(year));
                    return copy;
                })
                .toList();
        return rank("progress", "province", year, kpis, "progress_score");
    }

    /** KPI rows of every unit for one period; the counts add up as the contract describes. */
    static List<Map<String, Object>> kpis(String period) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Province p : AdminUnits.get().provinces()) {
            String seedCode = p.code().equals(TIED_B) ? TIED_A : p.code();
            rows.add(kpi("province", p.code(), p.name(), p, period, random(seedCode + period)));
            for (String[] d : DISTRICTS.getOrDefault(p.code(), List.of())) {
                rows.add(kpi("district", d[0], d[1], p, period, random(d[0] + period)));
            }
        }
        return rows;
    }

    /** Seeds spread apart: Random's first draws from neighbouring seeds are alike. */
    private static Random random(String key) {
        return new Random(key.hashCode() * 0x9E3779B97F4A7C15L);
    }

    private static Map<String, Object> kpi(
            String level, String code, String name, Province p, String period, Random r) {
        long received = 500 + r.nextInt(20_000);
        long returned = received * r.nextInt(3) / 100;
        long pending = received * (2 + r.nextInt(8)) / 100;
        long resolved = received - returned - pending;
        long late = resolved * r.nextInt(20) / 100;
        long early = resolved * (10 + r.nextInt(40)) / 100;
        long onTimeOnly = resolved - late - early;
        long overdue = pending * r.nextInt(40) / 100;
        long online = received * (20 + r.nextInt(60)) / 100;
        long postal = received * r.nextInt(10) / 100;
        long rated = resolved * (10 + r.nextInt(50)) / 100;
        BigDecimal onTimeRatio = percent(early + onTimeOnly, resolved);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("level", level);
        row.put("unit_code", code);
        row.put("unit_name", name);
        row.put("province_code", p.code());
        row.put("province_name", p.name());
        row.put("region", p.region());
        row.put("period_type", period.length() == 4 ? "year" : period.contains("Q") ? "quarter" : "month");
        row.put("period", period);
        row.put("year", Integer.parseInt(period.substring(0, 4)));
        row.put("received", received);
        row.put("resolved", resolved);
        row.put("resolved_early", early);
        row.put("resolved_on_time", onTimeOnly);
        row.put("resolved_late", late);
        row.put("returned", returned);
        row.put("pending", pending);
        row.put("pending_within_deadline", pending - overdue);
        row.put("pending_overdue", overdue);
        row.put("on_time", early + onTimeOnly);
        row.put("online", online);
        row.put("postal", postal);
        row.put("rated", rated);
        row.put("avg_rating", BigDecimal.valueOf(300 + r.nextInt(200), 2));
        row.put("online_share", percent(online, received));
        row.put("postal_share", percent(postal, received));
        row.put("avg_processing_days", BigDecimal.valueOf(100 + r.nextInt(900), 2));
        row.put("on_time_ratio", onTimeRatio);
        row.put(
                "progress_score",
                onTimeRatio.multiply(BigDecimal.valueOf(20)).divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP));
        return row;
    }

    /**
     * Competition ranking (1, 2, 2, 4) of one level and period by a KPI column, with region ranks and
     * the move against the previous period of the same type.
     */
    public static List<Map<String, Object>> rank(
            String index, String level, String period, List<Map<String, Object>> kpis, String scoreColumn) {
        List<Map<String, Object>> rows = new ArrayList<>();
        List<Map<String, Object>> units = select(kpis, level, period);
        String previous = previousPeriod(period);
        List<Map<String, Object>> before =
                previous == null ? List.of() : rank(index, level, previous, kpis, scoreColumn);
        boolean districts = level.equals("district");
        for (Map<String, Object> k : units) {
            BigDecimal score = score(k, scoreColumn);
            // like the pipeline: districts are ranked within their province, provinces also within their region
            List<Map<String, Object>> peers = districts
                    ? units.stream()
                            .filter(o -> o.get("province_code").equals(k.get("province_code")))
                            .toList()
                    : units;
            int rank = 1
                    + (int) peers.stream()
                            .filter(o -> score(o, scoreColumn).compareTo(score) > 0)
                            .count();
            List<Map<String, Object>> region = units.stream()
                    .filter(o -> o.get("region").equals(k.get("region")))
                    .toList();
            Integer rankInRegion = districts
                    ? null
                    : 1
                            + (int) region.stream()
                                    .filter(o -> score(o, scoreColumn).compareTo(score) > 0)
                                    .count();
            Map<String, Object> prev = before.stream()
                    .filter(b -> b.get("unit_code").equals(k.get("unit_code")))
                    .findFirst()
                    .orElse(null);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("index_code", index);
            row.put("level", level);
            row.put("period_type", k.get("period_type"));
            row.put("period", period);
            row.put("year", k.get("year"));
            row.put("unit_code", k.get("unit_code"));
            row.put("unit_name", k.get("unit_name"));
            row.put("province_code", k.get("province_code"));
            row.put("region", k.get("region"));
            row.put("score", score);
            row.put("rank", rank);
            row.put("units_ranked", peers.size());
            row.put("rank_in_region", rankInRegion);
            row.put("units_in_region", districts ? null : region.size());
            BigDecimal percentile = peers.size() == 1
                    ? BigDecimal.valueOf(100)
                    : BigDecimal.valueOf(100L * (peers.size() - rank))
                            .divide(BigDecimal.valueOf(peers.size() - 1), 2, RoundingMode.HALF_UP);
            row.put("percentile", percentile);
            row.put(
                    "band",
                    percentile.compareTo(BigDecimal.valueOf(75)) >= 0
                            ? "A"
                            : percentile.compareTo(BigDecimal.valueOf(50)) >= 0
                                    ? "B"
                                    : percentile.compareTo(BigDecimal.valueOf(25)) >= 0 ? "C" : "D");
            row.put("previous_period", prev == null ? null : previous);
            row.put("previous_score", prev == null ? null : prev.get("score"));
            row.put("previous_rank", prev == null ? null : prev.get("rank"));
            row.put("previous_rank_in_region", prev == null ? null : prev.get("rank_in_region"));
            row.put("score_change", prev == null ? null : score.subtract((BigDecimal) prev.get("score")));
            row.put("rank_change", prev == null ? null : (Integer) prev.get("rank") - rank);
            row.put(
                    "rank_in_region_change",
                    prev == null || districts ? null : (Integer) prev.get("rank_in_region") - rankInRegion);
            rows.add(row);
        }
        rows.sort(Comparator.comparing(r -> (Integer) r.get("rank")));
        return rows;
    }

    private static List<Map<String, Object>> select(List<Map<String, Object>> kpis, String level, String period) {
        return kpis.stream()
                .filter(k -> k.get("level").equals(level) && k.get("period").equals(period))
                .toList();
    }

    private static BigDecimal score(Map<String, Object> kpi, String column) {
        BigDecimal value = (BigDecimal) kpi.get(column);
        return column.equals("avg_rating")
                ? value.multiply(BigDecimal.valueOf(20)).setScale(2)
                : value;
    }

    private static String previousPeriod(String period) {
        int i = PERIODS.indexOf(period);
        return i > 0 && PERIODS.get(i - 1).length() == period.length() ? PERIODS.get(i - 1) : null;
    }

    private static BigDecimal percent(long part, long whole) {
        return whole == 0
                ? BigDecimal.ZERO.setScale(2)
                : BigDecimal.valueOf(part * 100).divide(BigDecimal.valueOf(whole), 2, RoundingMode.HALF_UP);
    }
}
