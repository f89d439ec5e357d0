package vn.chiso.api.system;

/** The OpenAPI description of the asOf parameter every lake endpoint takes. */
public final class AsOfParameter {

    public static final String DESCRIPTION = "Delta time travel: a version of the answer's primary table (12), a time "
            + "(2026-11-22T03:00:00Z or 2026-11-22 = end of that day, UTC), or the versions of a previous answer's "
            + "X-Chiso-Lake-Versions header (gold/rankings@12,gold/unit_kpis@3). Default: the latest.";

    private AsOfParameter() {}
}
