package vn.chiso.transforms.robustness;

import java.io.Serializable;

/** A unit's rank over the Monte Carlo draws: median and the 5th–95th percentile interval. */
public record RankInterval(int median, int low, int high, int draws) implements Serializable {}
