package vn.chiso.ingest.records;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.chiso.contract.AdminUnits;
import vn.chiso.contract.ReasonCode;
import vn.chiso.contract.UnitLevel;
import vn.chiso.ingest.parse.Provinces;
import vn.chiso.ingest.parse.ReportingPeriod;
import vn.chiso.ingest.parse.ScoreHeader;
import vn.chiso.ingest.parse.VnDates;
import vn.chiso.ingest.parse.VnNumbers;
import vn.chiso.ingest.parse.VnText;
import vn.chiso.ingest.source.FileKind;

/**
 * Types and checks one bronze record of a report, portal capture, survey or index file: the
 * silver rows it gives (a wide index row gives one per component) or its first failure (field,
 * reason code, message). Plain Java, so every rule is a small tested function; the job runs it in
 * tasks over bronze.
 */
public final class RecordValidation {

    /** Why a record is set aside. */
    public record Failure(String field, String reasonCode, String message) {}

    /** The silver rows (column → value) of a record, or its failure. */
    public record Outcome(List<Map<String, Object>> rows, Failure failure) {
        static Outcome fail(String field, String reason, String message) {
            return new Outcome(List.of(), new Failure(field, reason, message));
        }
    }

    /** A failure raised while typing a field. */
    static final class Invalid extends RuntimeException {
        final Failure failure;

        Invalid(String field, ReasonCode reason, String message) {
            this(field, reason.code(), message);
        }

        /** A failure with a reason another rule gave (a province's resolution). */
        Invalid(String field, String reason, String message) {
            super(message, null, false, false);
            this.failure = new Failure(field, reason, message);
        }
    }

    private RecordValidation() {}

    public static Outcome validate(
            FileKind kind, Map<String, String> fields, Map<String, String> extras, Map<String, String> hints) {
        try {
            return switch (kind) {
                case UNIT_REPORTS -> new Outcome(List.of(report(fields, hints)), null);
                case SURVEY_RESPONSES -> new Outcome(List.of(survey(fields, hints)), null);
                case INDEX_SCORES -> new Outcome(indexScores(fields, extras, hints), null);
                case PORTAL_EVALUATIONS -> new Outcome(List.of(portal(fields, extras, hints)), null);
                case DOSSIERS -> throw new IllegalArgumentException("dossiers are validated in Spark");
            };
        } catch (Invalid e) {
            return new Outcome(List.of(), withCell(e.failure, fields));
        }
    }

    /** A failure of a record read from a workbook's cell names the cell (file!sheet!C64). */
    private static Failure withCell(Failure f, Map<String, String> fields) {
        String cell = fields.get("_cell");
        if (cell == null) {
            return f;
        }
        String province = fields.get("_province_cell");
        String at = "province".equals(f.field()) && province != null
                ? province + "; its " + fields.get("component") + " score at " + cell
                : cell;
        return new Failure(f.field(), f.reasonCode(), f.message() + " (" + at + ")");
    }

    // ---- unit reports ---------------------------------------------------------------------------

    static final List<String> REPORT_COUNTS = List.of(
            "carried_over",
            "received_online",
            "received_by_post",
            "resolved_early",
            "resolved_on_time",
            "resolved_late",
            "pending_within_deadline",
            "pending_overdue",
            "returned_by_post");

