package vn.chiso.api.rankings;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import vn.chiso.api.model.Period;
import vn.chiso.api.system.ApiException;
import vn.chiso.contract.UnitLevel;

/** The parameters of a ranking request, checked for form; whether they name data is the service's business. */
public record RankingQuery(
        String index, Period period, String level, String region, String province, Sort sort, int page, int size) {

    public static final int MAX_SIZE = 500;
    public static final Pattern INDEX_CODE = Pattern.compile("[a-z][a-z0-9_]{0,39}");
    static final Pattern PROVINCE_CODE = Pattern.compile("\\d{2}");

    /** Orders of a ranking list; ties fall back to rank, then unit code. */
    public enum Sort {
        RANK,
        SCORE,
        NAME;

        static Sort parse(String text) {
            return Arrays.stream(values())
                    .filter(s -> s.name().equalsIgnoreCase(text))
                    .findFirst()
                    .orElseThrow(() -> ApiException.badRequest(
                            "sort", "parameter 'sort' must be one of rank, score, name; got '" + text + "'"));
        }

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static RankingQuery of(
            String index,
            String period,
            String level,
            String region,
            String province,
            String sort,
            int page,
            int size) {
        checkIndex(index);
        Period parsedPeriod = period == null || period.isBlank() ? null : parsePeriod(period);
        checkLevel(level);
        String provinceCode = blankToNull(province);
        if (provinceCode != null && !PROVINCE_CODE.matcher(provinceCode).matches()) {
            throw ApiException.badRequest(
                    "province",
                    "parameter 'province' must be a two-digit province code such as " + "'01'; got '" + provinceCode
                            + "'");
        }
        if (page < 0) {
            throw ApiException.badRequest("page", "parameter 'page' must be 0 or more; got " + page);
        }
        if (size < 1 || size > MAX_SIZE) {
            throw ApiException.badRequest(
                    "size", "parameter 'size' must be between 1 and " + MAX_SIZE + "; got " + size);
        }
        return new RankingQuery(
                index, parsedPeriod, level, blankToNull(region), provinceCode, Sort.parse(sort), page, size);
    }

    /** 400 unless {@code index} has the form of an index code (whether the lake has it is a 404 later). */
    public static String checkIndex(String index) {
        if (index == null || !INDEX_CODE.matcher(index).matches()) {
            throw ApiException.badRequest(
                    "index", "parameter 'index' must be an index code such as 'progress'; got '" + index + "'");
        }
        return index;
    }

    /**
     * Levels a ranking can be at: the administrative levels of dossiers, and a province's departments
     * (sở, ban, ngành), which the portal's 766 index ranks beside its communes.
     */
    public static final List<String> RANKED_LEVELS = Stream.concat(
                    Arrays.stream(UnitLevel.values()).map(UnitLevel::code), Stream.of("department"))
            .toList();

    /** 400 unless {@code level} is a ranked level code (province, district, commune, department). */
    public static String checkLevel(String level) {
        if (level == null || !RANKED_LEVELS.contains(level)) {
            throw ApiException.badRequest(
                    "level",
                    "parameter 'level' must be one of " + String.join(", ", RANKED_LEVELS) + "; got '" + level + "'");
        }
        return level;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    public static Period parsePeriod(String period) {
        return Period.parse(period)
                .orElseThrow(() -> ApiException.badRequest(
                        "period",
                        "parameter 'period' must look like 2024, 2024-H1, 2024-Q3 or 2024-08; got '" + period + "'"));
    }
}
