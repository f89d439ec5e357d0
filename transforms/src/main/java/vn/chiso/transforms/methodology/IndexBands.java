package vn.chiso.transforms.methodology;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import vn.chiso.contract.LakeTable;
import vn.chiso.contract.spark.LakeSpark;

/**
 * gold/index_bands: the score bands every methodology version declares, one row per band, so readers
 * (the API's briefs, notebooks) take exact thresholds from the lake instead of from the YAML files.
 */
public final class IndexBands {

    private IndexBands() {}

    /** The bands of every version in the catalog (no rows for a version without bands). */
    public static Dataset<Row> of(SparkSession spark, MethodologyCatalog catalog) {
        List<Row> rows = new ArrayList<>();
        for (String index : catalog.indices()) {
            for (Methodology m : catalog.versions(index)) {
                m.bands()
                        .forEach(b ->
                                rows.add(RowFactory.create(m.indexCode(), m.version(), b.code(), b.min(), b.below())));
            }
        }
        return spark.createDataFrame(rows, LakeSpark.schema(LakeTable.GOLD_INDEX_BANDS));
    }

    /** Replaces gold/index_bands with the catalog's bands. */
    public static void write(SparkSession spark, String lake, MethodologyCatalog catalog) {
        LakeSpark.overwrite(
                LakeSpark.conform(of(spark, catalog), LakeTable.GOLD_INDEX_BANDS), lake, LakeTable.GOLD_INDEX_BANDS);
    }
}
