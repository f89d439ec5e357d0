package vn.chiso.briefs.model;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One index on the summary page: the year's score, rank and band (grade), last year's score and rank, the
 * rank change with its interval and whether it lies within noise, the rank within the region, and
 * the day the ranking was published (null for a draft).
 */
public record SummaryRow(
        String index,
        String indexName,
        String period,
        BigDecimal score,
        int rank,
        int unitsRanked,
        String grade,
        String previousPeriod,
        BigDecimal previousScore,
        Integer previousRank,
        Integer rankChange,
        Integer rankLow,
        Integer rankHigh,
        Boolean withinNoise,
        Integer rankInRegion,
        Integer unitsInRegion,
        String release,
        LocalDate publishedOn) {}