    static Map<String, Object> report(Map<String, String> f, Map<String, String> hints) {
        ReportingPeriod period = period(f, hints, true);
        Provinces.Version province = province(f, hints, period.start(), f.get("unit_name"));
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("province_code", province.code());
        String unitCode = blankToNull(f.get("unit_code"));
        String unitName = blankToNull(f.get("unit_name"));
        String level = level(f.get("unit_level"), unitName);
        if (unitCode == null && unitName == null) {
            unitCode = province.code();
            unitName = province.name();
            level = UnitLevel.PROVINCE.code();
        }
        if (UnitLevel.DISTRICT.code().equals(level) && !period.start().isBefore(AdminUnits.FIRST_DAY_OF_34_PROVINCES)) {
            throw new Invalid(
                    "unit_level",
                    ReasonCode.UNIT_NOT_VALID_ON_DATE,
                    "district-level unit '" + unitName + "' is not valid on " + period.start()
                            + " (districts were abolished on 2025-07-01)");
        }
        row.put("unit_key", unitCode != null ? unitCode : VnText.key(unitName));
        row.put("unit_code", unitCode);
        row.put("unit_name", unitName);
        row.put("unit_level", level);
        putPeriod(row, period);
        Long received = countOrNull(f, "received");
        Long carried = countOrNull(f, "carried_over");
        Long total = countOrNull(f, "total_received");
        if (received == null && total != null) {
            received = total - (carried == null ? 0 : carried);
            if (received < 0) {
                throw new Invalid(
                        "total_received",
                        ReasonCode.INCONSISTENT_VALUES,
                        "total received " + total + " is less than carried over " + carried);
            }
        }
        if (received == null) {
            throw new Invalid("received", ReasonCode.MISSING_VALUE, "received is empty");
        }
        row.put("received", received);
        for (String c : REPORT_COUNTS) {
            row.put(c, c.equals("carried_over") ? carried : countOrNull(f, c));
        }
        String ratio = blankToNull(f.get("on_time_ratio"));
        if (ratio != null) {
            BigDecimal r = decimal("on_time_ratio", ratio);
            if (r.signum() < 0 || r.compareTo(BigDecimal.valueOf(100)) > 0) {
                throw new Invalid(
                        "on_time_ratio",
                        ReasonCode.INVALID_VALUE,
                        "on_time_ratio '" + ratio + "' is not a percentage from 0 to 100");
            }
            row.put("reported_on_time_ratio", r.setScale(2, RoundingMode.HALF_UP));
        }
        return row;
    }

    // ---- survey responses -------------------------------------------------------------------------

    static Map<String, Object> survey(Map<String, String> f, Map<String, String> hints) {
        String respondent = required(f, "respondent_id");
        String answer = required(f, "answer");
        LocalDate surveyed = null;
        if (blankToNull(f.get("surveyed_on")) != null) {
            surveyed = VnDates.parseDate(f.get("surveyed_on"));
            if (surveyed == null) {
                throw new Invalid(
                        "surveyed_on",
                        ReasonCode.INVALID_DATE,
                        "surveyed_on '" + f.get("surveyed_on") + "' is not a date");
            }
        }
        ReportingPeriod period =
                surveyed != null && blankToNull(f.get("period")) == null && blankToNull(f.get("year")) == null
                        ? ReportingPeriod.year(surveyed.getYear())
                        : period(f, hints, false);
        Provinces.Version province =
                province(f, hints, surveyed != null ? surveyed : period.start(), f.get("unit_name"));
        String question = blankToNull(f.get("question_code"));
        String questionText = blankToNull(f.get("question_text"));
        if (question == null && questionText == null) {
            throw new Invalid("question_code", ReasonCode.MISSING_VALUE, "question_code is empty");
        }
        String factor = factor(f.get("factor"), question, questionText);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("province_code", province.code());
        row.put("unit_code", blankToNull(f.get("unit_code")));
        row.put("unit_name", blankToNull(f.get("unit_name")));
        row.put("respondent_id", respondent);
        putPeriod(row, period);
        row.put("surveyed_on", surveyed == null ? null : Date.valueOf(surveyed));
        row.put("factor", factor);
        row.put("question_code", question != null ? question : VnText.key(questionText));
        row.put("question_text", questionText);
        row.put("answer_raw", answer);
        Integer score = answerScore(answer);
        row.put("answer_score", score);
        row.put("answer_category", score == null ? answer : null);
        return row;
    }

    static String factor(String raw, String questionCode, String questionText) {
        for (String candidate : new String[] {raw, questionText}) {
            if (blankToNull(candidate) != null) {
                String f = Codebooks.FACTORS.get(VnText.key(candidate));
                if (f != null) {
                    return f;
                }
            }
        }
        if (questionCode != null) {
            String prefix = questionCode.strip().split("[.\\-_ ]")[0];
            String f = Codebooks.FACTORS.get(VnText.key(prefix));
            if (f != null) {
                return f;
            }
        }
        throw new Invalid(
                "factor",
                ReasonCode.UNKNOWN_FACTOR,
                "cannot tell the factor of question '"
                        + (questionCode != null ? questionCode : questionText) + "'"
                        + (blankToNull(raw) != null ? " (factor '" + raw + "' is not one of the five)" : "")
                        + "; see ingest/survey-factors.csv");
    }

