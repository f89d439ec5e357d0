package vn.chiso.ingest.sample;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.chiso.contract.AdminUnits;
import vn.chiso.contract.Province;

/**
 * Sample PAR Index tables of the 63 provinces (eight areas, the survey's share, total points, the
 * index in %, rank), shaped on the published 2023 results: Quảng Ninh 92,18 % first, Hải Phòng
 * 91,81 %, Hà Nội 91,43 %, Bắc Giang 91,16 %, Bà Rịa - Vũng Tàu 91,03 %, seven provinces in band A
 * (≥ 90 %), Sóc Trăng 81,70 %, An Giang 81,32 % last, mean of the 63 provinces 86,98 %; the 2022
 * mean 84,79 % (2023's 86,98 % was 2,19 points above it). Everything else is synthetic.
 */
final class ParIndexSample {

    /** Areas under Decision 876/QĐ-BNV (results from 2022) and the maxima this sample uses. */
    static final List<String> AREAS_876 = List.of(
            "Công tác chỉ đạo, điều hành CCHC",
            "Cải cách thể chế",
            "Cải cách thủ tục hành chính",
            "Cải cách tổ chức bộ máy hành chính nhà nước",
            "Cải cách chế độ công vụ",
            "Cải cách tài chính công",
            "Xây dựng và phát triển Chính phủ điện tử, Chính phủ số",
            "Tác động của CCHC đến người dân, tổ chức và phát triển KT-XH");
    /** Illustrative, not checked against the decision's text: they add up to 100 as the method's do. */
    static final long[] MAXIMA_876 = {900, 1150, 1350, 1000, 1350, 750, 1700, 1800};
    /** The survey's share of the 100 points under Decision 876/QĐ-BNV (published in the 2023 report). */
    static final long SURVEY_MAX = 3200;
    /** Areas and maxima before Decision 876 (results up to 2021), as methodologies/par_index/2021.yaml. */
    static final List<String> AREAS_BEFORE_876 = List.of(
            "Công tác chỉ đạo, điều hành CCHC",
            "Xây dựng và tổ chức thực hiện văn bản QPPL",
            "Cải cách thủ tục hành chính",
            "Cải cách tổ chức bộ máy hành chính nhà nước",
            "Xây dựng và nâng cao chất lượng đội ngũ CBCCVC",
            "Cải cách tài chính công",
            "Hiện đại hóa hành chính",
            "Tác động của CCHC đến người dân, tổ chức và phát triển KT-XH");

    static final long[] MAXIMA_BEFORE_876 = {1000, 1000, 1450, 1100, 1600, 700, 1600, 1550};

    /** Published 2023 results (hundredths of a percent) by province code. */
    static final Map<String, Long> PUBLISHED_2023 =
            Map.of("22", 9218L, "31", 9181L, "01", 9143L, "24", 9116L, "77", 9103L, "94", 8170L, "89", 8132L);

    static final long MEAN_2023 = 8698;
    static final long MEAN_2022 = 8479;
    static final int BAND_A_2023 = 7;

    private final long seed;

    ParIndexSample(long seed) {
        this.seed = seed;
    }

    static boolean under876(int year) {
        return year >= 2022;
    }

    AnnexTable table(int year) {
        List<Province> provinces = AdminUnits.get().provinces();
        Map<String, Long> totals =
                totals(year, provinces.stream().map(Province::code).toList());
        Map<String, Integer> ranks = ScoreCalibration.ranks(totals);
        boolean is876 = under876(year);
        long[] maxima = is876 ? MAXIMA_876 : MAXIMA_BEFORE_876;
        List<AnnexTable.Row> rows = new ArrayList<>();
        for (int i = 0; i < provinces.size(); i++) {
            Province p = provinces.get(i);
            long total = totals.get(p.code());
            Rng r = Rng.of(seed, 0x9A24L, i, year);
            List<Long> scores = new ArrayList<>();
            for (long v : areaPoints(total, maxima, r)) {
                scores.add(v);
            }
            if (is876) {
                scores.add(surveyPoints(total, r));
            }
            scores.add(total); // points out of 100 …
            scores.add(total); // … are the index in %
            rows.add(new AnnexTable.Row(p, scores, ranks.get(p.code())));
        }
        rows.sort(Comparator.comparingInt(AnnexTable.Row::rank));
        String title = "CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM " + year + " CỦA ỦY BAN NHÂN DÂN CÁC TỈNH, THÀNH PHỐ "
                + "TRỰC THUỘC TRUNG ƯƠNG (DỮ LIỆU MẪU)";
        return new AnnexTable("PAR_INDEX", year, title, note(year), headers(year), rows);
    }

