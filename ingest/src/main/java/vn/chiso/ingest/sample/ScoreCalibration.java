package vn.chiso.ingest.sample;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Province totals of a sample index year, in hundredths: published values kept as they are, the
 * other provinces spread within score bands by a seeded quality, and (when given) the exact sum the
 * published mean implies. Synthetic values are moved one hundredth at a time, in turn, to reach the
 * sum, never out of their band.
 */
final class ScoreCalibration {

    /** {@code count} provinces between {@code low} and {@code high} hundredths (inclusive). */
    record Band(int count, long low, long high) {}

    private ScoreCalibration() {}

    /**
     * @param codes   every province code, in official order
     * @param fixed   published totals by province code
     * @param quality a seeded quality per province code (higher ranks higher)
     * @param bands   bands for the other provinces, best first; their counts add up to the others
     * @param sum     exact sum of all totals, or null
     */
    static Map<String, Long> totals(
            List<String> codes,
            Map<String, Long> fixed,
            Map<String, Double> quality,
            List<Band> bands,
            Long sum,
            Rng rng) {
        List<String> others = new ArrayList<>();
        for (String c : codes) {
            if (!fixed.containsKey(c)) {
                others.add(c);
            }
        }
        others.sort(Comparator.comparingDouble((String c) -> -quality.get(c)).thenComparing(c -> c));
        int expected = bands.stream().mapToInt(Band::count).sum();
        if (expected != others.size()) {
            throw new IllegalArgumentException("bands hold " + expected + " provinces, " + others.size() + " to place");
        }
        Map<String, Long> values = new LinkedHashMap<>(fixed);
        Map<String, Band> bandOf = new LinkedHashMap<>();
        int at = 0;
        for (Band b : bands) {
            for (int i = 0; i < b.count(); i++, at++) {
                String c = others.get(at);
                double position = (i + 0.5 + rng.between(-0.35, 0.35)) / b.count();
                long v = Math.round(b.high() - (b.high() - b.low()) * position);
                values.put(c, Math.max(b.low(), Math.min(b.high(), v)));
                bandOf.put(c, b);
            }
        }
        if (sum != null) {
            long diff =
                    sum - values.values().stream().mapToLong(Long::longValue).sum();
            while (diff != 0) {
                long step = Long.signum(diff);
                boolean moved = false;
                for (String c : others) {
                    if (diff == 0) {
                        break;
                    }
                    long v = values.get(c) + step;
                    Band b = bandOf.get(c);
                    if (v >= b.low() && v <= b.high()) {
                        values.put(c, v);
                        diff -= step;
                        moved = true;
                    }
                }
                if (!moved) {
                    throw new IllegalArgumentException(
                            "the bands cannot reach the sum " + sum + " (" + diff + " left)");
                }
            }
        }
        Map<String, Long> ordered = new LinkedHashMap<>();
        for (String c : codes) {
            ordered.put(c, values.get(c));
        }
        return ordered;
    }

    /** Competition ranks (1, 2, 2, 4) of the totals, highest first. */
    static Map<String, Integer> ranks(Map<String, Long> totals) {
        Map<String, Integer> ranks = new LinkedHashMap<>();
        for (Map.Entry<String, Long> e : totals.entrySet()) {
            int above = 0;
            for (long other : totals.values()) {
                above += other > e.getValue() ? 1 : 0;
            }
            ranks.put(e.getKey(), above + 1);
        }
        return ranks;
    }
}
