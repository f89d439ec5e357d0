package vn.chiso.transforms.index;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.chiso.transforms.methodology.Aggregation;
import vn.chiso.transforms.methodology.Component;
import vn.chiso.transforms.methodology.Indicator;
import vn.chiso.transforms.methodology.Method;
import vn.chiso.transforms.methodology.Methodology;
import vn.chiso.transforms.methodology.MissingRule;

/**
 * Computes an index for the units of one period (one ranking universe) from a methodology, in
 * exact decimals: normalise each indicator, aggregate indicators into components and components
 * into the total (COINr's normalise → aggregate), with the methodology's caps, thresholds,
 * rounding and missing-data rules; every figure the source published alongside is checked.
 *
 * <p>Pure Java (no Spark): the Spark job calls it once per universe inside a task, so it runs on
 * any executor, and tests call it directly on hand-made examples.
 */
public final class IndexEngine {

    static final int SCALE = 12;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final MathContext SQRT = new MathContext(24);

    private IndexEngine() {}

    /** Scores every unit of the universe (units of one level and period, ranked together). */
    public static List<UnitResult> score(Methodology m, List<UnitInputs> universe) {
        Map<String, Stats> stats = new HashMap<>();
        for (Component c : m.components()) {
            for (Indicator i : c.indicators()) {
                if (i.method().relative()) {
                    List<BigDecimal> values = new ArrayList<>();
                    for (UnitInputs u : universe) {
                        BigDecimal raw = raw(i, u.inputs().get(i.input())).value;
                        if (raw != null) {
                            values.add(raw);
                        }
                    }
                    stats.put(i.code(), Stats.of(values));
                }
            }
        }
        List<UnitResult> results = new ArrayList<>(universe.size());
        for (UnitInputs u : universe) {
            results.add(scoreUnit(m, u, stats));
        }
        return results;
    }

    // ---- indicators -----------------------------------------------------------------------------

    /** An indicator's raw value, why it is what it is, and the unrounded percent of a ratio. */
    private record Raw(BigDecimal value, String status, BigDecimal exact) {

        Raw(BigDecimal value, String status) {
            this(value, status, value);
        }
    }

    private static Raw raw(Indicator i, InputValue in) {
        if (in == null) {
            return new Raw(null, "missing_input");
        }
        switch (i.method()) {
            case AS_PUBLISHED:
                BigDecimal published = in.publishedScore() != null ? in.publishedScore() : in.value();
                return new Raw(published, published == null ? "missing_input" : "as_published");
            case POINTS:
                return new Raw(in.value(), in.value() == null ? "missing_input" : "ok");
            default:
                if (in.denominator() != null) {
                    if (in.numerator() == null) {
                        return new Raw(null, "missing_input");
                    }
                    if (in.denominator().signum() == 0) {
                        return switch (i.ifNoDenominator()) {
                            case ZERO -> new Raw(BigDecimal.ZERO, "no_denominator_zero");
                            case FULL -> new Raw(null, "no_denominator_full");
                            case MISSING -> new Raw(null, "no_denominator_missing");
                        };
                    }
                    BigDecimal percent =
                            in.numerator().multiply(HUNDRED).divide(in.denominator(), SCALE, RoundingMode.HALF_UP);
                    return new Raw(round(percent, i.method() == Method.RATIO ? i.rounding() : null), "ok", percent);
                }
                if (in.value() == null) {
                    return new Raw(null, "missing_input");
                }
                return new Raw(round(in.value(), i.method() == Method.RATIO ? i.rounding() : null), "ok", in.value());
        }
    }

    /** Normalised value and points of one indicator of one unit. */
    private record Scored(BigDecimal raw, BigDecimal normalised, BigDecimal score, BigDecimal max, String status) {}

