package vn.chiso.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.sql.Date;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import vn.chiso.contract.AdminUnits;
import vn.chiso.contract.LakeTable;
import vn.chiso.contract.UnitLevel;
import vn.chiso.contract.spark.LakeSpark;
import vn.chiso.ingest.parse.Provinces;
import vn.chiso.ingest.parse.UnitNames;

/**
 * The unit dimension, versioned by validity dates: the 63 official provinces (valid until 30 June
 * 2025, each with the province it joined: the old → new mapping), the 34 provinces valid from
 * 1 July 2025, and the districts that appear in silver dossiers (abolished on 1 July 2025),
 * labelled with the name they carry there and the key their name gives ({@link UnitNames}; rows of
 * an export that named a district without its code carry that key). One row per unit and version:
 * join on the code and the date ({@code valid_from <= d AND (valid_to IS NULL OR d <= valid_to)}).
 * Rewritten in full the first time in a process, later only when a batch's changes to silver
 * dossiers could change it ({@link #update}).
 */
final class SilverUnits {

    /** Lakes (by silver/units location) whose units this process refreshed in full and kept current since. */
    private static final Set<String> CURRENT = ConcurrentHashMap.newKeySet();

    private SilverUnits() {}

    /** The key of a district's name within its province; null when the name is not a district's. */
    private static final UserDefinedFunction DISTRICT_KEY = functions.udf(
            (UDF2<String, String, String>) (name, province) -> {
                UnitNames.Named n = name == null || province == null
                        ? null
                        : UnitNames.get().read(name, province);
                return n != null && n.kind().equals("district") ? n.key(province) : null;
            },
            DataTypes.StringType);

    /**
     * Districts with official codes known to the lake (province_code, unit_code, unit_name), for
     * resolving district names; null before the first refresh. Keys made from names (they contain
     * ':') are not official codes.
     */
    static Dataset<Row> listedDistricts(SparkSession spark, String lake) {
        if (!LakeSpark.exists(spark, lake, LakeTable.SILVER_UNITS)) {
            return null;
        }
        return LakeSpark.read(spark, lake, LakeTable.SILVER_UNITS)
                .filter(col("unit_level")
                        .equalTo(UnitLevel.DISTRICT.code())
                        .and(col("unit_code").contains(":").unary_$bang())
                        .and(col("unit_name").isNotNull()))
                .select("province_code", "unit_code", "unit_name");
    }

    /**
     * Brings silver/units up to date after a batch that found silver dossiers at version
     * {@code dossiersBefore} (-1: absent). The first time in a process, and after a failed batch
     * ({@link #forget}), a full refresh; later the table is left as it is (no job over silver, no
     * commit) when the dossiers' changes since then cannot change it ({@link #unchangedSince}), and
     * refreshed in full otherwise. Returns whether it was rewritten.
     */
    static boolean update(SparkSession spark, String lake, long dossiersBefore) {
        String location = LakeTable.SILVER_UNITS.location(lake);
        if (CURRENT.contains(location) && unchangedSince(spark, lake, dossiersBefore)) {
            return false;
        }
        CURRENT.remove(location);
        refresh(spark, lake);
        CURRENT.add(location);
        return true;
    }

    /** After a batch failed part-way (silver may hold districts never checked): the next one refreshes in full. */
    static void forget(String lake) {
        CURRENT.remove(LakeTable.SILVER_UNITS.location(lake));
    }

    /**
     * Whether a full refresh would give what the table holds, judged from the district rows silver
     * dossiers gained and lost since version {@code before} (their change feed: this batch's commits
     * and any a concurrent job made meanwhile, whose own check covers them too). A district's row
     * takes one of the non-null names its dossiers carry (Spark's {@code first}: any of them) and the
     * first province, so it stands when every district row gained is listed under its code with the
     * same province and, if it has a name, that name; and every district row lost is among those
     * gained (an update that keeps the dossier's district). Anything else (a district or a name new
     * to the table, a dossier moved away from its district) asks for the full refresh, as does a
     * change feed that cannot be read.
     */
    private static boolean unchangedSince(SparkSession spark, String lake, long before) {
        long after = LakeSpark.version(spark, lake, LakeTable.SILVER_DOSSIERS);
        if (after == before) {
            return true;
        }
        if (before < 0) {
            return false;
        }
        Set<List<String>> gained = new HashSet<>();
        Set<List<String>> lost = new HashSet<>();
        try {
            districtChanges(spark, lake, before + 1, after)
                    .forEach(r -> (r.getBoolean(0) ? lost : gained)
                            .add(Arrays.asList(r.getString(1), r.getString(2), r.getString(3))));
        } catch (RuntimeException e) {
            return false; // e.g. a feed not kept for these versions: the full refresh needs none
        }
        if (!gained.containsAll(lost)) {
            return false;
        }
        Map<String, Row> listed = new HashMap<>();
        if (!gained.isEmpty()) {
            LakeSpark.read(spark, lake, LakeTable.SILVER_UNITS)
                    .filter(col("unit_level")
                            .equalTo(UnitLevel.DISTRICT.code())
                            .and(col("unit_code")
                                    .isin(gained.stream()
                                            .map(d -> d.get(0))
                                            .distinct()
                                            .toArray())))
                    .select("unit_code", "unit_name", "province_code")
                    .collectAsList()
                    .forEach(r -> listed.put(r.getString(0), r));
        }
        return gained.stream().allMatch(d -> listedAs(listed.get(d.get(0)), d));
    }

