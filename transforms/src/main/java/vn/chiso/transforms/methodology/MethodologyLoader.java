package vn.chiso.transforms.methodology;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads and checks one methodology file (YAML, or JSON, which is YAML too). Every mistake fails
 * with the file, the place in it and what was expected; unknown keys are mistakes (a misspelt
 * {@code max_point} must not silently fall back to a default).
 *
 * <pre>
 * index: par_index               # folder name; the file is methodologies/par_index/2022.yaml
 * version: "2022"                # file name without .yaml
 * title: …
 * valid_from: 2022               # result years it applies to (valid_to: last year; both optional)
 * source: {kind: official_scores, index_code: PAR_INDEX}
 * levels: [province]
 * scale: 100                     # total at full marks
 * aggregation: sum               # sum | weighted_mean | geometric_mean
 * total_rounding: 2
 * missing: {indicator: invalidate, component: invalidate}   # zero | reweight | invalidate
 * published_input: TOTAL         # the source's own total, checked against ours
 * bands: [{code: A, min: 90}, {code: B, min: 80, below: 90}]
 * robustness: {draws: 1000, weight_noise: 0.25, seed: 4, bootstrap: false}
 * re_expression: {rule: none, note: "…"}                    # additive | none
 * defaults: {method: points}     # indicator defaults
 * components:
 *   - code: L1
 *     name: …
 *     max_points: 10             # or from_input; weight: 0.2 in a weighted index
 *     input: L1                  # a one-indicator component may carry its indicator's keys
 *   - code: C05
 *     max_points: 10
 *     indicators:
 *       - {code: SC51, max_points: 2.5}
 * </pre>
 */
public final class MethodologyLoader {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static final Set<String> TOP = Set.of(
            "index",
            "version",
            "title",
            "description",
            "valid_from",
            "valid_to",
            "source",
            "levels",
            "scale",
            "aggregation",
            "total_rounding",
            "missing",
            "published_input",
            "check_tolerance",
            "bands",
            "robustness",
            "re_expression",
            "defaults",
            "components",
            "notes");
    private static final Set<String> INDICATOR_KEYS = Set.of(
            "input",
            "method",
            "max_points",
            "weight",
            "direction",
            "full_at",
            "rounding",
            "if_no_denominator",
            "points_from",
            "goalposts",
            "target",
            "z_mean",
            "z_sd",
            "informational",
            "rule",
            "note");
    private static final Set<String> COMPONENT_KEYS = Set.of(
            "code", "name", "max_points", "weight", "aggregation", "missing", "published_input", "note", "indicators");
    private static final Set<String> DEFAULT_KEYS = Set.of(
            "method", "direction", "full_at", "rounding", "if_no_denominator", "goalposts", "target", "z_mean", "z_sd");
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final BigDecimal EPSILON = new BigDecimal("0.000001");

    private MethodologyLoader() {}