    private static Scored scoreIndicator(Indicator i, InputValue in, Stats stats) {
        Raw raw = raw(i, in);
        BigDecimal max = i.maxFromInput() ? (in == null ? null : in.maxPoints()) : i.maxPoints();
        if (i.maxFromInput() && in != null && max == null) {
            return withoutMax(i, raw);
        }
        if (raw.status.equals("no_denominator_full")) {
            return new Scored(null, BigDecimal.ONE, max, max, raw.status);
        }
        if (raw.value == null) {
            return new Scored(null, null, null, max, raw.status);
        }
        BigDecimal x = raw.value;
        switch (i.method()) {
            case RATIO:
                return ratioPoints(i, raw, max);
            case POINTS:
            case AS_PUBLISHED:
                return points(i, raw, max);
            default:
                BigDecimal normalised = normalise(i, x, stats);
                BigDecimal score = max == null ? null : round(max.multiply(normalised), i.rounding());
                return new Scored(x, normalised, score, max, raw.status);
        }
    }

    /** Points are points even when their maximum was not published; they only lack a share. */
    private static Scored withoutMax(Indicator i, Raw raw) {
        boolean points = i.method() == Method.POINTS || i.method() == Method.AS_PUBLISHED;
        return new Scored(
                raw.value, null, points && raw.value != null ? round(raw.value, i.rounding()) : null, null, "no_max");
    }

    /** A ratio's points: its percent (or 100 − percent) capped at {@code full_at}, as a share of the maximum. */
    private static Scored ratioPoints(Indicator i, Raw raw, BigDecimal max) {
        BigDecimal fullAt = i.fullAt() == null ? HUNDRED : i.fullAt();
        BigDecimal basis = i.pointsFromExactRatio() ? raw.exact : raw.value;
        BigDecimal effective = i.direction() > 0 ? basis : HUNDRED.subtract(basis);
        BigDecimal capped = effective.min(fullAt).max(BigDecimal.ZERO);
        if (max == null) {
            return new Scored(raw.value, capped.divide(fullAt, SCALE, RoundingMode.HALF_UP), null, null, raw.status);
        }
        BigDecimal score = round(max.multiply(capped).divide(fullAt, SCALE, RoundingMode.HALF_UP), i.rounding());
        return new Scored(raw.value, divide(score, max), score, max, raw.status);
    }

    /** Points as given, rounded; flagged when above the maximum. */
    private static Scored points(Indicator i, Raw raw, BigDecimal max) {
        BigDecimal score = round(raw.value, i.rounding());
        String status = score.compareTo(max) > 0 ? "above_max" : raw.status;
        return new Scored(raw.value, divide(score, max), score, max, status);
    }

    /** Normalises a raw value against the universe (COINr's normalise step) by the indicator's method. */
    private static BigDecimal normalise(Indicator i, BigDecimal x, Stats stats) {
        return switch (i.method()) {
            case MIN_MAX -> minMax(i, x, stats);
            case Z_SCORE -> zScore(i, x, stats);
            case GOALPOSTS -> goalposts(i, x);
            case DISTANCE_TO_TARGET -> distanceToTarget(i, x, stats);
            case RANK -> rankShare(i, x, stats);
            default -> throw new IllegalStateException("unhandled method " + i.method());
        };
    }

    private static BigDecimal minMax(Indicator i, BigDecimal x, Stats stats) {
        BigDecimal range = stats.max.subtract(stats.min);
        return range.signum() == 0
                ? BigDecimal.ONE
                : (i.direction() > 0 ? x.subtract(stats.min) : stats.max.subtract(x))
                        .divide(range, SCALE, RoundingMode.HALF_UP);
    }

    /** A z-score, re-centred on the methodology's mean and spread (0 and 1 unless set). */
    private static BigDecimal zScore(Indicator i, BigDecimal x, Stats stats) {
        BigDecimal z = stats.sd.signum() == 0
                ? BigDecimal.ZERO
                : x.subtract(stats.mean).divide(stats.sd, SCALE, RoundingMode.HALF_UP);
        if (i.direction() < 0) {
            z = z.negate();
        }
        BigDecimal mean = i.zMean() == null ? BigDecimal.ZERO : i.zMean();
        BigDecimal sd = i.zSd() == null ? BigDecimal.ONE : i.zSd();
        return mean.add(sd.multiply(z)).setScale(SCALE, RoundingMode.HALF_UP);
    }

