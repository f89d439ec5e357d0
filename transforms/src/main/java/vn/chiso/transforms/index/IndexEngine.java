package vn.chiso.transforms.index;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
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
            // points are points even when their maximum was not published; they only lack a share
            boolean points = i.method() == Method.POINTS || i.method() == Method.AS_PUBLISHED;
            return new Scored(
                    raw.value,
                    null,
                    points && raw.value != null ? round(raw.value, i.rounding()) : null,
                    null,
                    "no_max");
        }
        String status = raw.status;
        if (raw.status.equals("no_denominator_full")) {
            return new Scored(null, BigDecimal.ONE, max, max, status);
        }
        if (raw.value == null) {
            return new Scored(null, null, null, max, status);
        }
        BigDecimal x = raw.value;
        BigDecimal normalised;
        BigDecimal score = null;
        switch (i.method()) {
            case RATIO: {
                BigDecimal fullAt = i.fullAt() == null ? HUNDRED : i.fullAt();
                BigDecimal basis = i.pointsFromExactRatio() ? raw.exact : x;
                BigDecimal effective = i.direction() > 0 ? basis : HUNDRED.subtract(basis);
                BigDecimal capped = effective.min(fullAt).max(BigDecimal.ZERO);
                if (max != null) {
                    score = round(max.multiply(capped).divide(fullAt, SCALE, RoundingMode.HALF_UP), i.rounding());
                    normalised = divide(score, max);
                } else {
                    normalised = capped.divide(fullAt, SCALE, RoundingMode.HALF_UP);
                }
                return new Scored(x, normalised, score, max, status);
            }
            case POINTS:
            case AS_PUBLISHED: {
                score = round(x, i.rounding());
                normalised = divide(score, max);
                if (score.compareTo(max) > 0) {
                    status = "above_max";
                }
                return new Scored(x, normalised, score, max, status);
            }
            case MIN_MAX: {
                BigDecimal range = stats.max.subtract(stats.min);
                normalised = range.signum() == 0
                        ? BigDecimal.ONE
                        : (i.direction() > 0 ? x.subtract(stats.min) : stats.max.subtract(x))
                                .divide(range, SCALE, RoundingMode.HALF_UP);
                break;
            }
            case Z_SCORE: {
                BigDecimal z = stats.sd.signum() == 0
                        ? BigDecimal.ZERO
                        : x.subtract(stats.mean).divide(stats.sd, SCALE, RoundingMode.HALF_UP);
                if (i.direction() < 0) {
                    z = z.negate();
                }
                BigDecimal mean = i.zMean() == null ? BigDecimal.ZERO : i.zMean();
                BigDecimal sd = i.zSd() == null ? BigDecimal.ONE : i.zSd();
                normalised = mean.add(sd.multiply(z)).setScale(SCALE, RoundingMode.HALF_UP);
                break;
            }
            case GOALPOSTS: {
                BigDecimal range = i.goalHigh().subtract(i.goalLow());
                BigDecimal v = (i.direction() > 0
                                ? x.subtract(i.goalLow())
                                : i.goalHigh().subtract(x))
                        .divide(range, SCALE, RoundingMode.HALF_UP);
                normalised = clamp(v);
                break;
            }
            case DISTANCE_TO_TARGET: {
                BigDecimal t = i.target();
                if (i.direction() > 0) {
                    normalised = x.compareTo(t) >= 0
                            ? BigDecimal.ONE
                            : clamp(x.subtract(stats.min).divide(t.subtract(stats.min), SCALE, RoundingMode.HALF_UP));
                } else {
                    normalised = x.compareTo(t) <= 0
                            ? BigDecimal.ONE
                            : clamp(stats.max.subtract(x).divide(stats.max.subtract(t), SCALE, RoundingMode.HALF_UP));
                }
                break;
            }
            case RANK: {
                long n = stats.sorted.length;
                long worse = 0;
                for (BigDecimal v : stats.sorted) {
                    if (i.direction() > 0 ? v.compareTo(x) < 0 : v.compareTo(x) > 0) {
                        worse++;
                    }
                }
                normalised = n <= 1
                        ? BigDecimal.ONE
                        : BigDecimal.valueOf(worse).divide(BigDecimal.valueOf(n - 1), SCALE, RoundingMode.HALF_UP);
                break;
            }
            default:
                throw new IllegalStateException("unhandled method " + i.method());
        }
        if (max != null) {
            score = round(max.multiply(normalised), i.rounding());
        }
        return new Scored(x, normalised, score, max, status);
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

    private static UnitResult scoreUnit(Methodology m, UnitInputs u, Map<String, Stats> stats) {
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

        // The total, by the methodology's aggregation and missing-component rule. A points index
        // sums points, which stay known even when a published maximum is not.
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
        String status = "ok";
        String note = null;
        BigDecimal exact = null;
        BigDecimal[] contributions = new BigDecimal[k];
        if (!missing.isEmpty() && (m.missingComponent() == MissingRule.INVALIDATE || missing.size() == k)) {
            status = "incomplete";
            note = "no value for " + String.join(", ", missing);
        } else if (!missing.isEmpty() && !maxUnknown.isEmpty() && m.missingComponent() == MissingRule.REWEIGHT) {
            status = "incomplete";
            note = "maxima not published (" + String.join(", ", maxUnknown) + "): cannot reweight";
        } else {
            if (!missing.isEmpty()) {
                status = m.missingComponent() == MissingRule.ZERO ? "missing_counted_zero" : "reweighted";
                note = (m.missingComponent() == MissingRule.ZERO ? "counted as 0: " : "left out, others reweighted: ")
                        + String.join(", ", missing);
            }
            if (!maxUnknown.isEmpty()) {
                note = (note == null ? "" : note + "; ") + "maxima not published (" + String.join(", ", maxUnknown)
                        + "): points summed, no rank interval";
            }
            exact = total(m, components, aggregates, contributions);
        }
        BigDecimal scale = scale(m, aggregates);
        BigDecimal total = exact == null ? null : round(exact, m.totalRounding());

        List<NodeResult> nodes = new ArrayList<>();
        InputValue publishedTotal =
                m.publishedInput() == null ? null : u.inputs().get(m.publishedInput());
        nodes.add(new NodeResult(
                NodeResult.INDEX,
                m.indexCode(),
                m.title(),
                null,
                null,
                null,
                total == null || scale == null ? null : percent(total, scale),
                total == null || scale == null ? null : divide(total, scale),
                null,
                scale,
                total,
                total,
                status,
                note,
                publishedScore(publishedTotal),
                publishedTotal == null ? null : publishedTotal.publishedRatio(),
                check(m, total, publishedTotal, total == null || scale == null ? null : percent(total, scale)),
                null));
        for (int c = 0; c < k; c++) {
            Component component = components.get(c);
            Aggregate a = aggregates.get(c);
            InputValue published =
                    component.publishedInput() == null ? null : u.inputs().get(component.publishedInput());
            BigDecimal weight = m.aggregation() == Aggregation.SUM
                    ? (a.max == null || scale == null ? null : divide(a.max, scale))
                    : component.weight();
            BigDecimal componentPercent = a.normalised == null ? null : round(a.normalised.multiply(HUNDRED), 2);
            nodes.add(new NodeResult(
                    NodeResult.COMPONENT,
                    component.code(),
                    component.name(),
                    m.indexCode(),
                    null,
                    null,
                    componentPercent,
                    a.normalised,
                    weight,
                    a.max,
                    a.points,
                    contributions[c],
                    a.status,
                    a.note != null ? a.note : component.note(),
                    publishedScore(published),
                    published == null ? null : published.publishedRatio(),
                    check(m, a.points, published, componentPercent),
                    null));
            BigDecimal partsTotal = a.parts.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            for (Indicator i : component.indicators()) {
                Scored s = scored.get(i.code());
                InputValue in = u.inputs().get(i.input());
                BigDecimal contribution = null;
                if (contributions[c] != null && a.parts.containsKey(i.code())) {
                    contribution = partsTotal.signum() == 0
                            ? BigDecimal.ZERO
                            : contributions[c]
                                    .multiply(a.parts.get(i.code()))
                                    .divide(partsTotal, SCALE, RoundingMode.HALF_UP);
                }
                BigDecimal indicatorWeight = component.aggregation() == Aggregation.SUM
                        ? (s.max == null || a.max == null ? null : divide(s.max, a.max))
                        : i.weight();
                String indicatorStatus = i.informational() ? "informational" : s.status;
                String indicatorNote = i.note();
                Boolean matches = i.method() == Method.POINTS || i.method() == Method.AS_PUBLISHED
                        ? null
                        : checkIndicator(m, s, in);
                nodes.add(new NodeResult(
                        NodeResult.INDICATOR,
                        i.code(),
                        i.name(),
                        component.code(),
                        in == null ? null : in.numerator(),
                        in == null ? null : in.denominator(),
                        s.raw,
                        s.normalised,
                        i.informational() ? null : indicatorWeight,
                        s.max,
                        i.informational() ? null : s.score,
                        contribution,
                        indicatorStatus,
                        indicatorNote,
                        in == null ? null : in.publishedScore(),
                        in == null ? null : in.publishedRatio(),
                        matches,
                        in == null ? null : in.source()));
            }
        }
        return new UnitResult(u.key(), m.version(), total, exact, m.band(total), status, nodes, values, base);
    }

    private static Aggregate aggregate(Component component, Map<String, Scored> scored) {
        List<Indicator> indicators = component.scored();
        List<String> missing = new ArrayList<>();
        BigDecimal max = component.maxPoints();
        if (component.maxFromInput()) {
            max = BigDecimal.ZERO;
            for (Indicator i : indicators) {
                BigDecimal im = scored.get(i.code()).max;
                if (im == null) {
                    max = null;
                    break;
                }
                max = max.add(im);
            }
        }
        for (Indicator i : indicators) {
            Scored s = scored.get(i.code());
            if (component.aggregation() == Aggregation.SUM ? s.score == null : s.normalised == null) {
                missing.add(i.code());
            }
        }
        MissingRule rule = component.missing();
        if (missing.size() == indicators.size() || (!missing.isEmpty() && rule == MissingRule.INVALIDATE)) {
            return new Aggregate(
                    null,
                    null,
                    max,
                    missing.size() == indicators.size() ? "missing_input" : "incomplete",
                    "no value for " + String.join(", ", missing),
                    Map.of());
        }
        String status = missing.isEmpty() ? "ok" : rule == MissingRule.ZERO ? "missing_counted_zero" : "reweighted";
        String note = missing.isEmpty()
                ? null
                : (rule == MissingRule.ZERO ? "counted as 0: " : "left out, others " + "reweighted: ")
                        + String.join(", ", missing);
        Map<String, BigDecimal> parts = new java.util.LinkedHashMap<>();
        switch (component.aggregation()) {
            case SUM: {
                BigDecimal points = BigDecimal.ZERO;
                BigDecimal presentMax = BigDecimal.ZERO;
                for (Indicator i : indicators) {
                    Scored s = scored.get(i.code());
                    if (s.score != null) {
                        points = points.add(s.score);
                        presentMax = s.max == null ? presentMax : presentMax.add(s.max);
                        parts.put(i.code(), s.score);
                    }
                }
                if (max == null) {
                    if (!missing.isEmpty() && rule == MissingRule.REWEIGHT) {
                        return new Aggregate(
                                null, null, null, "incomplete", "maxima not published: cannot reweight", Map.of());
                    }
                    return new Aggregate(
                            null,
                            points,
                            null,
                            missing.isEmpty() ? "no_max" : status,
                            "maximum not published: points summed, no normalised value",
                            parts);
                }
                if (!missing.isEmpty() && rule == MissingRule.REWEIGHT) {
                    if (presentMax.signum() == 0) {
                        return new Aggregate(null, null, max, "incomplete", note, Map.of());
                    }
                    points = points.multiply(max).divide(presentMax, SCALE, RoundingMode.HALF_UP);
                }
                return new Aggregate(divide(points, max), points, max, status, note, parts);
            }
            case WEIGHTED_MEAN: {
                BigDecimal sum = BigDecimal.ZERO;
                BigDecimal weights = BigDecimal.ZERO;
                for (Indicator i : indicators) {
                    Scored s = scored.get(i.code());
                    if (s.normalised != null) {
                        BigDecimal part = i.weight().multiply(s.normalised);
                        sum = sum.add(part);
                        parts.put(i.code(), part);
                    }
                    if (s.normalised != null || rule == MissingRule.ZERO) {
                        weights = weights.add(i.weight());
                    }
                }
                BigDecimal normalised = sum.divide(weights, SCALE, RoundingMode.HALF_UP);
                return new Aggregate(
                        normalised, max == null ? null : max.multiply(normalised), max, status, note, parts);
            }
            case GEOMETRIC_MEAN: {
                double logSum = 0;
                double weights = 0;
                boolean zero = false;
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
                    } else if (rule == MissingRule.ZERO) {
                        zero = true;
                        weights += w;
                    }
                }
                BigDecimal normalised = zero
                        ? BigDecimal.ZERO
                        : BigDecimal.valueOf(Math.exp(logSum / weights)).setScale(SCALE, RoundingMode.HALF_UP);
                return new Aggregate(
                        normalised, max == null ? null : max.multiply(normalised), max, status, note, parts);
            }
            default:
                throw new IllegalStateException("unhandled aggregation " + component.aggregation());
        }
    }

    /** The total from the components, filling each component's contribution. */
    private static BigDecimal total(
            Methodology m, List<Component> components, List<Aggregate> aggregates, BigDecimal[] contributions) {
        int k = components.size();
        MissingRule rule = m.missingComponent();
        switch (m.aggregation()) {
            case SUM: {
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
            case WEIGHTED_MEAN: {
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
            case GEOMETRIC_MEAN: {
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
                    } else if (rule == MissingRule.ZERO) {
                        weights += w;
                        zero = true;
                    }
                }
                if (zero) {
                    for (int c = 0; c < k; c++) {
                        contributions[c] = BigDecimal.ZERO;
                    }
                    return BigDecimal.ZERO;
                }
                BigDecimal total = BigDecimal.valueOf(m.scale().doubleValue() * Math.exp(logSum / weights))
                        .setScale(SCALE, RoundingMode.HALF_UP);
                for (int c = 0; c < k; c++) {
                    if (aggregates.get(c).normalised != null) {
                        // log decomposition: shares of ln(total/scale), so contributions add up to the total
                        double share =
                                logSum == 0 ? components.get(c).weight().doubleValue() / weights : logs[c] / logSum;
                        contributions[c] =
                                total.multiply(BigDecimal.valueOf(share)).setScale(SCALE, RoundingMode.HALF_UP);
                    }
                }
                return total;
            }
            default:
                throw new IllegalStateException("unhandled aggregation " + m.aggregation());
        }
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