    /** 1–5 from "5", "5 - Rất hài lòng", "Rất hài lòng"; null for a categorical answer. */
    static Integer answerScore(String answer) {
        String a = answer.strip();
        Matcher m =
                Pattern.compile("^(-?\\d+)(?:[.,]0+)?(?:\\s*[-–:.)]\\s*.*)?$").matcher(a);
        if (m.matches()) {
            int v = Integer.parseInt(m.group(1));
            if (v < 1 || v > 5) {
                throw new Invalid(
                        "answer", ReasonCode.INVALID_VALUE, "answer '" + answer + "' is not on the 1–5 scale");
            }
            return v;
        }
        return Codebooks.ANSWERS.get(VnText.key(a));
    }

    // ---- index scores ---------------------------------------------------------------------------

    private static final Pattern YEAR = Pattern.compile("(?<![0-9])((?:19|20)[0-9]{2})(?![0-9])");

    /** What every score of an index row shares: the year, the province, its published name, the source. */
    private record IndexRowOf(int year, Provinces.Version province, String publishedName, String source) {
        Map<String, Object> row(String index, Codebooks.Component c, BigDecimal score, BigDecimal max, Integer rank) {
            return indexRow(index, year, province, publishedName, c, score, max, rank, source);
        }
    }

    static List<Map<String, Object>> indexScores(
            Map<String, String> f, Map<String, String> extras, Map<String, String> hints) {
        String title = f.get("_preamble");
        int year = indexYear(f, title, hints);
        Provinces.Version province = indexProvince(f, hints, LocalDate.of(year, 1, 1));
        String source = blankToNull(f.get("source")) != null
                ? f.get("source")
                : sampleTitle(title) ? SAMPLE_SOURCE : hints.getOrDefault("source", hints.get("folder"));
        IndexRowOf of = new IndexRowOf(year, province, publishedProvinceName(f, hints, province), source);
        if (blankToNull(f.get("component")) != null || blankToNull(f.get("score")) != null) {
            return List.of(longFormScore(f, of));
        }
        List<Map<String, Object>> rows = wideFormScores(f, extras, title, of);
        if (rows.isEmpty()) {
            throw new Invalid("score", ReasonCode.MISSING_VALUE, "no component score in the row");
        }
        if (rows.size() == 1
                && "total".equals(rows.get(0).get("component_level"))
                && ((BigDecimal) rows.get(0).get("score")).signum() == 0) {
            // a spreadsheet's total formula over a province's empty cells (PAPI 2014: Bắc Giang, Đồng Tháp)
            throw new Invalid(
                    "score",
                    ReasonCode.MISSING_VALUE,
                    "no component score in the row; its total 0 is a sum of " + "empty cells, not a score");
        }
        return rows;
    }

    /** Long form: one score per row. */
    private static Map<String, Object> longFormScore(Map<String, String> f, IndexRowOf of) {
        String indexCode = indexCode(blankToNull(f.get("index")), f.get("component"));
        Codebooks.Component c = component(indexCode, f.get("component"));
        return of.row(
                indexCode,
                c,
                score("score", required(f, "score")),
                blankToNull(f.get("max_score")) == null ? null : decimal("max_score", f.get("max_score")),
                blankToNull(f.get("rank")) == null ? null : (int) count("rank", f.get("rank")));
    }

