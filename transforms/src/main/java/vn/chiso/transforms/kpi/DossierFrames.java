package vn.chiso.transforms.kpi;

import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * One run's dossier frames: the monthly counts and the unit KPIs rolled up from them, each computed
 * (and cached) on first use, so a run that keeps every piece of gold built on dossiers computes neither.
 */
public final class DossierFrames {

    private final Supplier<Dataset<Row>> monthlySource;
    private final Function<Dataset<Row>, Dataset<Row>> kpisOfMonthly;
    private final boolean present;
    private Dataset<Row> monthly;
    private Dataset<Row> kpis;

    private DossierFrames(
            Supplier<Dataset<Row>> monthlySource, Function<Dataset<Row>, Dataset<Row>> kpisOfMonthly, boolean present) {
        this.monthlySource = monthlySource;
        this.kpisOfMonthly = kpisOfMonthly;
        this.present = present;
    }

    /** Frames computed when first asked for: the monthly counts, then the KPIs from them. */
    public static DossierFrames lazy(
            Supplier<Dataset<Row>> monthly, Function<Dataset<Row>, Dataset<Row>> kpisOfMonthly) {
        return new DossierFrames(monthly, kpisOfMonthly, true);
    }

    /** No dossiers in the lake. */
    public static DossierFrames absent() {
        return new DossierFrames(null, null, false);
    }

    /** Whether the lake has dossiers (then both frames can be had). */
    public boolean present() {
        return present;
    }

    /** Monthly dossier counts per unit (null when the lake has no dossiers). */
    public Dataset<Row> monthly() {
        if (monthly == null && present) {
            monthly = monthlySource.get().cache();
        }
        return monthly;
    }

    /** Unit KPIs per level and period (null when the lake has no dossiers). */
    public Dataset<Row> kpis() {
        if (kpis == null && present) {
            kpis = kpisOfMonthly.apply(monthly()).cache();
        }
        return kpis;
    }

    /** Releases what was computed and cached here. */
    public void release() {
        if (kpis != null) {
            kpis.unpersist();
        }
        if (monthly != null) {
            monthly.unpersist();
        }
    }
}