    private static BigDecimal goalposts(Indicator i, BigDecimal x) {
        BigDecimal range = i.goalHigh().subtract(i.goalLow());
        BigDecimal v = (i.direction() > 0
                        ? x.subtract(i.goalLow())
                        : i.goalHigh().subtract(x))
                .divide(range, SCALE, RoundingMode.HALF_UP);
        return clamp(v);
    }

    private static BigDecimal distanceToTarget(Indicator i, BigDecimal x, Stats stats) {
        BigDecimal t = i.target();
        if (i.direction() > 0) {
            return x.compareTo(t) >= 0
                    ? BigDecimal.ONE
                    : clamp(x.subtract(stats.min).divide(t.subtract(stats.min), SCALE, RoundingMode.HALF_UP));
        }
        return x.compareTo(t) <= 0
                ? BigDecimal.ONE
                : clamp(stats.max.subtract(x).divide(stats.max.subtract(t), SCALE, RoundingMode.HALF_UP));
    }

    /** The share of the universe's other values the unit does better than. */
    private static BigDecimal rankShare(Indicator i, BigDecimal x, Stats stats) {
        long n = stats.sorted.length;
        long worse = 0;
        for (BigDecimal v : stats.sorted) {
            if (i.direction() > 0 ? v.compareTo(x) < 0 : v.compareTo(x) > 0) {
                worse++;
            }
        }
        return n <= 1
                ? BigDecimal.ONE
                : BigDecimal.valueOf(worse).divide(BigDecimal.valueOf(n - 1), SCALE, RoundingMode.HALF_UP);
    }

    // ---- a unit ---------------------------------------------------------------------------------

    /** A component's aggregate: normalised value, points, the parts each indicator adds. */
    private record Aggregate(
            BigDecimal normalised,
            BigDecimal points,
            BigDecimal max,
            String status,
            String note,
            Map<String, BigDecimal> parts) {}

    /** The children of a parent that have no value, and the methodology's rule for them. */
    private record Gaps(List<String> missing, MissingRule rule) {

        boolean any() {
            return !missing.isEmpty();
        }

        String status() {
            return missing.isEmpty() ? "ok" : rule == MissingRule.ZERO ? "missing_counted_zero" : "reweighted";
        }

        String note() {
            return missing.isEmpty()
                    ? null
                    : (rule == MissingRule.ZERO ? "counted as 0: " : "left out, others reweighted: ")
                            + String.join(", ", missing);
        }
    }

    /**
     * Every indicator of the unit scored and aggregated into its component, with each component's
     * normalised value (NaN: missing) and base weight for the rank intervals.
     */
    private record ComponentScores(
            Map<String, Scored> indicators, List<Aggregate> aggregates, double[] values, double[] base) {}

    /** The unit's unrounded total (null: none), its status and note, and each component's contribution. */
    private record Total(BigDecimal exact, String status, String note, BigDecimal[] contributions) {}

    private static UnitResult scoreUnit(Methodology m, UnitInputs u, Map<String, Stats> stats) {
        ComponentScores scores = scoreComponents(m, u, stats);
        Total t = aggregateTotal(m, scores.aggregates);
        BigDecimal scale = scale(m, scores.aggregates);
        BigDecimal total = t.exact == null ? null : round(t.exact, m.totalRounding());
        List<NodeResult> nodes = new ArrayList<>();
        nodes.add(indexNode(m, u, t, total, scale));
        List<Component> components = m.components();
        for (int c = 0; c < components.size(); c++) {
            Component component = components.get(c);
            Aggregate a = scores.aggregates.get(c);
            nodes.add(componentNode(m, u, component, a, scale, t.contributions[c]));
            nodes.addAll(indicatorNodes(m, u, component, a, t.contributions[c], scores.indicators));
        }
        return new UnitResult(
                u.key(), m.version(), total, t.exact, m.band(total), t.status, nodes, scores.values, scores.base);
    }

