package vn.chiso.ingest.sample;

import java.util.Map;

/**
 * How a province performs: a base on-time rate (91.5-98.5%, with a trend on its log-odds) and online share (5-70%) in the reference
 * year 2021, a trend (improving, declining or noisy), postal share, returned share, rating habits and
 * volume. Year values depend only on the seed, the province and the year, not on the year range asked for.
 */
final class ProvinceProfile {

    static final int REFERENCE_YEAR = 2021;

    /** Population in millions (2022, rounded): the volume weight of each province. */
    private static final Map<String, Double> POPULATION = Map.ofEntries(
            Map.entry("01", 8.44),
            Map.entry("02", 0.89),
            Map.entry("04", 0.54),
            Map.entry("06", 0.32),
            Map.entry("08", 0.80),
            Map.entry("10", 0.76),
            Map.entry("11", 0.63),
            Map.entry("12", 0.48),
            Map.entry("14", 1.28),
            Map.entry("15", 0.84),
            Map.entry("17", 0.87),
            Map.entry("19", 1.33),
            Map.entry("20", 0.80),
            Map.entry("22", 1.36),
            Map.entry("24", 1.92),
            Map.entry("25", 1.49),
            Map.entry("26", 1.20),
            Map.entry("27", 1.49),
            Map.entry("30", 1.94),
            Map.entry("31", 2.09),
            Map.entry("33", 1.29),
            Map.entry("34", 1.88),
            Map.entry("35", 0.88),
            Map.entry("36", 1.88),
            Map.entry("37", 1.01),
            Map.entry("38", 3.72),
            Map.entry("40", 3.42),
            Map.entry("42", 1.32),
            Map.entry("44", 0.91),
            Map.entry("45", 0.65),
            Map.entry("46", 1.16),
            Map.entry("48", 1.22),
            Map.entry("49", 1.51),
            Map.entry("51", 1.25),
            Map.entry("52", 1.51),
            Map.entry("54", 0.88),
            Map.entry("56", 1.26),
            Map.entry("58", 0.60),
            Map.entry("60", 1.25),
            Map.entry("62", 0.58),
            Map.entry("64", 1.59),
            Map.entry("66", 1.92),
            Map.entry("67", 0.67),
            Map.entry("68", 1.33),
            Map.entry("70", 1.04),
            Map.entry("72", 1.19),
            Map.entry("74", 2.76),
            Map.entry("75", 3.26),
            Map.entry("77", 1.19),
            Map.entry("79", 9.39),
            Map.entry("80", 1.73),
            Map.entry("82", 1.78),
            Map.entry("83", 1.30),
            Map.entry("84", 1.02),
            Map.entry("86", 1.03),
            Map.entry("87", 1.60),
            Map.entry("89", 1.91),
            Map.entry("91", 1.75),
            Map.entry("92", 1.25),
            Map.entry("93", 0.73),
            Map.entry("94", 1.20),
            Map.entry("95", 0.92),
            Map.entry("96", 1.20));

    private final long seed;
    private final int index;
    final double population;
    final double activity;
    final double onTimeBase;
    final double onTimeSlope;
    final double onTimeNoise;
    final double onlineBase;
    final double onlineSlope;
    final double postal;
    final double returned;
    final double stuck;
    final double rated;
    final double satisfaction;
    final double earlyShare;
    final double volumeGrowth;
    /** Shares of dossiers received by communes, districts and departments. */
    final double[] levelShares;

    ProvinceProfile(long seed, int index, String code) {
        this.seed = seed;
        this.index = index;
        Double pop = POPULATION.get(code);
        if (pop == null) {
            throw new IllegalStateException("no population for province " + code);
        }
        Rng r = Rng.of(seed, 0x960F11EL, index);
        population = pop;
        activity = r.between(0.85, 1.15);
        onTimeBase = 0.915 + 0.07 * StrictMath.pow(r.nextDouble(), 0.6);
        double kind = r.nextDouble();
        if (kind < 0.35) { // improving
            onTimeSlope = r.between(0.10, 0.30);
            onTimeNoise = 0.10;
        } else if (kind < 0.6) { // declining
            onTimeSlope = -r.between(0.05, 0.20);
            onTimeNoise = 0.10;
        } else { // noisy, no clear direction
            onTimeSlope = r.between(-0.05, 0.05);
            onTimeNoise = 0.30;
        }
        onlineBase = 0.05 + 0.65 * StrictMath.pow(r.nextDouble(), 1.3);
        onlineSlope = r.between(0.01, 0.08);
        postal = r.between(0.01, 0.08);
        returned = r.between(0.005, 0.02);
        stuck = r.between(0.0005, 0.003);
        rated = r.between(0.20, 0.40);
        satisfaction = r.between(0.55, 0.92);
        earlyShare = r.between(0.55, 0.9);
        volumeGrowth = r.between(-0.03, 0.10);
        boolean municipal =
                code.equals("01") || code.equals("79") || code.equals("31") || code.equals("48") || code.equals("92");
        double commune = (municipal ? 0.36 : 0.44) + r.between(-0.05, 0.05);
        double district = 0.38 + r.between(-0.05, 0.05);
        levelShares = new double[] {commune, district, 1.0 - commune - district};
    }

    private Rng yearRng(int year, int purpose) {
        return Rng.of(seed, 0x9EA7L, index, year, purpose);
    }

    /** Expected on-time shares approach this ceiling and never reach it. */
    static final double ON_TIME_CEILING = 0.99;

    /**
     * Share of resolved dossiers resolved on time in that year, before level/field/unit effects. The
     * trend and noise act on the log-odds of the share of the ceiling, so a good province approaches the
     * ceiling without reaching it and provinces keep differing (when the share was clamped at 99.9 %,
     * several provinces' samples came out at exactly 100 % and tied at the top): published yearly
     * figures put most provinces between 95 and 99.9 % on time.
     */
    double onTime(int year) {
        double base = onTimeBase / ON_TIME_CEILING;
        double logit = StrictMath.log(base / (1.0 - base))
                + onTimeSlope * (year - REFERENCE_YEAR)
                + onTimeNoise * yearRng(year, 1).gaussian();
        return Math.max(0.80, ON_TIME_CEILING / (1.0 + StrictMath.exp(-logit)));
    }

    double online(int year) {
        Rng r = yearRng(year, 2);
        double v = onlineBase + onlineSlope * (year - REFERENCE_YEAR) + 0.02 * r.gaussian();
        return clamp(v, 0.03, 0.92);
    }

    /** Relative volume of that year (population x activity x growth). */
    double volume(int year) {
        Rng r = yearRng(year, 3);
        double growth = StrictMath.pow(1.0 + volumeGrowth, year - REFERENCE_YEAR);
        return population * activity * growth * r.between(0.95, 1.05);
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