    /** (lost, district_code, unit_name, province_code) of the district rows the versions added or removed. */
    private static List<Row> districtChanges(SparkSession spark, String lake, long from, long to) {
        return spark.read()
                .format("delta")
                .option("readChangeFeed", "true")
                .option("startingVersion", from)
                .option("endingVersion", to)
                .load(LakeTable.SILVER_DOSSIERS.location(lake))
                .filter(col("unit_level")
                        .equalTo(UnitLevel.DISTRICT.code())
                        .and(col("district_code").isNotNull()))
                .select(
                        col("_change_type").isin("update_preimage", "delete").as("lost"),
                        col("district_code"),
                        col("unit_name"),
                        col("province_code"))
                .coalesce(1) // a batch's changes: one task, no shuffle (and no job) for the distinct
                .distinct()
                .collectAsList();
    }

    /** Whether the unit row (code, name, province) is what a refresh gives for a district row (code, name, province). */
    private static boolean listedAs(Row unit, List<String> district) {
        return unit != null
                && Objects.equals(unit.getString(2), district.get(2))
                && (district.get(1) == null || district.get(1).equals(unit.getString(1)));
    }

    /** Rewrites the table in full: the provinces, and every district silver dossiers name. */
    static void refresh(SparkSession spark, String lake) {
        Dataset<Row> provinceRows = officialProvinces(spark);
        LakeSpark.overwrite(
                provinceRows
                        .unionByName(reformedProvinces(spark))
                        .unionByName(districtsInDossiers(spark, lake, provinceRows))
                        .coalesce(1),
                lake,
                LakeTable.SILVER_UNITS);
    }

    /** The 63 official provinces, valid until 30 June 2025, each with the province it joined. */
    private static Dataset<Row> officialProvinces(SparkSession spark) {
        Date validTo = Date.valueOf(AdminUnits.LAST_DAY_OF_63_PROVINCES);
        List<Row> provinces = AdminUnits.get().provinces().stream()
                .map(p -> RowFactory.create(
                        p.code(),
                        p.name(),
                        UnitLevel.PROVINCE.code(),
                        p.code(),
                        p.name(),
                        p.region(),
                        null,
                        validTo,
                        p.successorCode(),
                        p.successorName(),
                        null))
                .toList();
        return spark.createDataFrame(provinces, LakeSpark.schema(LakeTable.SILVER_UNITS));
    }

    /** The 34 provinces from 1 July 2025 (codes reused: a code's meaning depends on the date). */
    private static Dataset<Row> reformedProvinces(SparkSession spark) {
        Date reform = Date.valueOf(AdminUnits.FIRST_DAY_OF_34_PROVINCES);
        List<Row> successors = Provinces.get().versions().stream()
                .filter(v -> v.validFrom() != null)
                .map(v -> RowFactory.create(
                        v.code(),
                        v.name(),
                        UnitLevel.PROVINCE.code(),
                        v.code(),
                        v.name(),
                        v.region(),
                        reform,
                        null,
                        null,
                        null,
                        null))
                .toList();
        return spark.createDataFrame(successors, LakeSpark.schema(LakeTable.SILVER_UNITS));
    }

    /** The districts silver dossiers name, with their province's validity and successor. */
    private static Dataset<Row> districtsInDossiers(SparkSession spark, String lake, Dataset<Row> provinceRows) {
        return LakeSpark.read(spark, lake, LakeTable.SILVER_DOSSIERS)
                .filter(col("unit_level").equalTo(UnitLevel.DISTRICT.code()))
                .groupBy(col("district_code").as("unit_code"))
                .agg(
                        first("unit_name", true).as("unit_name"),
                        first("province_code").as("province_code"))
                .filter(col("unit_code").isNotNull())
                .join(
                        provinceRows.select(
                                col("unit_code").as("province_code"),
                                col("unit_name").as("province_name"),
                                col("region"),
                                col("valid_to"),
                                col("successor_code"),
                                col("successor_name")),
                        "province_code")
                .select(
                        col("unit_code"),
                        col("unit_name"),
                        lit(UnitLevel.DISTRICT.code()).as("unit_level"),
                        col("province_code"),
                        col("province_name"),
                        col("region"),
                        lit(null).cast("DATE").as("valid_from"),
                        col("valid_to"),
                        col("successor_code"),
                        col("successor_name"),
                        when(col("unit_code").contains(":"), col("unit_code"))
                                .otherwise(DISTRICT_KEY.apply(col("unit_name"), col("province_code")))
                                .as("unit_key"));
    }
}