    private static ComponentScores scoreComponents(Methodology m, UnitInputs u, Map<String, Stats> stats) {
        List<Component> components = m.components();
        int k = components.size();
        Map<String, Scored> scored = new HashMap<>();
        List<Aggregate> aggregates = new ArrayList<>(k);
        double[] values = new double[k];
        double[] base = new double[k];
        for (int c = 0; c < k; c++) {
            Component component = components.get(c);
            for (Indicator i : component.indicators()) {
                scored.put(i.code(), scoreIndicator(i, u.inputs().get(i.input()), stats.get(i.code())));
            }
            Aggregate a = aggregate(component, scored);
            aggregates.add(a);
            values[c] = a.normalised == null ? Double.NaN : a.normalised.doubleValue();
            BigDecimal b = m.aggregation() == Aggregation.SUM ? a.max : component.weight();
            base[c] = b == null ? Double.NaN : b.doubleValue();
        }
        return new ComponentScores(scored, aggregates, values, base);
    }

    /**
     * The total, by the methodology's aggregation and missing-component rule. A points index sums
     * points, which stay known even when a published maximum is not.
     */
    private static Total aggregateTotal(Methodology m, List<Aggregate> aggregates) {
        List<Component> components = m.components();
        int k = components.size();
        boolean sum = m.aggregation() == Aggregation.SUM;
        List<String> missing = new ArrayList<>();
        List<String> maxUnknown = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            Aggregate a = aggregates.get(c);
            if (sum ? a.points == null : a.normalised == null) {
                missing.add(components.get(c).code());
            } else if (sum && a.max == null) {
                maxUnknown.add(components.get(c).code());
            }
        }
        Gaps gaps = new Gaps(missing, m.missingComponent());
        BigDecimal[] contributions = new BigDecimal[k];
        if (gaps.any() && (gaps.rule() == MissingRule.INVALIDATE || missing.size() == k)) {
            return new Total(null, "incomplete", "no value for " + String.join(", ", missing), contributions);
        }
        String unknown = String.join(", ", maxUnknown);
        if (gaps.any() && !maxUnknown.isEmpty() && gaps.rule() == MissingRule.REWEIGHT) {
            return new Total(
                    null, "incomplete", "maxima not published (" + unknown + "): cannot reweight", contributions);
        }
        String note = gaps.note();
        if (!maxUnknown.isEmpty()) {
            note = (note == null ? "" : note + "; ") + "maxima not published (" + unknown
                    + "): points summed, no rank interval";
        }
        BigDecimal exact = total(m, components, aggregates, contributions);
        return new Total(exact, gaps.status(), note, contributions);
    }

    // ---- a unit's nodes -------------------------------------------------------------------------

    private static NodeResult indexNode(Methodology m, UnitInputs u, Total t, BigDecimal total, BigDecimal scale) {
        InputValue published = m.publishedInput() == null ? null : u.inputs().get(m.publishedInput());
        boolean known = total != null && scale != null;
        BigDecimal percent = known ? percent(total, scale) : null;
        return NodeResult.index(
                m.indexCode(),
                m.title(),
                percent,
                known ? divide(total, scale) : null,
                scale,
                total,
                t.status,
                t.note,
                published(m, total, published, percent));
    }

    private static NodeResult componentNode(
            Methodology m, UnitInputs u, Component component, Aggregate a, BigDecimal scale, BigDecimal contribution) {
        InputValue published =
                component.publishedInput() == null ? null : u.inputs().get(component.publishedInput());
        BigDecimal weight = m.aggregation() == Aggregation.SUM
                ? (a.max == null || scale == null ? null : divide(a.max, scale))
                : component.weight();
        BigDecimal percent = a.normalised == null ? null : round(a.normalised.multiply(HUNDRED), 2);
        return NodeResult.component(
                component.code(),
                component.name(),
                m.indexCode(),
                new NodeResult.Figures(percent, a.normalised, weight, a.max, a.points, contribution),
                a.status,
                a.note != null ? a.note : component.note(),
                published(m, a.points, published, percent));
    }

    /** A component's indicators; its contribution is shared out in proportion to the part each adds. */
    private static List<NodeResult> indicatorNodes(
            Methodology m,
            UnitInputs u,
            Component component,
            Aggregate a,
            BigDecimal componentContribution,
            Map<String, Scored> scored) {
        BigDecimal partsTotal = a.parts.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        List<NodeResult> nodes = new ArrayList<>();
        for (Indicator i : component.indicators()) {
            Scored s = scored.get(i.code());
            InputValue in = u.inputs().get(i.input());
            BigDecimal contribution = null;
            if (componentContribution != null && a.parts.containsKey(i.code())) {
                contribution = partsTotal.signum() == 0
                        ? BigDecimal.ZERO
                        : componentContribution
                                .multiply(a.parts.get(i.code()))
                                .divide(partsTotal, SCALE, RoundingMode.HALF_UP);
            }
            BigDecimal weight = component.aggregation() == Aggregation.SUM
                    ? (s.max == null || a.max == null ? null : divide(s.max, a.max))
                    : i.weight();
            Boolean matches =
                    i.method() == Method.POINTS || i.method() == Method.AS_PUBLISHED ? null : checkIndicator(m, s, in);
            NodeResult.Figures figures = i.informational()
                    ? new NodeResult.Figures(s.raw, s.normalised, null, s.max, null, contribution)
                    : new NodeResult.Figures(s.raw, s.normalised, weight, s.max, s.score, contribution);
            String status = i.informational() ? "informational" : s.status;
            nodes.add(
                    NodeResult.indicator(i.code(), i.name(), component.code(), in, figures, status, i.note(), matches));
        }
        return nodes;
    }

    // ---- aggregation ----------------------------------------------------------------------------

    /** A component from its indicators (COINr's aggregate step), by its aggregation and missing-indicator rule. */
    private static Aggregate aggregate(Component component, Map<String, Scored> scored) {
        List<Indicator> indicators = component.scored();
        BigDecimal max = componentMax(component, scored);
        List<String> missing = new ArrayList<>();
        for (Indicator i : indicators) {
            Scored s = scored.get(i.code());
            if (component.aggregation() == Aggregation.SUM ? s.score == null : s.normalised == null) {
                missing.add(i.code());
            }
        }
        Gaps gaps = new Gaps(missing, component.missing());
        if (missing.size() == indicators.size() || (gaps.any() && gaps.rule() == MissingRule.INVALIDATE)) {
            return new Aggregate(
                    null,
                    null,
                    max,
                    missing.size() == indicators.size() ? "missing_input" : "incomplete",
                    "no value for " + String.join(", ", missing),
                    Map.of());
        }
        return switch (component.aggregation()) {
            case SUM -> sumPoints(indicators, scored, max, gaps);
            case WEIGHTED_MEAN -> weightedMean(indicators, scored, max, gaps);
            case GEOMETRIC_MEAN -> geometricMean(indicators, scored, max, gaps);
        };
    }

    /** The component's maximum: the methodology's, or the sum of its indicators' published maxima (null: unknown). */
    private static BigDecimal componentMax(Component component, Map<String, Scored> scored) {
        if (!component.maxFromInput()) {
            return component.maxPoints();
        }
        BigDecimal max = BigDecimal.ZERO;
        for (Indicator i : component.scored()) {
            BigDecimal im = scored.get(i.code()).max;
            if (im == null) {
                return null;
            }
            max = max.add(im);
        }
        return max;
    }

    private static Aggregate sumPoints(
            List<Indicator> indicators, Map<String, Scored> scored, BigDecimal max, Gaps gaps) {
        BigDecimal points = BigDecimal.ZERO;
        BigDecimal presentMax = BigDecimal.ZERO;
        Map<String, BigDecimal> parts = new LinkedHashMap<>();
        for (Indicator i : indicators) {
            Scored s = scored.get(i.code());
            if (s.score != null) {
                points = points.add(s.score);
                presentMax = s.max == null ? presentMax : presentMax.add(s.max);
                parts.put(i.code(), s.score);
            }
        }
        boolean reweight = gaps.any() && gaps.rule() == MissingRule.REWEIGHT;
        if (max == null) {
            if (reweight) {
                return new Aggregate(null, null, null, "incomplete", "maxima not published: cannot reweight", Map.of());
            }
            return new Aggregate(
                    null,
                    points,
                    null,
                    gaps.any() ? gaps.status() : "no_max",
                    "maximum not published: points summed, no normalised value",
                    parts);
        }
        if (reweight) {
            if (presentMax.signum() == 0) {
                return new Aggregate(null, null, max, "incomplete", gaps.note(), Map.of());
            }
            points = points.multiply(max).divide(presentMax, SCALE, RoundingMode.HALF_UP);
        }
        return new Aggregate(divide(points, max), points, max, gaps.status(), gaps.note(), parts);
    }

    private static Aggregate weightedMean(
            List<Indicator> indicators, Map<String, Scored> scored, BigDecimal max, Gaps gaps) {
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal weights = BigDecimal.ZERO;
        Map<String, BigDecimal> parts = new LinkedHashMap<>();
        for (Indicator i : indicators) {
            Scored s = scored.get(i.code());
            if (s.normalised != null) {
                BigDecimal part = i.weight().multiply(s.normalised);
                sum = sum.add(part);
                parts.put(i.code(), part);
            }
            if (s.normalised != null || gaps.rule() == MissingRule.ZERO) {
                weights = weights.add(i.weight());
            }
        }
        BigDecimal normalised = sum.divide(weights, SCALE, RoundingMode.HALF_UP);
        return new Aggregate(
                normalised, max == null ? null : max.multiply(normalised), max, gaps.status(), gaps.note(), parts);
    }

    /** Weighted geometric mean; any zero (or a missing indicator counted as zero) makes it zero. */
    private static Aggregate geometricMean(
            List<Indicator> indicators, Map<String, Scored> scored, BigDecimal max, Gaps gaps) {
        double logSum = 0;
        double weights = 0;
        boolean zero = false;
        Map<String, BigDecimal> parts = new LinkedHashMap<>();
        for (Indicator i : indicators) {
            Scored s = scored.get(i.code());
            double w = i.weight().doubleValue();
            if (s.normalised != null) {
                double v = s.normalised.doubleValue();
                if (v <= 0) {
                    zero = true;
                } else {
                    logSum += w * Math.log(v);
                    parts.put(i.code(), BigDecimal.valueOf(w * Math.log(v)));
                }
                weights += w;
            } else if (gaps.rule() == MissingRule.ZERO) {
                zero = true;
                weights += w;
            }
        }
        BigDecimal normalised = zero
                ? BigDecimal.ZERO
                : BigDecimal.valueOf(Math.exp(logSum / weights)).setScale(SCALE, RoundingMode.HALF_UP);
        return new Aggregate(
                normalised, max == null ? null : max.multiply(normalised), max, gaps.status(), gaps.note(), parts);
    }

    /** The total from the components, filling each component's contribution. */
    private static BigDecimal total(
            Methodology m, List<Component> components, List<Aggregate> aggregates, BigDecimal[] contributions) {
        return switch (m.aggregation()) {
            case SUM -> sumTotal(m.missingComponent(), aggregates, contributions);
            case WEIGHTED_MEAN -> weightedMeanTotal(m, components, aggregates, contributions);
            case GEOMETRIC_MEAN -> geometricMeanTotal(m, components, aggregates, contributions);
        };
    }

    /** Points summed; under the reweight rule scaled up from the present components' maxima to all. */
    private static BigDecimal sumTotal(MissingRule rule, List<Aggregate> aggregates, BigDecimal[] contributions) {
        int k = aggregates.size();
        BigDecimal points = BigDecimal.ZERO;
        BigDecimal presentMax = BigDecimal.ZERO;
        BigDecimal allMax = BigDecimal.ZERO;
        for (int c = 0; c < k; c++) {
            Aggregate a = aggregates.get(c);
            allMax = a.max == null ? allMax : allMax.add(a.max);
            if (a.points != null) {
                points = points.add(a.points);
                presentMax = a.max == null ? presentMax : presentMax.add(a.max);
                contributions[c] = a.points;
            } else if (rule == MissingRule.ZERO) {
                contributions[c] = BigDecimal.ZERO;
            }
        }
        if (rule == MissingRule.REWEIGHT && presentMax.compareTo(allMax) != 0) {
            BigDecimal factor = allMax.divide(presentMax, SCALE, RoundingMode.HALF_UP);
            for (int c = 0; c < k; c++) {
                if (contributions[c] != null) {
                    contributions[c] = contributions[c].multiply(factor).setScale(SCALE, RoundingMode.HALF_UP);
                }
            }
            points = points.multiply(factor).setScale(SCALE, RoundingMode.HALF_UP);
        }
        return points;
    }

    private static BigDecimal weightedMeanTotal(
            Methodology m, List<Component> components, List<Aggregate> aggregates, BigDecimal[] contributions) {
        int k = components.size();
        MissingRule rule = m.missingComponent();
        BigDecimal weights = BigDecimal.ZERO;
        for (int c = 0; c < k; c++) {
            if (aggregates.get(c).normalised != null || rule == MissingRule.ZERO) {
                weights = weights.add(components.get(c).weight());
            }
        }
        BigDecimal total = BigDecimal.ZERO;
        for (int c = 0; c < k; c++) {
            Aggregate a = aggregates.get(c);
            if (a.normalised != null) {
                contributions[c] = m.scale()
                        .multiply(components.get(c).weight())
                        .multiply(a.normalised)
                        .divide(weights, SCALE, RoundingMode.HALF_UP);
                total = total.add(contributions[c]);
            } else if (rule == MissingRule.ZERO) {
                contributions[c] = BigDecimal.ZERO;
            }
        }
        return total;
    }

    /**
     * Weighted geometric mean on the methodology's scale; contributions are shares of ln(total/scale),
     * so they add up to the total. Any zero component makes everything zero.
     */
    private static BigDecimal geometricMeanTotal(
            Methodology m, List<Component> components, List<Aggregate> aggregates, BigDecimal[] contributions) {
        int k = components.size();
        double weights = 0;
        double logSum = 0;
        boolean zero = false;
        double[] logs = new double[k];
        for (int c = 0; c < k; c++) {
            Aggregate a = aggregates.get(c);
            double w = components.get(c).weight().doubleValue();
            if (a.normalised != null) {
                weights += w;
                double v = a.normalised.doubleValue();
                if (v <= 0) {
                    zero = true;
                } else {
                    logs[c] = w * Math.log(v);
                    logSum += logs[c];
                }
            } else if (m.missingComponent() == MissingRule.ZERO) {
                weights += w;
                zero = true;
            }
        }
        if (zero) {
            Arrays.fill(contributions, BigDecimal.ZERO);
            return BigDecimal.ZERO;
        }
        BigDecimal total = BigDecimal.valueOf(m.scale().doubleValue() * Math.exp(logSum / weights))
                .setScale(SCALE, RoundingMode.HALF_UP);
        for (int c = 0; c < k; c++) {
            if (aggregates.get(c).normalised != null) {
                double share = logSum == 0 ? components.get(c).weight().doubleValue() / weights : logs[c] / logSum;
                contributions[c] = total.multiply(BigDecimal.valueOf(share)).setScale(SCALE, RoundingMode.HALF_UP);
            }
        }
        return total;
    }

    /** The unit's scale: the methodology's, or the sum of published maxima. */
    private static BigDecimal scale(Methodology m, List<Aggregate> aggregates) {
        if (m.aggregation() != Aggregation.SUM || m.components().stream().noneMatch(Component::maxFromInput)) {
            return m.scale();
        }
        BigDecimal sum = BigDecimal.ZERO;
        for (Aggregate a : aggregates) {
            if (a.max == null) {
                return m.scale();
            }
            sum = sum.add(a.max);
        }
        return sum;
    }

    // ---- checks against published figures -------------------------------------------------------

    private static BigDecimal publishedScore(InputValue published) {
        if (published == null) {
            return null;
        }
        return published.publishedScore() != null ? published.publishedScore() : published.value();
    }

    /** What the source published for an index or component node, and whether our figure equals it. */
    private static NodeResult.Published published(
            Methodology m, BigDecimal ours, InputValue published, BigDecimal ourPercent) {
        return new NodeResult.Published(
                publishedScore(published),
                published == null ? null : published.publishedRatio(),
                check(m, ours, published, ourPercent));
    }

    /** Our figure against the source's own: points within tolerance, and the percent where both have one. */
    private static Boolean check(Methodology m, BigDecimal ours, InputValue published, BigDecimal ourPercent) {
        if (published == null || !published.published()) {
            return null;
        }
        BigDecimal theirs = publishedScore(published);
        if (theirs == null && ours == null) {
            return true;
        }
        if (theirs == null || ours == null) {
            return false;
        }
        boolean same = ours.subtract(theirs).abs().compareTo(m.checkTolerance()) <= 0;
        if (same && published.publishedRatio() != null && ourPercent != null) {
            same = ourPercent.subtract(published.publishedRatio()).abs().compareTo(m.checkTolerance()) <= 0;
        }
        return same;
    }

    private static Boolean checkIndicator(Methodology m, Scored s, InputValue in) {
        if (in == null || !in.published()) {
            return null;
        }
        BigDecimal tolerance = m.checkTolerance();
        boolean scoreSame = s.score == null
                ? in.publishedScore() == null
                : in.publishedScore() != null
                        && s.score.subtract(in.publishedScore()).abs().compareTo(tolerance) <= 0;
        boolean hasDenominator = in.denominator() != null && in.denominator().signum() > 0;
        boolean ratioSame = !hasDenominator
                || in.publishedRatio() == null
                || (s.raw != null && s.raw.subtract(in.publishedRatio()).abs().compareTo(tolerance) <= 0);
        return scoreSame && ratioSame;
    }

    // ---- arithmetic -----------------------------------------------------------------------------

    /** Half-up to {@code digits} decimals; null digits keeps the value as it is. */
    static BigDecimal round(BigDecimal value, Integer digits) {
        if (value == null || digits == null) {
            return value;
        }
        return value.setScale(digits, RoundingMode.HALF_UP);
    }

    private static BigDecimal divide(BigDecimal a, BigDecimal b) {
        if (a == null || b == null || b.signum() == 0) {
            return null;
        }
        return a.divide(b, SCALE, RoundingMode.HALF_UP);
    }

    private static BigDecimal percent(BigDecimal a, BigDecimal b) {
        return b.signum() == 0 ? null : a.multiply(HUNDRED).divide(b, 2, RoundingMode.HALF_UP);
    }

    private static BigDecimal clamp(BigDecimal v) {
        return v.max(BigDecimal.ZERO).min(BigDecimal.ONE);
    }

    /** Universe statistics of one indicator's raw values. */
    private record Stats(BigDecimal min, BigDecimal max, BigDecimal mean, BigDecimal sd, BigDecimal[] sorted) {

        static Stats of(List<BigDecimal> values) {
            if (values.isEmpty()) {
                return new Stats(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, new BigDecimal[0]);
            }
            BigDecimal[] sorted = values.toArray(BigDecimal[]::new);
            Arrays.sort(sorted);
            BigDecimal sum = values.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal n = BigDecimal.valueOf(values.size());
            BigDecimal mean = sum.divide(n, SCALE, RoundingMode.HALF_UP);
            BigDecimal sd = BigDecimal.ZERO;
            if (values.size() > 1) {
                BigDecimal squares = BigDecimal.ZERO;
                for (BigDecimal v : values) {
                    BigDecimal d = v.subtract(mean);
                    squares = squares.add(d.multiply(d));
                }
                sd = squares.divide(n.subtract(BigDecimal.ONE), SCALE, RoundingMode.HALF_UP)
                        .sqrt(SQRT)
                        .setScale(SCALE, RoundingMode.HALF_UP);
            }
            return new Stats(sorted[0], sorted[sorted.length - 1], mean, sd, sorted);
        }
    }
}
