package vn.chiso.superset;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The dashboards as code: {@code datasets.yaml} (the SQL datasets over the gold tables, their
 * Vietnamese column labels and named metrics) plus one YAML file per dashboard (filters, charts
 * with their Superset form data, layout). Loaded and checked here before anything is sent, so a
 * typo fails fast with the file and key in the message.
 */
public record Definitions(Map<String, Dataset> datasets, List<Dashboard> dashboards) {

    public static final String DATASETS_FILE = "datasets.yaml";

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
            .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, false);

    /**
     * A SQL dataset (Superset "virtual dataset") over the lake's tables. {@code like}: starts from
     * another dataset's column labels, optional columns and metrics, then adds or overrides its own.
     */
    public record Dataset(
            String description,
            String sql,
            String like,
            Map<String, String> columns,
            List<String> optionalColumns,
            Map<String, Metric> metrics) {
        public Dataset {
            columns = columns == null ? Map.of() : columns;
            optionalColumns = optionalColumns == null ? List.of() : optionalColumns;
            metrics = metrics == null ? Map.of() : metrics;
        }

        Dataset inheriting(Dataset base) {
            Map<String, String> cols = new LinkedHashMap<>(base.columns());
            cols.putAll(columns);
            List<String> opt = new ArrayList<>(base.optionalColumns());
            optionalColumns.stream().filter(c -> !opt.contains(c)).forEach(opt::add);
            Map<String, Metric> ms = new LinkedHashMap<>(base.metrics());
            ms.putAll(metrics);
            return new Dataset(description, sql, null, cols, opt, ms);
        }
    }

    /**
     * A named metric of a dataset: label (shown in charts), SQL aggregate, d3 number format.
     * {@code requiresColumns}: made only when the dataset has these columns.
     */
    public record Metric(String label, String sql, String format, String description, List<String> requiresColumns) {
        public Metric {
            requiresColumns = requiresColumns == null ? List.of() : requiresColumns;
        }
    }

    /**
     * A native filter of a dashboard: values from {@code column} of {@code dataset}; a single
     * value unless {@code multi}; {@code required} keeps a value always selected; the default is
     * an aggregate computed by Superset ({@code default_sql}) or, when that gives nothing or
     * fails, the literal {@code default}; {@code charts}
     * limits it to those charts (default: every chart whose dataset has the column).
     */
    public record Filter(
            String label,
            String dataset,
            String column,
            String description,
            boolean required,
            boolean multi,
            String sort,
            @JsonProperty("default") String defaultValue,
            String defaultSql,
            List<String> charts) {
        public Filter {
            charts = charts == null ? List.of() : charts;
        }
    }

    /**
     * A chart: title (unique over all dashboards, it is the chart's natural key), dataset, Superset
     * viz type and form data. {@code requiresColumns}: the chart is made only when the dataset has
     * them and some row has values in all of them; otherwise {@code fallbackMarkdown} takes its
     * place on the dashboard.
     * {@code crossFiltersTo}: the charts its cross filters (a click on a value) apply to; default all.
     */
    public record Chart(
            String title,
            String dataset,
            String viz,
            String description,
            List<String> requiresColumns,
            String fallbackMarkdown,
            List<String> crossFiltersTo,
            ObjectNode params) {
        public Chart {
            requiresColumns = requiresColumns == null ? List.of() : requiresColumns;
            crossFiltersTo = crossFiltersTo == null ? List.of() : crossFiltersTo;
            params = params == null ? Json.object() : params;
        }
    }

    /** One cell of a layout row: a chart (by key), a markdown text or a header; width out of 12. */
    public record Item(String chart, String markdown, String header, Integer width, Integer height) {}

    public record Dashboard(
            String slug,
            String title,
            String description,
            Map<String, Filter> filters,
            Map<String, Chart> charts,
            List<List<Item>> layout,
            String file) {
        public Dashboard {
            filters = filters == null ? Map.of() : filters;
            charts = charts == null ? Map.of() : charts;
            layout = layout == null ? List.of() : layout;
        }

        Dashboard withFile(String f) {
            return new Dashboard(slug, title, description, filters, charts, layout, f);
        }
    }

    private record DatasetsFile(Map<String, Dataset> datasets) {}

    /** Reads {@code datasets.yaml} and every other {@code *.yaml} (one dashboard each) of a directory. */
    public static Definitions load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw fail("no definitions directory " + dir.toAbsolutePath());
        }
        Path datasetsFile = dir.resolve(DATASETS_FILE);
        if (!Files.isRegularFile(datasetsFile)) {
            throw fail("no " + DATASETS_FILE + " in " + dir.toAbsolutePath());
        }
        Map<String, Dataset> datasets =
                resolveLike(read(datasetsFile, DatasetsFile.class).datasets());
        List<Dashboard> dashboards = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".yaml"))
                    .filter(p -> !p.getFileName().toString().equals(DATASETS_FILE))
                    .sorted()
                    .toList()) {
                dashboards.add(read(f, Dashboard.class).withFile(f.getFileName().toString()));
            }
        } catch (IOException e) {
            throw new SupersetException(SupersetException.Kind.DEFINITION, 0, "cannot list " + dir + ": " + e, e);
        }
        Definitions d = new Definitions(datasets == null ? Map.of() : new LinkedHashMap<>(datasets), dashboards);
        d.validate();
        return d;
    }

    /** Applies {@code like:} (one level: the base must not itself use like). */
    private static Map<String, Dataset> resolveLike(Map<String, Dataset> raw) {
        if (raw == null) {
            return Map.of();
        }
        Map<String, Dataset> out = new LinkedHashMap<>();
        raw.forEach((name, ds) -> {
            if (ds.like() == null) {
                out.put(name, ds);
                return;
            }
            Dataset base = raw.get(ds.like());
            if (base == null || base.like() != null) {
                throw fail(DATASETS_FILE + ": dataset " + name + ": like: " + ds.like()
                        + (base == null ? " is not defined" : " itself uses like (one level only)"));
            }
            out.put(name, ds.inheriting(base));
        });
        return out;
    }

    private static <T> T read(Path file, Class<T> type) {
        try {
            T value = YAML.readValue(file.toFile(), type);
            if (value == null) {
                throw fail(file + " is empty");
            }
            return value;
        } catch (IOException e) {
            throw new SupersetException(
                    SupersetException.Kind.DEFINITION,
                    0,
                    file.getFileName() + ": "
                            + e.getMessage().lines().findFirst().orElse(""),
                    e);
        }
    }

    private static SupersetException fail(String message) {
        return new SupersetException(SupersetException.Kind.DEFINITION, message);
    }

    // ---------------------------------------------------------------- checks

    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]*");
    /** Form-data keys holding one metric name, or a list of them. */
    static final List<String> METRIC_KEYS =
            List.of("metric", "metrics", "timeseries_limit_metric", "secondary_metric", "percent_metrics");
    /** Form-data keys holding one column name, or a list of them. */
    static final List<String> COLUMN_KEYS =
            List.of("all_columns", "groupby", "columns", "x_axis", "entity", "series", "granularity_sqla");

    /** Everything that can be checked without Superset. */
    public void validate() {
        List<String> errors = new ArrayList<>();
        datasets.forEach((name, ds) -> checkDataset(name, ds, errors));
        Set<String> slugs = new HashSet<>();
        Map<String, String> titles = new HashMap<>();
        for (Dashboard d : dashboards) {
            checkSlugAndTitle(d, slugs, errors);
            d.filters().forEach((key, f) -> checkFilter(d, key, f, errors));
            d.charts().forEach((key, c) -> checkChart(d, key, c, titles, errors));
            checkLayout(d, errors);
        }
        if (!errors.isEmpty()) {
            throw fail("dashboard definitions are wrong:\n  " + String.join("\n  ", errors));
        }
    }

    /** A dataset's name and SQL; its metrics' label and SQL; the labels of its required and optional columns. */
    private static void checkDataset(String name, Dataset ds, List<String> errors) {
        if (!name.matches("[a-z][a-z0-9_]*")) {
            errors.add(DATASETS_FILE + ": dataset name '" + name + "' must be lower_snake_case");
        }
        if (ds.sql() == null || ds.sql().isBlank()) {
            errors.add(DATASETS_FILE + ": dataset " + name + " has no sql");
        }
        ds.metrics().forEach((m, spec) -> {
            if (spec.sql() == null || spec.sql().isBlank() || spec.label() == null) {
                errors.add(DATASETS_FILE + ": metric " + name + "." + m + " needs label and sql");
            }
            for (String c : spec.requiresColumns()) {
                if (!ds.columns().containsKey(c)) {
                    errors.add(
                            DATASETS_FILE + ": metric " + name + "." + m + ": required column " + c + " has no label");
                }
            }
        });
        for (String c : ds.optionalColumns()) {
            if (!ds.columns().containsKey(c)) {
                errors.add(DATASETS_FILE + ": dataset " + name + ": optional column " + c + " has no label");
            }
        }
    }

    /** A dashboard's slug (well formed, unique over all dashboards) and title. */
    private static void checkSlugAndTitle(Dashboard d, Set<String> slugs, List<String> errors) {
        String where = d.file();
        if (d.slug() == null || !SLUG.matcher(d.slug()).matches()) {
            errors.add(where + ": slug '" + d.slug() + "' must be lower-case letters, digits and dashes");
        } else if (!slugs.add(d.slug())) {
            errors.add(where + ": slug " + d.slug() + " is used twice");
        }
        if (d.title() == null || d.title().isBlank()) {
            errors.add(where + ": no title");
        }
    }

    /** A filter's dataset and labelled column, its label, sort and the charts it is limited to. */
    private void checkFilter(Dashboard d, String key, Filter f, List<String> errors) {
        String where = d.file();
        Dataset ds = datasets.get(f.dataset());
        if (ds == null) {
            errors.add(where + ": filter " + key + " uses unknown dataset " + f.dataset());
        } else if (!ds.columns().containsKey(f.column())) {
            errors.add(
                    where + ": filter " + key + ": column " + f.column() + " has no label in dataset " + f.dataset());
        }
        if (f.label() == null) {
            errors.add(where + ": filter " + key + " has no label");
        }
        if (f.sort() != null && !f.sort().equals("asc") && !f.sort().equals("desc")) {
            errors.add(where + ": filter " + key + ": sort is asc or desc");
        }
        for (String c : f.charts()) {
            if (!d.charts().containsKey(c)) {
                errors.add(where + ": filter " + key + ": unknown chart " + c);
            }
        }
    }

    /** A chart's title (unique over all dashboards), cross-filter targets, viz and dataset references. */
    private void checkChart(Dashboard d, String key, Chart c, Map<String, String> titles, List<String> errors) {
        String at = d.file() + ": chart " + key;
        if (c.title() == null || c.title().isBlank()) {
            errors.add(at + " has no title");
        } else if (titles.putIfAbsent(c.title(), at) != null) {
            errors.add(at + ": title '" + c.title() + "' is already used by " + titles.get(c.title())
                    + " (chart titles are the charts' keys in Superset)");
        }
        for (String t : c.crossFiltersTo()) {
            if (!d.charts().containsKey(t)) {
                errors.add(at + ": cross_filters_to: unknown chart " + t);
            }
        }
        if (c.viz() == null) {
            errors.add(at + " has no viz");
        }
        Dataset ds = datasets.get(c.dataset());
        if (ds == null) {
            errors.add(at + " uses unknown dataset " + c.dataset());
            return;
        }
        checkChartReferences(at, c, ds, errors);
    }

    /** The metrics and columns a chart names exist in its dataset; required columns come with a fallback. */
    private static void checkChartReferences(String at, Chart c, Dataset ds, List<String> errors) {
        for (String m : references(c.params(), METRIC_KEYS)) {
            if (!ds.metrics().containsKey(m)) {
                errors.add(at + ": metric " + m + " is not defined in dataset " + c.dataset());
            }
        }
        for (String col : references(c.params(), COLUMN_KEYS)) {
            if (!ds.columns().containsKey(col)) {
                errors.add(at + ": column " + col + " has no label in dataset " + c.dataset());
            }
        }
        for (String col : c.requiresColumns()) {
            if (!ds.columns().containsKey(col)) {
                errors.add(at + ": required column " + col + " has no label in dataset " + c.dataset());
            }
        }
        if (!c.requiresColumns().isEmpty()
                && (c.fallbackMarkdown() == null || c.fallbackMarkdown().isBlank())) {
            errors.add(at + ": requires_columns needs a fallback_markdown saying how to enable it");
        }
    }

    /** Every layout row fits in 12 columns; every chart is placed exactly once. */
    private static void checkLayout(Dashboard d, List<String> errors) {
        Set<String> placed = new LinkedHashSet<>();
        int row = 0;
        for (List<Item> items : d.layout()) {
            row++;
            int width = checkLayoutRow(d, row, items, placed, errors);
            if (width > 12) {
                errors.add(d.file() + ": layout row " + row + " is " + width + " columns wide (at most 12)");
            }
        }
        for (String key : d.charts().keySet()) {
            if (!placed.contains(key)) {
                errors.add(d.file() + ": chart " + key + " is not in the layout");
            }
        }
    }

    /** Checks one layout row's items, adding its charts to {@code placed}; returns the row's width. */
    private static int checkLayoutRow(Dashboard d, int row, List<Item> items, Set<String> placed, List<String> errors) {
        String where = d.file();
        int width = 0;
        for (Item it : items) {
            int kinds = (it.chart() != null ? 1 : 0) + (it.markdown() != null ? 1 : 0) + (it.header() != null ? 1 : 0);
            if (kinds != 1) {
                errors.add(where + ": layout row " + row + ": each item is one of chart, markdown, header");
            }
            if (it.chart() != null) {
                if (!d.charts().containsKey(it.chart())) {
                    errors.add(where + ": layout row " + row + ": unknown chart " + it.chart());
                } else if (!placed.add(it.chart())) {
                    errors.add(where + ": layout: chart " + it.chart() + " is placed twice");
                }
            }
            width += it.header() != null ? 12 : it.width() == null ? 4 : it.width();
        }
        return width;
    }

    /** The names under the given form-data keys (strings or lists of strings; adhoc objects skipped). */
    static List<String> references(JsonNode params, List<String> keys) {
        List<String> out = new ArrayList<>();
        for (String k : keys) {
            JsonNode v = params.get(k);
            if (v == null) {
                continue;
            }
            if (v.isTextual()) {
                out.add(v.asText());
            } else if (v.isArray()) {
                v.forEach(e -> {
                    if (e.isTextual()) {
                        out.add(e.asText());
                    }
                });
            }
        }
        return out;
    }

    private static final Pattern TABLE_REF = Pattern.compile("(?i)\\b(?:from|join)\\s+([a-z_][a-z0-9_]*)");

    /** Table names a dataset's SQL reads (after FROM / JOIN). */
    public static Set<String> tablesOf(String sql) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = TABLE_REF.matcher(sql);
        while (m.find()) {
            out.add(m.group(1).toLowerCase());
        }
        return out;
    }
}
