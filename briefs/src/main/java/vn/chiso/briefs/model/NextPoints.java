package vn.chiso.briefs.model;

import java.math.BigDecimal;
import java.util.List;

/**
 * Where an index's next points are: the points needed to pass the province just above (null at the
 * top) and to reach the next band from its declared floor {@code nextBandFrom} (null without bands or
 * at the best band), and per component what
 * one point of improvement brings, in descending order of it.
 */
public record NextPoints(
        String aboveName,
        BigDecimal gapToAbove,
        String nextBand,
        BigDecimal nextBandFrom,
        BigDecimal gapToBand,
        List<NextPoint> rows) {}