    /**
     * Wide form: one column per component, headed by its code (compilations), by its name or a
     * publisher's name for it, with its unit as report annexes give it ("Cải cách thể chế (11,5 điểm)").
     */
    private static List<Map<String, Object>> wideFormScores(
            Map<String, String> f, Map<String, String> extras, String title, IndexRowOf of) {
        Map<String, List<Codebooks.Component>> columns = new LinkedHashMap<>();
        for (String header : extras.keySet()) {
            List<Codebooks.Component> byCode = Codebooks.BY_CODE.getOrDefault(VnText.key(header), List.of());
            ScoreHeader unit = ScoreHeader.parse(header);
            String name = unit == null ? header : unit.name();
            columns.put(
                    header, !byCode.isEmpty() ? byCode : Codebooks.BY_COLUMN.getOrDefault(VnText.key(name), List.of()));
        }
        String index = blankToNull(f.get("index"));
        String tableIndex = index != null ? indexCode(index, null) : indexOfTable(title, columns.values());
        Integer rank = blankToNull(f.get("rank")) == null ? null : (int) count("rank", f.get("rank"));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map.Entry<String, String> e : extras.entrySet()) {
            Codebooks.Component c = null;
            for (Codebooks.Component m : columns.get(e.getKey())) {
                if (tableIndex == null || tableIndex.equals(m.index())) {
                    c = m;
                    break;
                }
            }
            if (c == null || blankToNull(e.getValue()) == null) {
                continue; // not a component column, or a gap (kept in bronze; completeness counts it)
            }
            ScoreHeader unit = ScoreHeader.parse(e.getKey());
            rows.add(of.row(
                    c.index(),
                    c,
                    score(e.getKey(), e.getValue()),
                    unit == null ? null : unit.maxPoints(),
                    c.level().equals("total") ? rank : null));
        }
        return rows;
    }

    /** {@code source} of index rows from a table whose title says it holds sample data. */
    public static final String SAMPLE_SOURCE = "sample";

    private static final Pattern YEAR_IN_TITLE = Pattern.compile("(?iu)\\bnăm\\s+((?:19|20)[0-9]{2})\\b");

    /** The year a table's title names ("… NĂM 2023 …"), or null. */
    static String yearInTitle(String title) {
        if (title == null) {
            return null;
        }
        Matcher m = YEAR_IN_TITLE.matcher(VnText.nfc(title));
        return m.find() ? m.group(1) : null;
    }

    /** True when a table's title lines say it holds sample data ("dữ liệu mẫu"). */
    static boolean sampleTitle(String title) {
        return title != null && VnText.key(title).contains("dulieumau");
    }

    /**
     * The index of a wide table: the one its title names (PAR Index, SIPAS, PAPI), else the one index
     * that every column naming a single index agrees on; null when neither tells.
     */
    static String indexOfTable(String title, Collection<List<Codebooks.Component>> columns) {
        if (title != null) {
            String k = VnText.key(title);
            boolean par = k.contains("caicachhanhchinh") || k.contains("parindex");
            boolean sipas = k.contains("sipas") || k.contains("hailong");
            boolean papi = k.contains("papi");
            if (par && !sipas && !papi) {
                return "PAR_INDEX";
            }
            if (sipas && !par && !papi) {
                return "SIPAS";
            }
            if (papi && !par && !sipas) {
                return "PAPI";
            }
        }
        Set<String> named = new TreeSet<>();
        for (List<Codebooks.Component> candidates : columns) {
            Set<String> indices = new TreeSet<>();
            candidates.forEach(c -> indices.add(c.index()));
            if (indices.size() == 1) {
                named.addAll(indices);
            }
        }
        return named.size() == 1 ? named.iterator().next() : null;
    }

    /**
     * An index score: as any decimal, except that one dot before three digits is a decimal point
     * ({@code 1.963} in a compilation of 0–10 scores), never a thousands group: index scores are on
     * scales of at most 100.
     */
    static BigDecimal score(String field, String raw) {
        String s = raw.strip();
        if (s.matches("[+-]?[0-9]{1,3}\\.[0-9]{3}")) {
            return new BigDecimal(s);
        }
        return decimal(field, raw);
    }

    /**
     * The year column, else the year the table's title names ("… NĂM 2023"), else a year in the sheet's
     * name (a workbook of one sheet per year), else in the file's.
     */
    static int indexYear(Map<String, String> f, String title, Map<String, String> hints) {
        String yearText = blankToNull(f.get("year"));
        if (yearText == null) {
            yearText = yearInTitle(title);
        }
        if (yearText == null && hints.get("sheet") != null) {
            Matcher m = YEAR.matcher(hints.get("sheet"));
            yearText = m.find() ? m.group(1) : null;
        }
        if (yearText == null) {
            yearText = hints.get("year_in_name");
        }
        if (yearText == null) {
            throw new Invalid(
                    "year",
                    ReasonCode.MISSING_VALUE,
                    "year is empty (no year column, none in the title, the sheet or the file name)");
        }
        return (int) count("year", yearText);
    }

    /**
     * The province by its name (or a compilation's P01 id via its codebook), by its official code,
     * or by both, when both must name the same province.
     */
    static Provinces.Version indexProvince(Map<String, String> f, Map<String, String> hints, LocalDate on) {
        String provinceRaw = blankToNull(f.get("province"));
        String codeRaw = blankToNull(f.get("province_code"));
        Provinces.Version byCode = null;
        if (codeRaw != null) {
            String code = codeRaw.replaceFirst("[.,]0+$", "");
            Provinces.Resolution res = code.matches("\\d{1,2}")
                    ? Provinces.get().resolve(code, on)
                    : new Provinces.Resolution(null, Provinces.UNKNOWN_PROVINCE, null);
            if (!res.ok()) {
                throw new Invalid(
                        "province_code",
                        res.reasonCode(),
                        res.message() != null
                                ? res.message()
                                : "province code '" + codeRaw + "'"
                                        + (provinceRaw == null ? "" : " ('" + provinceRaw + "')")
                                        + " is not an official province code");
            }
            byCode = res.unit();
            if (provinceRaw == null) {
                return byCode;
            }
        }
        if (provinceRaw == null) {
            throw new Invalid("province", ReasonCode.MISSING_VALUE, "province is empty");
        }
        String provinceName = provinceRaw;
        if (provinceRaw.matches("[Pp]\\d{2}")) {
            provinceName = hints.get("codebook:" + provinceRaw.toUpperCase(Locale.ROOT));
            if (provinceName == null) {
                throw new Invalid(
                        "province",
                        ReasonCode.UNKNOWN_PROVINCE,
                        "province id '" + provinceRaw
                                + "' is not an official code and no codebook_provinces.csv beside the file names it");
            }
        }
        Provinces.Resolution res = Provinces.get().resolve(provinceName, on);
        if (!res.ok()) {
            throw new Invalid("province", res.reasonCode(), res.message());
        }
        if (byCode != null && !byCode.code().equals(res.unit().code())) {
            throw new Invalid(
                    "province",
                    ReasonCode.PROVINCE_MISMATCH,
                    "province '" + provinceRaw + "' is "
                            + res.unit().code() + " " + res.unit().name() + ", but its code '" + codeRaw + "' is "
                            + byCode.code() + " " + byCode.name());
        }
        return res.unit();
    }

    /** The province's name as the file publishes it; a code or a compilation's id stands for the official name. */
    static String publishedProvinceName(Map<String, String> f, Map<String, String> hints, Provinces.Version province) {
        String raw = blankToNull(f.get("province"));
        if (raw == null || raw.matches("\\d{1,2}")) {
            return province.name();
        }
        if (raw.matches("[Pp]\\d{2}")) {
            return hints.getOrDefault("codebook:" + raw.toUpperCase(Locale.ROOT), province.name());
        }
        return raw;
    }

    private static Map<String, Object> indexRow(
            String index,
            int year,
            Provinces.Version province,
            String provinceName,
            Codebooks.Component c,
            BigDecimal score,
            BigDecimal max,
            Integer rank,
            String source) {
        if (score.scale() > 9 && score.precision() <= 17 && score.precision() - score.scale() <= 9) {
            // a spreadsheet double printed in full (34.10189771652222): its digits past the 9th decimal
            // are binary noise, below any published precision
            score = score.setScale(9, RoundingMode.HALF_UP);
        }
        if (score.scale() > 9 || score.precision() - score.scale() > 9) {
            throw new Invalid(
                    "score",
                    ReasonCode.PRECISION_LOSS,
                    "score " + score.toPlainString() + " does not fit 9 integer and 9 decimal digits");
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("index_code", index);
        row.put("year", year);
        row.put("province_code", province.code());
        row.put("province_name", provinceName);
        row.put("component_code", c.code());
        row.put("component_name", c.name());
        row.put("component_level", c.level());
        row.put("parent_component", c.parent());
        row.put("score", score);
        row.put("max_score", max != null ? max : c.max() == null ? null : new BigDecimal(c.max()));
        row.put("rank", rank);
        row.put("source", source);
        return row;
    }

    static String indexCode(String raw, String component) {
        if (raw != null) {
            String k = VnText.key(raw);
            if (k.startsWith("par") || k.contains("caicachhanhchinh")) {
                return "PAR_INDEX";
            }
            if (k.startsWith("papi")) {
                return "PAPI";
            }
            if (k.startsWith("sipas") || k.contains("hailong")) {
                return "SIPAS";
            }
            return raw.strip().toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_");
        }
        if (component != null) {
            for (Map.Entry<String, Map<String, Codebooks.Component>> e : Codebooks.COMPONENTS.entrySet()) {
                if (e.getValue().containsKey(VnText.key(component))) {
                    return e.getKey();
                }
            }
        }
        throw new Invalid("index", ReasonCode.MISSING_VALUE, "index is empty and the component does not tell it");
    }

    static Codebooks.Component component(String index, String raw) {
        String k = VnText.key(raw == null ? "" : raw);
        if (k.isEmpty()
                || k.equals("tong")
                || k.equals("tongdiem")
                || k.equals("total")
                || k.equals("chisotong")
                || k.equals(VnText.key(index))
                || k.equals("parindex")) {
            Codebooks.Component total =
                    Codebooks.COMPONENTS.getOrDefault(index, Map.of()).get("total");
            return total != null ? total : new Codebooks.Component(index, "TOTAL", null, "total", null, null);
        }
        Codebooks.Component c =
                Codebooks.COMPONENTS.getOrDefault(index, Map.of()).get(k);
        if (c == null) {
            throw new Invalid(
                    "component",
                    ReasonCode.UNKNOWN_COMPONENT,
                    "component '" + raw + "' is not a component of " + index + " (ingest/index-components.csv)");
        }
        return c;
    }

    // ---- portal evaluations -----------------------------------------------------------------------

    static Map<String, Object> portal(Map<String, String> f, Map<String, String> extras, Map<String, String> hints) {
        ReportingPeriod period = null;
        if (hints.get("period") != null) {
            period = ReportingPeriod.parse(hints.get("period"));
        } else if (hints.get("from_date") != null) {
            period = ReportingPeriod.ofRange(
                    VnDates.parseDate(hints.get("from_date")), VnDates.parseDate(hints.get("to_date")));
        }
        if (period == null) {
            throw new Invalid("period", ReasonCode.MISSING_VALUE, "the capture's period is unknown");
        }
        String rootName = f.get("root_department_name");
        Provinces.Resolution res = Provinces.get().resolve(rootName, period.start());
        if (!res.ok()) {
            throw new Invalid("root_department_name", res.reasonCode(), res.message());
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("province_code", res.unit().code());
        row.put("root_department_id", required(f, "root_department_id"));
        row.put("department_id", required(f, "department_id"));
        row.put("department_code", blankToNull(f.get("department_code")));
        row.put("department_name", blankToNull(f.get("department_name")));
        row.put("department_level", blankToNull(f.get("department_level")));
        row.put("department_type", blankToNull(f.get("department_type")));
        row.put("is_total", Boolean.parseBoolean(f.get("is_total")));
        row.put("evaluation_group", hints.getOrDefault("group", f.get("group")));
        row.put("metric_code", required(f, "metric_code"));
        row.put("metric_name", blankToNull(f.get("metric_name")));
        row.put("numerator", exactCount(f, "numerator"));
        row.put("denominator", exactCount(f, "denominator"));
        row.put("ratio", exactDecimal(f, "ratio"));
        row.put("score", exactDecimal(f, "score"));
        row.put("max_score", exactDecimal(f, "max_score"));
        row.put("data_quality_status", blankToNull(f.get("data_quality_status")));
        row.put("attributes", extras);
        row.put("scope", hints.getOrDefault("scope", "all"));
        String captured = hints.get("captured_at");
        row.put(
                "captured_at",
                captured == null ? null : Timestamp.from(Instant.parse(captured.replaceFirst("\\+00:00$", "Z"))));
        putPeriod(row, period);
        return row;
    }

    private static Long exactCount(Map<String, String> f, String field) {
        String v = blankToNull(f.get(field));
        if (v == null) {
            return null;
        }
        try {
            return new BigDecimal(v).longValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            throw new Invalid(field, ReasonCode.INVALID_NUMBER, field + " '" + v + "' is not a whole number");
        }
    }

    private static BigDecimal exactDecimal(Map<String, String> f, String field) {
        String v = blankToNull(f.get(field));
        if (v == null) {
            return null;
        }
        BigDecimal d;
        try {
            d = new BigDecimal(v);
        } catch (NumberFormatException e) {
            throw new Invalid(field, ReasonCode.INVALID_NUMBER, field + " '" + v + "' is not a number");
        }
        if (d.stripTrailingZeros().scale() > 4 || d.precision() - d.scale() > 8) {
            throw new Invalid(
                    field, ReasonCode.PRECISION_LOSS, field + " " + v + " does not fit DECIMAL(12,4) exactly");
        }
        return d.setScale(4);
    }

    // ---- shared rules -------------------------------------------------------------------------------

    /** The record's period: a period column, year with month/quarter, a from–to range, the title, the file name. */
    static ReportingPeriod period(Map<String, String> f, Map<String, String> hints, boolean strict) {
        String text = blankToNull(f.get("period"));
        if (text != null) {
            ReportingPeriod p = ReportingPeriod.parse(text);
            if (p == null) {
                throw new Invalid(
                        "period",
                        ReasonCode.INVALID_VALUE,
                        "period '" + text + "' is not a month, quarter, half or year");
            }
            return p;
        }
        String year = blankToNull(f.get("year"));
        if (year != null) {
            return yearPeriod(f, (int) count("year", year));
        }
        if (blankToNull(f.get("from_date")) != null) {
            LocalDate from = VnDates.parseDate(f.get("from_date"));
            LocalDate to = VnDates.parseDate(f.get("to_date"));
            ReportingPeriod p = ReportingPeriod.ofRange(from, to);
            if (p == null) {
                throw new Invalid(
                        "from_date",
                        ReasonCode.INVALID_VALUE,
                        "from " + f.get("from_date") + " to " + f.get("to_date")
                                + " is not a whole month, quarter, half or year");
            }
            return p;
        }
        ReportingPeriod p = ReportingPeriod.find(f.get("_preamble"));
        if (p == null && hints.get("period") != null) {
            p = ReportingPeriod.parse(hints.get("period"));
        }
        if (p == null && !strict && hints.get("year_in_name") != null) {
            p = ReportingPeriod.year(Integer.parseInt(hints.get("year_in_name")));
        }
        if (p == null) {
            p = ReportingPeriod.find(hints.get("sheet"));
        }
        if (p == null) {
            throw new Invalid(
                    "period", ReasonCode.MISSING_VALUE, "period is empty (no period column, none in the title)");
        }
        return p;
    }

    /** A year column, with the month or quarter columns when they are given. */
    private static ReportingPeriod yearPeriod(Map<String, String> f, int y) {
        if (blankToNull(f.get("month")) != null) {
            int m = (int) count("month", f.get("month"));
            if (m < 1 || m > 12) {
                throw new Invalid("month", ReasonCode.INVALID_VALUE, "month '" + f.get("month") + "' is not 1–12");
            }
            return ReportingPeriod.month(y, m);
        }
        if (blankToNull(f.get("quarter")) != null) {
            ReportingPeriod q = ReportingPeriod.parse("Quý " + f.get("quarter").strip() + " " + y);
            if (q == null) {
                throw new Invalid("quarter", ReasonCode.INVALID_VALUE, "quarter '" + f.get("quarter") + "' is not 1–4");
            }
            return q;
        }
        return ReportingPeriod.year(y);
    }

    /** The province of a record: its column, else the title, else the unit's name, else the folder's code. */
    static Provinces.Version province(Map<String, String> f, Map<String, String> hints, LocalDate on, String unitName) {
        String raw = blankToNull(f.get("province"));
        if (raw == null) {
            raw = findProvince(f.get("_preamble"));
        }
        if (raw == null) {
            raw = findProvince(unitName);
        }
        if (raw == null && hints.get("folder") != null && hints.get("folder").matches("\\d{2}")) {
            raw = hints.get("folder");
        }
        if (raw == null) {
            throw new Invalid(
                    "province", ReasonCode.MISSING_VALUE, "province is empty (no province column, none in the title)");
        }
        Provinces.Resolution res = Provinces.get().resolve(raw, on);
        if (!res.ok()) {
            throw new Invalid("province", res.reasonCode(), res.message());
        }
        return res.unit();
    }

    /** A province named in free text ("UBND TỈNH PHÚ THỌ", "Sở Tư pháp tỉnh Hà Nam"): the longest name found. */
    static String findProvince(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String words = " " + VnText.words(text) + " ";
        String found = null;
        for (Provinces.Version v : Provinces.get().versions()) {
            String name = " " + VnText.words(v.name()) + " ";
            boolean prefixed = words.contains(" tinh" + name)
                    || words.contains(" thanh pho" + name)
                    || words.contains(" tp" + name)
                    || words.startsWith(name);
            if (prefixed && (found == null || v.name().length() > found.length())) {
                found = v.name();
            }
        }
        return found;
    }

    static String level(String raw, String unitName) {
        String k = VnText.key(raw == null ? "" : raw);
        if (!k.isEmpty()) {
            switch (k) {
                case "tinh", "province", "captinh", "thanhphotructhuoctrunguong" -> {
                    return UnitLevel.PROVINCE.code();
                }
                case "huyen", "district", "caphuyen", "quan", "thixa", "thanhphothuoctinh" -> {
                    return UnitLevel.DISTRICT.code();
                }
                case "xa", "commune", "capxa", "phuong", "thitran", "ward" -> {
                    return UnitLevel.COMMUNE.code();
                }
                default ->
                    throw new Invalid(
                            "unit_level", ReasonCode.INVALID_VALUE, "unit_level '" + raw + "' is not a known value");
            }
        }
        String w = VnText.words(unitName == null ? "" : unitName);
        w = w.startsWith("ubnd ") ? w.substring(5) : w.startsWith("uy ban nhan dan ") ? w.substring(16) : w;
        if (w.startsWith("xa ") || w.startsWith("phuong ") || w.startsWith("thi tran ")) {
            return UnitLevel.COMMUNE.code();
        }
        if (w.startsWith("huyen ") || w.startsWith("quan ") || w.startsWith("thi xa ")) {
            return UnitLevel.DISTRICT.code();
        }
        return UnitLevel.PROVINCE.code();
    }

    private static void putPeriod(Map<String, Object> row, ReportingPeriod p) {
        row.put("period_type", p.type());
        row.put("period", p.label());
        row.put("period_start", Date.valueOf(p.start()));
        row.put("period_end", Date.valueOf(p.end()));
        row.put("year", p.year());
    }

    private static String required(Map<String, String> f, String field) {
        String v = blankToNull(f.get(field));
        if (v == null) {
            throw new Invalid(field, ReasonCode.MISSING_VALUE, field + " is empty");
        }
        return v;
    }

    private static Long countOrNull(Map<String, String> f, String field) {
        String v = blankToNull(f.get(field));
        return v == null ? null : count(field, v);
    }

    static long count(String field, String v) {
        try {
            return VnNumbers.count(v);
        } catch (IllegalArgumentException e) {
            throw new Invalid(field, ReasonCode.INVALID_NUMBER, field + " " + e.getMessage());
        }
    }

    static BigDecimal decimal(String field, String v) {
        try {
            return VnNumbers.decimal(v);
        } catch (IllegalArgumentException e) {
            throw new Invalid(field, ReasonCode.INVALID_NUMBER, field + " " + e.getMessage());
        }
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