    /**
     * Each province's total (hundredths of a point) from a seeded quality that mostly lasts from
     * year to year, calibrated to the published 2023 results and the 2022 and 2023 means.
     */
    private Map<String, Long> totals(int year, List<String> codes) {
        Map<String, Double> quality = new LinkedHashMap<>();
        for (int i = 0; i < codes.size(); i++) {
            double lasting = Rng.of(seed, 0x9A21L, i).gaussian();
            quality.put(
                    codes.get(i),
                    0.75 * lasting + 0.25 * Rng.of(seed, 0x9A22L, i, year).gaussian());
        }
        Rng rng = Rng.of(seed, 0x9A23L, year);
        return switch (year) {
            case 2023 ->
                ScoreCalibration.totals(
                        codes,
                        PUBLISHED_2023,
                        quality,
                        List.of(
                                new ScoreCalibration.Band(BAND_A_2023 - 5, 9000, 9102),
                                new ScoreCalibration.Band(
                                        codes.size() - PUBLISHED_2023.size() - (BAND_A_2023 - 5), 8300, 8999)),
                        MEAN_2023 * codes.size(),
                        rng);
            case 2022 ->
                ScoreCalibration.totals(
                        codes,
                        Map.of(),
                        quality,
                        List.of(new ScoreCalibration.Band(codes.size(), 7850, 9100)),
                        MEAN_2022 * codes.size(),
                        rng);
            default ->
                ScoreCalibration.totals(
                        codes,
                        Map.of(),
                        quality,
                        List.of(new ScoreCalibration.Band(
                                codes.size(), year < 2022 ? 7800 : 8200, year < 2022 ? 9150 : 9350)),
                        null,
                        rng);
        };
    }

    /** The column headers of a year's table: its areas with their maxima, the survey from 2022, total and index. */
    private static List<String> headers(int year) {
        boolean is876 = under876(year);
        List<String> areas = is876 ? AREAS_876 : AREAS_BEFORE_876;
        long[] maxima = is876 ? MAXIMA_876 : MAXIMA_BEFORE_876;
        List<String> headers = new ArrayList<>();
        for (int a = 0; a < areas.size(); a++) {
            headers.add(areas.get(a) + " (" + AnnexFormat.points(maxima[a]) + " điểm)");
        }
        if (is876) {
            headers.add("Điểm điều tra xã hội học (" + AnnexFormat.points(SURVEY_MAX) + " điểm)");
        }
        headers.add("Tổng điểm đạt được (100 điểm)");
        headers.add("Chỉ số (%)");
        return headers;
    }

    /** The points lost (100 − total) spread over the areas by seeded weights; each area within its maximum. */
    static long[] areaPoints(long total, long[] maxima, Rng r) {
        long full = 0;
        for (long m : maxima) {
            full += m;
        }
        double[] weights = new double[maxima.length];
        for (int a = 0; a < maxima.length; a++) {
            weights[a] = maxima[a] * r.between(0.4, 1.6);
        }
        long[] lost = Allocation.largestRemainder(full - total, weights, 0);
        long[] points = new long[maxima.length];
        long carry = 0;
        for (int a = 0; a < maxima.length; a++) {
            long l = lost[a] + carry;
            carry = Math.max(0, l - maxima[a]);
            points[a] = maxima[a] - Math.min(l, maxima[a]);
        }
        for (int a = 0; carry > 0 && a < maxima.length; a++) {
            long take = Math.min(carry, points[a]);
            points[a] -= take;
            carry -= take;
        }
        return points;
    }

    /** The survey's share of the total: higher with the total, at most 32 points, the rest at most 68. */
    static long surveyPoints(long total, Rng r) {
        double share = 0.62 + 0.30 * (total - 8000) / 1500.0 + 0.03 * r.gaussian();
        long s = Math.round(SURVEY_MAX * Math.max(0.55, Math.min(0.97, share)));
        return Math.min(Math.min(SURVEY_MAX, total), Math.max(s, total - (10000 - SURVEY_MAX)));
    }

    private static String note(int year) {
        String common = "Nguồn: dữ liệu mẫu (không phải số liệu công bố), do chiso sinh ra theo bố cục phụ lục báo cáo "
                + "của Bộ Nội vụ. ";
        String maxima = under876(year)
                ? "Điểm tối đa của từng lĩnh vực là giả định, chưa đối chiếu với văn bản Quyết định 876/QĐ-BNV "
                        + "(đã công bố: tổng 100 điểm, trong đó 32 điểm điều tra xã hội học)."
                : "Điểm tối đa các lĩnh vực theo phương pháp trước Quyết định 876/QĐ-BNV (10; 10; 14,5; 11; 16; 7; "
                        + "16; 15,5), chưa đối chiếu văn bản.";
        return switch (year) {
            case 2023 ->
                common + "Hiệu chỉnh khớp số liệu công bố: Quảng Ninh 92,18 (thứ 1), Hải Phòng 91,81 (thứ 2), "
                        + "Hà Nội 91,43 (thứ 3), Bắc Giang 91,16 (thứ 4), Bà Rịa - Vũng Tàu 91,03 (thứ 5), 7 tỉnh đạt từ 90 trở "
                        + "lên, Sóc Trăng 81,70, An Giang 81,32 (thấp nhất), trung bình 63 tỉnh 86,98; điểm từng lĩnh vực và "
                        + "các tỉnh khác là giả định. " + maxima;
            case 2022 ->
                common + "Chỉ hiệu chỉnh trung bình 63 tỉnh (84,79 = 86,98 của năm sau trừ 2,19 như báo cáo "
                        + "công bố); từng tỉnh là giả định. " + maxima;
            default -> common + "Mọi số liệu là giả định. " + maxima;
        };
    }
}
