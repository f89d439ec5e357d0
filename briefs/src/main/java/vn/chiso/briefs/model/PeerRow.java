package vn.chiso.briefs.model;

import java.math.BigDecimal;

/** A province in a ranking list: rank, score and its gap to the brief's province (own row: self). */
public record PeerRow(
        String code,
        String name,
        String region,
        int rank,
        BigDecimal score,
        BigDecimal gap,
        Integer rankChange,
        Boolean withinNoise,
        boolean self) {}
