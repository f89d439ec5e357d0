package vn.chiso.ingest.validate;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import vn.chiso.contract.UnitLevel;
import vn.chiso.ingest.parse.UnitNames;

/**
 * The receiving unit of a dossier row, from its code or, when the export has none, from its name
 * ({@link UnitNames}): a district named in the unit list gets its official code, any other named
 * unit the key of its name within the province ({@code 25:department:so-tu-phap}), a row with
 * neither code nor name the province's key {@code <province>:unknown}, so that it still counts for
 * its province. Adds {@code t_unit_code}, {@code t_unit_level}, {@code t_district_code} and
 * {@code t_unit_match}: code | listed (official code from the name) | name | unresolved (no prefix
 * tells the name's level) | missing; null without a province.
 */
final class UnitResolution {

    /** Key of the units of a province whose rows name none. */
    static final String UNKNOWN_UNIT = "unknown";

    private UnitResolution() {}

    /** Needs {@code t_province_code} and {@code t_level_given} (the level column's code). */
    static Dataset<Row> resolve(Dataset<Row> typed, Dataset<Row> listedDistricts) {
        Column province = col("t_province_code");
        Dataset<Row> named = typed.withColumn(
                "_named",
                when(
                        hasCode().unary_$bang().and(hasName()).and(province.isNotNull()),
                        BY_NAME.apply(unitName(), province)));
        Dataset<Row> joined = named.join(
                broadcast(listedDistrictKeys(typed, listedDistricts)),
                province.equalTo(col("_listed_province")).and(col("_named.key").equalTo(col("_listed_key"))),
                "left");
        return withResolvedUnit(joined);
    }

    private static Column unitCode() {
        return functions.trim(col("unit_code"));
    }

    private static Column hasCode() {
        return unitCode().isNotNull().and(unitCode().notEqual(""));
    }

    private static Column unitName() {
        return functions.trim(col("unit_name"));
    }

    private static Column hasName() {
        return unitName().isNotNull().and(unitName().notEqual(""));
    }

    private static Column rawDistrict() {
        return functions.trim(col("district_code"));
    }

    /**
     * The district list: the given one, and what this batch writes with a code; one row per
     * province and district name key with its only code (a name two codes share resolves to neither).
     */
    private static Dataset<Row> listedDistrictKeys(Dataset<Row> typed, Dataset<Row> listedDistricts) {
        Column province = col("t_province_code");
        Dataset<Row> fromBatch = typed.filter(hasCode()
                        .and(hasName())
                        .and(col("t_level_given").equalTo(UnitLevel.DISTRICT.code()))
                        .and(province.isNotNull()))
                .select(
                        province.as("province_code"),
                        coalesce(when(rawDistrict().notEqual(""), rawDistrict()), unitCode())
                                .as("unit_code"),
                        unitName().as("unit_name"));
        Dataset<Row> list = listedDistricts == null
                ? fromBatch
                : listedDistricts
                        .select("province_code", "unit_code", "unit_name")
                        .unionByName(fromBatch);
        return list.distinct()
                .withColumn("_n", BY_NAME.apply(col("unit_name"), col("province_code")))
                .filter(col("_n.kind")
                        .equalTo("district")
                        .and(col("unit_code").contains(":").unary_$bang()))
                .groupBy(
                        col("province_code").as("_listed_province"),
                        col("_n.key").as("_listed_key"))
                .agg(
                        min("unit_code").as("_listed_code"),
                        countDistinct("unit_code").as("_codes"))
                .filter(col("_codes").equalTo(1))
                .drop("_codes");
    }

    /** The t_unit_* columns from the code, or the name matched ({@code _named}) and listed ({@code _listed_*}). */
    private static Dataset<Row> withResolvedUnit(Dataset<Row> joined) {
        Column code = unitCode();
        Column hasCode = hasCode();
        Column hasName = hasName();
        Column province = col("t_province_code");
        Column listed = col("_listed_code");
        Column level = coalesce(
                col("t_level_given"),
                when(
                        hasCode.unary_$bang().and(province.isNotNull()),
                        coalesce(col("_named.level"), lit(UnitLevel.PROVINCE.code()))));
        Column districtByName = when(
                hasCode.unary_$bang().and(col("_named.kind").equalTo("district")), coalesce(listed, col("_named.key")));
        return joined.withColumn(
                        "t_unit_code",
                        when(hasCode, code)
                                .otherwise(coalesce(
                                        listed,
                                        col("_named.key"),
                                        when(hasName.unary_$bang(), concat(province, lit(":" + UNKNOWN_UNIT))))))
                .withColumn("t_unit_level", level)
                // a district-level unit is its district (a coded export without a district column too)
                .withColumn(
                        "t_district_code",
                        coalesce(
                                when(rawDistrict().notEqual(""), rawDistrict()),
                                districtByName,
                                when(hasCode.and(col("t_level_given").equalTo(UnitLevel.DISTRICT.code())), code)))
                .withColumn(
                        "t_unit_match",
                        when(province.isNull(), lit(null).cast("STRING"))
                                .when(hasCode, lit("code"))
                                .when(hasName.unary_$bang(), lit("missing"))
                                .when(listed.isNotNull(), lit("listed"))
                                .when(col("_named.level").isNull(), lit("unresolved"))
                                .otherwise(lit("name")))
                .drop("_named", "_listed_province", "_listed_key", "_listed_code");
    }

    private static final StructType NAMED = new StructType()
            .add("level", DataTypes.StringType)
            .add("kind", DataTypes.StringType)
            .add("key", DataTypes.StringType);

    /** A unit name within its province: level (null if no prefix tells it), kind and key. */
    private static final UserDefinedFunction BY_NAME = functions.udf(
            (UDF2<String, String, Row>) (name, province) -> {
                UnitNames.Named n = name == null || province == null
                        ? null
                        : UnitNames.get().read(name, province);
                return n == null ? null : RowFactory.create(n.level(), n.kind(), n.key(province));
            },
            NAMED);
}
