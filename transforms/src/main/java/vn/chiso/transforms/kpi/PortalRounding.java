package vn.chiso.transforms.kpi;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;

/**
 * The national portal's arithmetic (Decision 766 evaluation): ratio = 100 × part ÷ whole and
 * score = max × ratio ÷ 100, each rounded half-up to 0.01 in exact decimals; a unit that received
 * nothing gets ratio 0 and score 0. Verified on the Phú Thọ capture in reference/raw (copied from shared/reference).
 */
public final class PortalRounding {

    private PortalRounding() {}

    public static Column ratio(Column part, Column whole) {
        Column exact = part.cast("DECIMAL(20,0)").multiply(lit(100)).divide(whole.cast("DECIMAL(20,0)"));
        return when(whole.gt(0), roundHalfUp(exact)).otherwise(lit(0)).cast("DECIMAL(5,2)");
    }

    public static Column score(Column ratio, int maxPoints) {
        return roundHalfUp(ratio.multiply(lit(maxPoints)).divide(lit(100))).cast("DECIMAL(5,2)");
    }

    /** Spark rounds decimals half-up (ROUND_HALF_UP), unlike bround. */
    static Column roundHalfUp(Column decimal) {
        return functions.round(decimal, 2);
    }
}
