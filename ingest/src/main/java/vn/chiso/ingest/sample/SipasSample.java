package vn.chiso.ingest.sample;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.chiso.contract.AdminUnits;
import vn.chiso.contract.Province;

/**
 * Sample SIPAS tables of the 63 provinces (five factors in %, the index in %, rank), shaped on the
 * published 2023 results: Quảng Ninh 90,61 % first, Thái Nguyên 90,29 %, Hải Dương 90,23 %, Hải
 * Phòng 88,09 % fifth, Gia Lai 83,84 % nineteenth, 82,66 % nationally (here the mean of the 63
 * provinces). In the sample the index is the mean of the five factors; everything else is synthetic.
 */
final class SipasSample {

    static final List<String> FACTORS = List.of(
            "Tiếp cận dịch vụ",
            "Thủ tục hành chính",
            "Công chức giải quyết công việc",
            "Kết quả giải quyết công việc",
            "Tiếp nhận, xử lý góp ý, phản ánh, kiến nghị");
    /** Typical distance of each factor from the index, in hundredths (feedback handling trails). */
    private static final long[] FACTOR_OFFSET = {150, 50, 100, 50, -350};

    static final Map<String, Long> PUBLISHED_2023 =
            Map.of("22", 9061L, "19", 9029L, "30", 9023L, "31", 8809L, "64", 8384L);
    static final long NATIONAL_2023 = 8266;

    private final long seed;

    SipasSample(long seed) {
        this.seed = seed;
    }

    AnnexTable table(int year) {
        List<Province> provinces = AdminUnits.get().provinces();
        List<String> codes = provinces.stream().map(Province::code).toList();
        Map<String, Double> quality = new LinkedHashMap<>();
        for (int i = 0; i < provinces.size(); i++) {
            double lasting = Rng.of(seed, 0x51A1L, i).gaussian();
            quality.put(
                    codes.get(i),
                    0.7 * lasting + 0.3 * Rng.of(seed, 0x51A2L, i, year).gaussian());
        }
        Rng rng = Rng.of(seed, 0x51A3L, year);
        int others = codes.size() - PUBLISHED_2023.size();
        Map<String, Long> totals = year == 2023
                ? ScoreCalibration.totals(
                        codes,
                        PUBLISHED_2023,
                        quality,
                        List.of(
                                new ScoreCalibration.Band(1, 8810, 9022), // 4th
                                new ScoreCalibration.Band(13, 8385, 8808), // 6th–18th
                                new ScoreCalibration.Band(others - 14, 7800, 8383)), // 20th–63rd
                        NATIONAL_2023 * codes.size(),
                        rng)
                : ScoreCalibration.totals(
                        codes,
                        Map.of(),
                        quality,
                        List.of(new ScoreCalibration.Band(
                                codes.size(), year < 2023 ? 7300 : 7600, year < 2023 ? 8900 : 9200)),
                        null,
                        rng);
        Map<String, Integer> ranks = ScoreCalibration.ranks(totals);
        List<String> headers = new ArrayList<>();
        FACTORS.forEach(f -> headers.add(f + " (%)"));
        headers.add("Chỉ số SIPAS (%)");
        List<AnnexTable.Row> rows = new ArrayList<>();
        for (int i = 0; i < provinces.size(); i++) {
            Province p = provinces.get(i);
            long total = totals.get(p.code());
            List<Long> scores = new ArrayList<>();
            for (long f : factors(total, Rng.of(seed, 0x51A4L, i, year))) {
                scores.add(f);
            }
            scores.add(total);
            rows.add(new AnnexTable.Row(p, scores, ranks.get(p.code())));
        }
        rows.sort(Comparator.comparingInt(AnnexTable.Row::rank));
        String title = "CHỈ SỐ HÀI LÒNG VỀ SỰ PHỤC VỤ HÀNH CHÍNH (SIPAS) NĂM " + year + " CỦA CÁC TỈNH, THÀNH PHỐ "
                + "TRỰC THUỘC TRUNG ƯƠNG (DỮ LIỆU MẪU)";
        return new AnnexTable("SIPAS", year, title, note(year), headers, rows);
    }

    /** Five factor percentages whose mean is exactly the index (their sum is five times it), each at most 100. */
    static long[] factors(long index, Rng r) {
        long[] f = new long[FACTORS.size()];
        long sum = 0;
        for (int i = 0; i < f.length; i++) {
            f[i] = Math.min(10000, Math.max(0, index + FACTOR_OFFSET[i] + Math.round(220 * r.gaussian())));
            sum += f[i];
        }
        long diff = index * f.length - sum;
        while (diff != 0) { // one hundredth at a time, in turn, within 0–100 %
            for (int i = 0; i < f.length && diff != 0; i++) {
                long v = f[i] + Long.signum(diff);
                if (v >= 0 && v <= 10000) {
                    f[i] = v;
                    diff -= Long.signum(diff);
                }
            }
        }
        return f;
    }

    private static String note(int year) {
        String common = "Nguồn: dữ liệu mẫu (không phải số liệu công bố), do chiso sinh ra theo bố cục phụ lục báo cáo "
                + "của Bộ Nội vụ; ở bảng mẫu, chỉ số là trung bình của năm yếu tố. ";
        return year == 2023
                ? common + "Hiệu chỉnh khớp số liệu công bố: Quảng Ninh 90,61 (thứ 1), Thái Nguyên 90,29 (thứ 2), "
                        + "Hải Dương 90,23 (thứ 3), Hải Phòng 88,09 (thứ 5), Gia Lai 83,84 (thứ 19), cả nước 82,66 (ở "
                        + "đây là trung bình 63 tỉnh); các yếu tố và các tỉnh khác là giả định."
                : common + "Mọi số liệu là giả định.";
    }
}