    /**
     * Parses a file's text. {@code file} names it in messages, as {@code <index>/<version>.yaml};
     * the index and version inside must agree with it.
     */
    public static Methodology parse(String file, String text) {
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (IOException e) {
            throw new MethodologyException("methodology " + file + ": not valid YAML: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new MethodologyException("methodology " + file + ": expected a mapping of keys at the top");
        }
        return new Reader(file).methodology(new Node(root, ""));
    }

    /** A YAML node with its path, for messages. */
    private record Node(JsonNode json, String path) {

        Node get(String key) {
            JsonNode child = json.get(key);
            return child == null || child.isNull() ? null : new Node(child, path.isEmpty() ? key : path + "." + key);
        }

        Node at(int i) {
            return new Node(json.get(i), path + "[" + i + "]");
        }

        List<Node> list() {
            List<Node> out = new ArrayList<>();
            for (int i = 0; i < json.size(); i++) {
                out.add(at(i));
            }
            return out;
        }

        Set<String> keys() {
            Set<String> keys = new TreeSet<>();
            json.fieldNames().forEachRemaining(keys::add);
            return keys;
        }
    }

    private static final class Reader {
        private final String file;

        Reader(String file) {
            this.file = file;
        }

        private MethodologyException error(Node at, String message) {
            String where = at == null || at.path().isEmpty() ? "" : at.path() + ": ";
            return new MethodologyException("methodology " + file + ": " + where + message);
        }

        private MethodologyException error(String message) {
            return new MethodologyException("methodology " + file + ": " + message);
        }

        private void onlyKeys(Node node, Set<String> allowed) {
            if (!node.json().isObject()) {
                throw error(node, "expected a mapping of keys");
            }
            for (String key : node.keys()) {
                if (!allowed.contains(key)) {
                    throw error(
                            node,
                            "unknown key '" + key + "' (allowed: " + String.join(", ", new TreeSet<>(allowed)) + ")");
                }
            }
        }

        private String text(Node parent, String key, boolean required) {
            Node n = parent.get(key);
            if (n == null) {
                if (required) {
                    throw error(parent, "missing required key '" + key + "'");
                }
                return null;
            }
            if (!n.json().isValueNode()) {
                throw error(n, "expected a text value");
            }
            String value = n.json().asText().strip();
            if (value.isEmpty() && required) {
                throw error(n, "must not be empty");
            }
            return value;
        }

        private BigDecimal number(Node parent, String key) {
            Node n = parent.get(key);
            if (n == null) {
                return null;
            }
            return number(n);
        }

        private BigDecimal number(Node n) {
            if (n.json().isNumber()) {
                return new BigDecimal(n.json().asText());
            }
            throw error(n, "expected a number, got '" + n.json().asText() + "'");
        }

        private BigDecimal positive(Node parent, String key) {
            BigDecimal v = number(parent, key);
            if (v != null && v.signum() <= 0) {
                throw error(parent.get(key), "must be greater than 0, got " + v.toPlainString());
            }
            return v;
        }

        private Integer integer(Node parent, String key, int min, int max) {
            Node n = parent.get(key);
            if (n == null) {
                return null;
            }
            if (!n.json().canConvertToInt() || !n.json().isIntegralNumber()) {
                throw error(n, "expected a whole number, got '" + n.json().asText() + "'");
            }
            int v = n.json().asInt();
            if (v < min || v > max) {
                throw error(n, "must be between " + min + " and " + max + ", got " + v);
            }
            return v;
        }

        private boolean bool(Node parent, String key, boolean fallback) {
            Node n = parent.get(key);
            if (n == null) {
                return fallback;
            }
            if (!n.json().isBoolean()) {
                throw error(n, "expected true or false, got '" + n.json().asText() + "'");
            }
            return n.json().asBoolean();
        }

        private <E extends Enum<E>> E choice(Node parent, String key, Class<E> type, E fallback) {
            String value = text(parent, key, false);
            if (value == null) {
                return fallback;
            }
            for (E e : type.getEnumConstants()) {
                if (spelling(e).equals(value.toLowerCase(Locale.ROOT))) {
                    return e;
                }
            }
            throw error(
                    parent.get(key),
                    "unknown value '" + value + "' (one of: "
                            + String.join(
                                    ", ",
                                    Arrays.stream(type.getEnumConstants())
                                            .map(Reader::spelling)
                                            .toList()) + ")");
        }

        private static String spelling(Enum<?> e) {
            if (e instanceof Method m) {
                return m.spelling();
            } else if (e instanceof Aggregation a) {
                return a.spelling();
            } else if (e instanceof MissingRule r) {
                return r.spelling();
            } else if (e instanceof NoDenominator d) {
                return d.spelling();
            }
            return e.name().toLowerCase(Locale.ROOT);
        }

        private List<String> texts(Node parent, String key) {
            Node n = parent.get(key);
            if (n == null) {
                return List.of();
            }
            if (!n.json().isArray()) {
                throw error(n, "expected a list");
            }
            List<String> out = new ArrayList<>();
            for (Node item : n.list()) {
                if (!item.json().isValueNode()) {
                    throw error(item, "expected a text value");
                }
                out.add(item.json().asText());
            }
            return List.copyOf(out);
        }

        Methodology methodology(Node root) {
            onlyKeys(root, TOP);
            String index = text(root, "index", true);
            String version = text(root, "version", true);
            checkPlace(root, index, version);
            Integer validFrom = integer(root, "valid_from", 1900, 2200);
            Integer validTo = integer(root, "valid_to", 1900, 2200);
            if (validFrom != null && validTo != null && validTo < validFrom) {
                throw error(root.get("valid_to"), "ends (" + validTo + ") before it starts (" + validFrom + ")");
            }
            Source source = source(root);
            Aggregation aggregation = choice(root, "aggregation", Aggregation.class, Aggregation.SUM);
            MissingRules missing = missingRules(root);
            Node defaults = root.get("defaults");
            if (defaults != null) {
                onlyKeys(defaults, DEFAULT_KEYS);
            }
            List<Component> components = components(root, aggregation, missing.indicator(), defaults);
            BigDecimal scale = scale(root, aggregation, components);
            List<Band> bands = bands(root);
            Robustness robustness = robustness(root);
            ReExpression reExpression = reExpression(root);
            return new Methodology(
                    index,
                    version,
                    text(root, "title", true),
                    text(root, "description", false),
                    validFrom,
                    validTo,
                    source,
                    texts(root, "levels"),
                    scale,
                    aggregation,
                    integer(root, "total_rounding", 0, 9),
                    missing.component(),
                    text(root, "published_input", false),
                    Value.or(positive(root, "check_tolerance"), new BigDecimal("0.005")),
                    bands,
                    robustness,
                    reExpression,
                    components,
                    texts(root, "notes"),
                    file);
        }

        /** The index code is lower_snake_case, and index and version name the file. */
        private void checkPlace(Node root, String index, String version) {
            if (!index.matches("[a-z][a-z0-9_]*")) {
                throw error(root.get("index"), "index codes are lower_snake_case, got '" + index + "'");
            }
            String expected = index + "/" + version + ".yaml";
            if (file.endsWith(".yaml") && !file.equals(expected) && !file.endsWith("/" + expected)) {
                throw error("index '" + index + "' and version '" + version + "' belong in " + expected);
            }
        }

        /** What a missing indicator does to its component, and a missing component to the index. */
        private record MissingRules(MissingRule indicator, MissingRule component) {}

        private MissingRules missingRules(Node root) {
            Node missing = root.get("missing");
            if (missing == null) {
                return new MissingRules(MissingRule.INVALIDATE, MissingRule.INVALIDATE);
            }
            onlyKeys(missing, Set.of("indicator", "component"));
            return new MissingRules(
                    choice(missing, "indicator", MissingRule.class, MissingRule.INVALIDATE),
                    choice(missing, "component", MissingRule.class, MissingRule.INVALIDATE));
        }

        /** The components, each code (component or indicator) once in the methodology. */
        private List<Component> components(
                Node root, Aggregation aggregation, MissingRule missingIndicator, Node defaults) {
            Node componentsNode = root.get("components");
            if (componentsNode == null
                    || !componentsNode.json().isArray()
                    || componentsNode.json().isEmpty()) {
                throw error(root, "'components' must be a non-empty list");
            }
            List<Component> components = new ArrayList<>();
            Set<String> codes = new HashSet<>();
            Set<String> indicatorCodes = new HashSet<>();
            for (Node c : componentsNode.list()) {
                Component component = component(c, aggregation, missingIndicator, defaults);
                if (!codes.add(component.code())) {
                    throw error(c, "component code '" + component.code() + "' appears twice");
                }
                for (Indicator i : component.indicators()) {
                    if (!indicatorCodes.add(i.code())) {
                        throw error(c, "indicator code '" + i.code() + "' appears twice in the methodology");
                    }
                }
                components.add(component);
            }
            return List.copyOf(components);
        }

        /**
         * The total at full marks: in a points index the components' max_points add up to it (or it
         * is required when maxima come from the input); otherwise 100 unless given.
         */
        private BigDecimal scale(Node root, Aggregation aggregation, List<Component> components) {
            BigDecimal scale = positive(root, "scale");
            if (aggregation != Aggregation.SUM) {
                return scale == null ? HUNDRED : scale;
            }
            if (components.stream().anyMatch(Component::maxFromInput)) {
                if (scale == null) {
                    throw error(root, "'scale' is required when maxima come from the input (max_points: from_input)");
                }
                return scale;
            }
            BigDecimal sum = components.stream().map(Component::maxPoints).reduce(BigDecimal.ZERO, BigDecimal::add);
            if (scale != null && scale.subtract(sum).abs().compareTo(EPSILON) > 0) {
                throw error(
                        root.get("scale"),
                        "the components' max_points add up to " + sum.toPlainString() + ", not the scale "
                                + scale.toPlainString());
            }
            return scale == null ? sum : scale;
        }

        private Source source(Node root) {
            Node n = root.get("source");
            if (n == null) {
                throw error(
                        root, "missing required key 'source' (e.g. source: {kind: official_scores, index_code: PAPI})");
            }
            if (!n.json().isObject()) {
                throw error(n, "expected a mapping with 'kind'");
            }
            String kind = text(n, "kind", true);
            Set<String> kinds = Set.of("dossier_kpis", "portal_evaluations", "official_scores", "survey_responses");
            if (!kinds.contains(kind)) {
                throw error(
                        n.get("kind"),
                        "unknown source kind '" + kind + "' (one of: " + String.join(", ", new TreeSet<>(kinds)) + ")");
            }
            Map<String, String> options = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> fields = n.json().fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                if (!f.getKey().equals("kind")) {
                    if (!f.getValue().isValueNode()) {
                        throw error(n.get(f.getKey()), "source options are single values");
                    }
                    options.put(f.getKey(), f.getValue().asText());
                }
            }
            if (kind.equals("official_scores") && !options.containsKey("index_code")) {
                throw error(n, "an official_scores source names its index: index_code: PAPI (or PAR_INDEX …)");
            }
            return new Source(kind, Map.copyOf(options));
        }

        /** A component's maximum points (null: none declared), or that they come from the input. */
        private record Max(BigDecimal points, boolean fromInput) {}

        private Component component(Node c, Aggregation indexAggregation, MissingRule missingIndicator, Node defaults) {
            if (!c.json().isObject()) {
                throw error(c, "expected a mapping with code, name, max_points/weight and indicators");
            }
            boolean inline = c.get("indicators") == null;
            Set<String> allowed = new HashSet<>(COMPONENT_KEYS);
            if (inline) {
                allowed.addAll(INDICATOR_KEYS);
            }
            onlyKeys(c, allowed);
            String code = text(c, "code", true);
            String name = text(c, "name", false);
            boolean maxFromInput = isFromInput(c.get("max_points"));
            Max declared = new Max(maxFromInput ? null : positive(c, "max_points"), maxFromInput);
            BigDecimal weight = positive(c, "weight");
            checkWeighedInIndex(c, code, indexAggregation, declared, weight);
            MissingRule missing = choice(c, "missing", MissingRule.class, missingIndicator);
            List<Indicator> indicators;
            Aggregation aggregation;
            if (inline) {
                indicators = List.of(inlineIndicator(c, code, name, defaults, declared));
                boolean points = declared.points() != null || declared.fromInput();
                aggregation = choice(
                        c, "aggregation", Aggregation.class, points ? Aggregation.SUM : Aggregation.WEIGHTED_MEAN);
            } else {
                indicators = listedIndicators(c.get("indicators"), defaults);
                boolean allPoints = indicators.stream()
                        .filter(i -> !i.informational())
                        .allMatch(i -> i.maxPoints() != null || i.maxFromInput());
                aggregation = choice(
                        c, "aggregation", Aggregation.class, allPoints ? Aggregation.SUM : Aggregation.WEIGHTED_MEAN);
            }
            List<Indicator> scored =
                    indicators.stream().filter(i -> !i.informational()).toList();
            if (scored.isEmpty()) {
                throw error(c, "component '" + code + "' has no indicator carrying points or weight");
            }
            Max max = declared;
            if (aggregation == Aggregation.SUM) {
                max = summedMax(c, code, scored, declared);
            } else {
                checkWeighted(c, code, aggregation, scored);
            }
            return new Component(
                    code,
                    name,
                    max.points(),
                    max.fromInput(),
                    weight,
                    aggregation,
                    missing,
                    text(c, "published_input", false),
                    indicators,
                    text(c, "note", false));
        }

        /** A component of a points index needs max_points; of a weighted index, a weight. */
        private void checkWeighedInIndex(
                Node c, String code, Aggregation indexAggregation, Max declared, BigDecimal weight) {
            if (indexAggregation == Aggregation.SUM && declared.points() == null && !declared.fromInput()) {
                throw error(c, "component '" + code + "' needs max_points: the index aggregates by sum of points");
            }
            if (indexAggregation != Aggregation.SUM && weight == null) {
                throw error(
                        c,
                        "component '" + code + "' needs a weight: the index aggregates by "
                                + indexAggregation.spelling());
            }
        }

        /** A one-indicator component: the component carries its indicator's keys. */
        private Indicator inlineIndicator(Node c, String code, String name, Node defaults, Max declared) {
            Indicator only = indicator(c, code, name, defaults, declared.points(), declared.fromInput());
            if (only.weight() == null && only.maxPoints() == null && !only.maxFromInput()) {
                throw error(c, "component '" + code + "' needs max_points or a weight");
            }
            return only;
        }

        private List<Indicator> listedIndicators(Node list, Node defaults) {
            if (!list.json().isArray() || list.json().isEmpty()) {
                throw error(list, "expected a non-empty list of indicators");
            }
            List<Indicator> indicators = new ArrayList<>();
            for (Node i : list.list()) {
                onlyKeys(i, union(INDICATOR_KEYS, Set.of("code", "name")));
                boolean fromInput = isFromInput(i.get("max_points"));
                indicators.add(indicator(
                        i,
                        text(i, "code", true),
                        text(i, "name", false),
                        defaults,
                        fromInput ? null : positive(i, "max_points"),
                        fromInput));
            }
            return List.copyOf(indicators);
        }

        /**
         * A component that sums points: every scored indicator has max_points, which add up to the
         * component's (its maximum when it declares none); any maximum from the input makes its own so.
         */
        private Max summedMax(Node c, String code, List<Indicator> scored, Max declared) {
            for (Indicator i : scored) {
                if (i.maxPoints() == null && !i.maxFromInput()) {
                    throw error(
                            c, "indicator '" + i.code() + "' needs max_points: component '" + code + "' sums points");
                }
            }
            if (scored.stream().anyMatch(Indicator::maxFromInput)) {
                return new Max(null, true);
            }
            BigDecimal sum = scored.stream().map(Indicator::maxPoints).reduce(BigDecimal.ZERO, BigDecimal::add);
            if (declared.points() == null && !declared.fromInput()) {
                return new Max(sum, false);
            }
            if (declared.points() != null
                    && declared.points().subtract(sum).abs().compareTo(EPSILON) > 0) {
                throw error(
                        c,
                        "component '" + code + "': its indicators' max_points add up to " + sum.toPlainString()
                                + ", not its max_points " + declared.points().toPlainString());
            }
            return declared;
        }

        /** A weighted component: every scored indicator has a weight, and points have a maximum to normalise by. */
        private void checkWeighted(Node c, String code, Aggregation aggregation, List<Indicator> scored) {
            for (Indicator i : scored) {
                if (i.weight() == null) {
                    throw error(
                            c,
                            "indicator '" + i.code() + "' needs a weight: component '" + code + "' aggregates by "
                                    + aggregation.spelling());
                }
                boolean points = i.method() == Method.POINTS || i.method() == Method.AS_PUBLISHED;
                if (points && i.maxPoints() == null && !i.maxFromInput()) {
                    throw error(
                            c,
                            "indicator '" + i.code() + "': method " + i.method().spelling()
                                    + " needs max_points to normalise");
                }
            }
        }

        private boolean isFromInput(Node n) {
            return n != null && n.json().isTextual() && n.json().asText().equals("from_input");
        }

        /** An indicator's goalposts (both null when it has none). */
        private record Goalposts(BigDecimal low, BigDecimal high) {}

        private Indicator indicator(
                Node i, String code, String name, Node defaults, BigDecimal max, boolean maxFromInput) {
            Method method = choice(
                    i,
                    "method",
                    Method.class,
                    defaults == null ? Method.POINTS : choice(defaults, "method", Method.class, Method.POINTS));
            int direction = direction(i, defaults);
            BigDecimal fullAt = fullAt(i, defaults, code, method);
            Integer rounding = rounding(i, defaults);
            NoDenominator noDen = noDenominator(i, defaults);
            boolean pointsFromExactRatio = pointsFromExactRatio(i, code, method);
            Goalposts goalposts = goalposts(i, defaults, code, method);
            BigDecimal target = Value.or(number(i, "target"), defaults == null ? null : number(defaults, "target"));
            if (method == Method.DISTANCE_TO_TARGET && target == null) {
                throw error(i, "method distance_to_target needs a target (indicator '" + code + "')");
            }
            BigDecimal zMean = Value.or(number(i, "z_mean"), defaults == null ? null : number(defaults, "z_mean"));
            BigDecimal zSd = Value.or(positive(i, "z_sd"), defaults == null ? null : positive(defaults, "z_sd"));
            boolean ruleKnown = ruleKnown(i, code, method);
            String note = text(i, "note", false);
            boolean informational = bool(i, "informational", false);
            if (!informational
                    && (method == Method.POINTS || method == Method.AS_PUBLISHED || method == Method.RATIO)) {
                if (max == null && !maxFromInput && positive(i, "weight") == null) {
                    throw error(i, "indicator '" + code + "' needs max_points (or a weight)");
                }
            }
            return new Indicator(
                    code,
                    name,
                    Value.or(text(i, "input", false), code),
                    method,
                    max,
                    maxFromInput,
                    positive(i, "weight"),
                    direction,
                    fullAt,
                    rounding,
                    noDen,
                    pointsFromExactRatio,
                    goalposts.low(),
                    goalposts.high(),
                    target,
                    zMean,
                    zSd,
                    informational,
                    ruleKnown,
                    note);
        }

        private Integer rounding(Node i, Node defaults) {
            Integer rounding = integer(i, "rounding", 0, 9);
            if (rounding == null && defaults != null) {
                rounding = integer(defaults, "rounding", 0, 9);
            }
            return rounding;
        }

        /** What a ratio does when its denominator is zero. */
        private NoDenominator noDenominator(Node i, Node defaults) {
            NoDenominator fallback = defaults == null
                    ? NoDenominator.MISSING
                    : choice(defaults, "if_no_denominator", NoDenominator.class, NoDenominator.MISSING);
            return choice(i, "if_no_denominator", NoDenominator.class, fallback);
        }

        /** The percent at which a ratio earns full points (method ratio only, up to 100). */
        private BigDecimal fullAt(Node i, Node defaults, String code, Method method) {
            BigDecimal fullAt =
                    Value.or(positive(i, "full_at"), defaults == null ? null : positive(defaults, "full_at"));
            if (fullAt != null && fullAt.compareTo(HUNDRED) > 0) {
                throw error(i, "full_at is a percent up to 100, got " + fullAt.toPlainString());
            }
            if (fullAt != null && method != Method.RATIO) {
                throw error(
                        i,
                        "full_at applies to method ratio only (indicator '" + code + "' is " + method.spelling() + ")");
            }
            return fullAt;
        }

        /** Whether a ratio's points come from its exact percent rather than the rounded one. */
        private boolean pointsFromExactRatio(Node i, String code, Method method) {
            String pointsFrom = text(i, "points_from", false);
            if (pointsFrom != null && !pointsFrom.equals("rounded_ratio") && !pointsFrom.equals("exact_ratio")) {
                throw error(
                        i.get("points_from"),
                        "points_from is 'rounded_ratio' or 'exact_ratio', got '" + pointsFrom + "'");
            }
            if (pointsFrom != null && method != Method.RATIO) {
                throw error(
                        i,
                        "points_from applies to method ratio only (indicator '" + code + "' is " + method.spelling()
                                + ")");
            }
            return "exact_ratio".equals(pointsFrom);
        }

        private Goalposts goalposts(Node i, Node defaults, String code, Method method) {
            Node goalposts = Value.or(i.get("goalposts"), defaults == null ? null : defaults.get("goalposts"));
            if (goalposts == null) {
                if (method == Method.GOALPOSTS) {
                    throw error(i, "method goalposts needs goalposts: [low, high] (indicator '" + code + "')");
                }
                return new Goalposts(null, null);
            }
            if (!goalposts.json().isArray() || goalposts.json().size() != 2) {
                throw error(goalposts, "goalposts are [low, high]");
            }
            BigDecimal low = number(goalposts.at(0));
            BigDecimal high = number(goalposts.at(1));
            if (low.compareTo(high) >= 0) {
                throw error(
                        goalposts,
                        "goalposts need low < high, got [" + low.toPlainString() + ", " + high.toPlainString() + "]");
            }
            return new Goalposts(low, high);
        }

        /**
         * Whether the source's rule for the indicator is known; an unknown rule says what is unknown
         * in a note and can only take the source's own points.
         */
        private boolean ruleKnown(Node i, String code, Method method) {
            String rule = text(i, "rule", false);
            if (rule != null && !rule.equals("known") && !rule.equals("unknown")) {
                throw error(i.get("rule"), "rule is 'known' or 'unknown', got '" + rule + "'");
            }
            boolean ruleKnown = !"unknown".equals(rule);
            String note = text(i, "note", false);
            if (!ruleKnown && (note == null || note.isBlank())) {
                throw error(i, "indicator '" + code + "' has rule: unknown; say what is not known in a note");
            }
            if (!ruleKnown && method != Method.AS_PUBLISHED) {
                throw error(
                        i,
                        "indicator '" + code + "' has rule: unknown, so it can only use the source's own "
                                + "points (method: as_published), not " + method.spelling());
            }
            return ruleKnown;
        }

        private int direction(Node i, Node defaults) {
            Node n = Value.or(i.get("direction"), defaults == null ? null : defaults.get("direction"));
            if (n == null) {
                return 1;
            }
            String v = n.json().asText();
            return switch (v) {
                case "1", "+1", "positive", "higher_is_better" -> 1;
                case "-1", "negative", "lower_is_better" -> -1;
                default -> throw error(n, "direction is 1 (higher is better) or -1 (lower is better), got '" + v + "'");
            };
        }

        private List<Band> bands(Node root) {
            Node n = root.get("bands");
            if (n == null) {
                return List.of();
            }
            if (!n.json().isArray()) {
                throw error(n, "expected a list of {code, min, below}");
            }
            List<Band> bands = new ArrayList<>();
            for (Node b : n.list()) {
                onlyKeys(b, Set.of("code", "min", "below"));
                BigDecimal min = number(b, "min");
                if (min == null) {
                    throw error(b, "a band needs min");
                }
                BigDecimal below = number(b, "below");
                if (below != null && below.compareTo(min) <= 0) {
                    throw error(b, "below must be greater than min");
                }
                bands.add(new Band(text(b, "code", true), min, below));
            }
            for (int x = 0; x < bands.size(); x++) {
                for (int y = x + 1; y < bands.size(); y++) {
                    Band a = bands.get(x);
                    Band c = bands.get(y);
                    boolean overlap = (a.below() == null || c.min().compareTo(a.below()) < 0)
                            && (c.below() == null || a.min().compareTo(c.below()) < 0);
                    if (overlap) {
                        throw error(n, "bands " + a.code() + " and " + c.code() + " overlap");
                    }
                }
            }
            return List.copyOf(bands);
        }

        private Robustness robustness(Node root) {
            Node n = root.get("robustness");
            if (n == null) {
                return Robustness.NONE;
            }
            onlyKeys(n, Set.of("draws", "weight_noise", "seed", "bootstrap"));
            Integer draws = integer(n, "draws", 0, 100_000);
            BigDecimal noise = number(n, "weight_noise");
            if (noise != null && (noise.signum() < 0 || noise.compareTo(BigDecimal.ONE) >= 0)) {
                throw error(
                        n.get("weight_noise"),
                        "weight_noise is a fraction from 0 to below 1, got " + noise.toPlainString());
            }
            Node seed = n.get("seed");
            if (seed != null && !seed.json().isIntegralNumber()) {
                throw error(seed, "expected a whole number");
            }
            return new Robustness(
                    draws == null ? 0 : draws,
                    noise == null ? 0 : noise.doubleValue(),
                    seed == null ? 1 : seed.json().asLong(),
                    bool(n, "bootstrap", false));
        }

        private ReExpression reExpression(Node root) {
            Node n = root.get("re_expression");
            if (n == null) {
                return new ReExpression(ReExpression.NONE, "no re-expression rule declared");
            }
            onlyKeys(n, Set.of("rule", "note"));
            String rule = text(n, "rule", true);
            if (!rule.equals(ReExpression.ADDITIVE) && !rule.equals(ReExpression.NONE)) {
                throw error(n.get("rule"), "rule is 'additive' or 'none', got '" + rule + "'");
            }
            String note = text(n, "note", false);
            if (rule.equals(ReExpression.NONE) && (note == null || note.isBlank())) {
                throw error(n, "say why the index cannot be re-expressed (note)");
            }
            return new ReExpression(rule, note);
        }

        private static Set<String> union(Set<String> a, Set<String> b) {
            Set<String> out = new HashSet<>(a);
            out.addAll(b);
            return out;
        }
    }

    /** Small helpers. */
    static final class Value {
        private Value() {}

        static <T> T or(T value, T fallback) {
            return value != null ? value : fallback;
        }
    }
}
