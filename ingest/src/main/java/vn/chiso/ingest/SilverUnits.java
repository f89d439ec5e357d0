package vn.chiso.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;

import java.sql.Date;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import vn.chiso.contract.AdminUnits;
import vn.chiso.contract.LakeTable;
import vn.chiso.contract.UnitLevel;
import vn.chiso.contract.spark.LakeSpark;

/**
 * The unit dimension: the 63 official provinces (valid until 30 June 2025, with the province each
 * joined) and the districts that appear in silver dossiers, labelled with the name they carry there.
 */
final class SilverUnits {

    private SilverUnits() {
    }

    static void refresh(SparkSession spark, String lake) {
        AdminUnits units = AdminUnits.get();
        Date validTo = Date.valueOf(AdminUnits.LAST_DAY_OF_63_PROVINCES);
        List<Row> provinces = units.provinces().stream().map(p -> RowFactory.create(p.code(), p.name(),
                UnitLevel.PROVINCE.code(), p.code(), p.name(), p.region(), null, validTo, p.successorCode(),
                p.successorName())).toList();
        Dataset<Row> provinceRows = spark.createDataFrame(provinces, LakeSpark.schema(LakeTable.SILVER_UNITS));
        Dataset<Row> districts = LakeSpark.read(spark, lake, LakeTable.SILVER_DOSSIERS)
                .filter(col("unit_level").equalTo(UnitLevel.DISTRICT.code()))
                .groupBy(col("district_code").as("unit_code"))
                .agg(first("unit_name", true).as("unit_name"), first("province_code").as("province_code"))
                .filter(col("unit_code").isNotNull())
                .join(provinceRows.select(col("unit_code").as("province_code"), col("unit_name").as("province_name"),
                        col("region"), col("valid_to"), col("successor_code"), col("successor_name")),
                        "province_code")
                .select(col("unit_code"), col("unit_name"), lit(UnitLevel.DISTRICT.code()).as("unit_level"),
                        col("province_code"), col("province_name"), col("region"),
                        lit(null).cast("DATE").as("valid_from"), col("valid_to"), col("successor_code"),
                        col("successor_name"));
        LakeSpark.overwrite(provinceRows.unionByName(districts).coalesce(1), lake, LakeTable.SILVER_UNITS);
    }
}
