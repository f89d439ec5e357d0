package vn.chiso.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.chiso.contract.LakeTable;
import vn.chiso.contract.ReferenceFiles;
import vn.chiso.contract.spark.LakeSpark;
import vn.chiso.contract.spark.LineageCheck;
import vn.chiso.contract.spark.TestSpark;
import vn.chiso.ingest.IngestJob;
import vn.chiso.ingest.sample.SampleGenerator;
import vn.chiso.transforms.methodology.MethodologyCatalog;

/**
 * Incremental gold on a real lake (dossiers and a published index): a dossier batch recomputes only
 * what reads dossiers, a changed methodology only its index, an unchanged lake nothing; after the
 * dossier batch and at the end, gold equals a full rebuild.
 */
@Tag("integration") // ingest and several transforms on a Delta lake
class IncrementalGoldTest {

    private static final List<LakeTable> GOLD = List.of(
            LakeTable.GOLD_UNIT_KPIS,
            LakeTable.GOLD_INDEX_BANDS,
            LakeTable.GOLD_INDEX_SCORES,
            LakeTable.GOLD_RANKINGS,
            LakeTable.GOLD_RANK_CHANGES,
            LakeTable.GOLD_REFORM_SERIES,
            LakeTable.GOLD_PROVINCE_INDICES,
            LakeTable.GOLD_INDEX_CORRELATIONS);

    private final SparkSession spark = TestSpark.session();

    @Test
    void recomputesOnlyWhatChangedInputsReachAndEqualsAFullRebuild(@TempDir Path tmp) throws IOException {
        String lake = TestSpark.newLake(tmp, "lake");
        SampleGenerator.Options day = new SampleGenerator.Options(tmp.resolve("d1"), 2_000, 3, 2015, 2016);
        new SampleGenerator().generate(day, m -> {});
        new IngestJob(spark, lake, m -> {})
                .run(List.of(
                        day.outputDir().toString(),
                        ReferenceFiles.path("raw/published_indices_vietnamdata/PCI_2016.xlsx")
                                .toString()));
        List<String> first = transform(lake, MethodologyCatalog.bundled());
        assertTrue(first.stream().anyMatch(m -> m.startsWith("index pci (")), "pci computed: " + first);
        assertTrue(first.stream().anyMatch(m -> m.startsWith("index progress (")), "progress computed: " + first);

        // a dossier batch: the dossier pieces recompute, pci and the bands are kept
        new SampleGenerator()
                .generate(day.withDir(tmp.resolve("d2")).withRows(300).withSeed(11), m -> {});
        new IngestJob(spark, lake, m -> {}).run(List.of(tmp.resolve("d2").toString()));
        long scoresBefore = LakeSpark.version(spark, lake, LakeTable.GOLD_INDEX_SCORES);
        List<String> second = transform(lake, MethodologyCatalog.bundled());
        assertKept(second, "index.pci", "index_bands");
        assertComputed(
                second, "index progress (", "gold unit_kpis: ", "gold reform_series: ", "gold province_indices: ");
        assertEquals(
                scoresBefore + 1,
                LakeSpark.version(spark, lake, LakeTable.GOLD_INDEX_SCORES),
                "one commit to gold/index_scores: the progress index's rows");
        assertEqualsFullRebuild(lake, MethodologyCatalog.bundled());

        // a changed pci methodology: pci recomputes, progress and the unit KPIs are kept
        MethodologyCatalog changed = catalogWithChangedPci(tmp.resolve("methodologies"));
        List<String> third = transform(lake, changed);
        assertKept(third, "index.progress", "unit_kpis");
        assertComputed(third, "index pci (", "gold index_bands: ", "gold reform_series: ");

        // nothing changed: every piece kept, no gold commit
        Map<LakeTable, Long> versions = versions(lake);
        List<String> fourth = transform(lake, changed);
        assertKept(fourth, "unit_kpis", "index_bands", "index.progress", "index.pci", "reform_series", "cross_index");
        assertEquals(versions, versions(lake), "no gold table written: " + fourth);
        assertEquals(List.of(), LineageCheck.undeclaredWrites(spark, lake), "every commit by a declared step");
    }

    private List<String> transform(String lake, MethodologyCatalog catalog) {
        List<String> messages = new ArrayList<>();
        new TransformJob(spark, lake, catalog, messages::add).run();
        return messages;
    }

    private static void assertKept(List<String> messages, String... pieces) {
        for (String piece : pieces) {
            assertTrue(
                    messages.stream().anyMatch(m -> m.contains("gold " + piece + ": inputs unchanged at versions")),
                    piece + " kept: " + messages);
        }
    }

    private static void assertComputed(List<String> messages, String... prefixes) {
        for (String prefix : prefixes) {
            assertTrue(messages.stream().anyMatch(m -> m.startsWith(prefix)), prefix + "…: " + messages);
        }
    }

    /** Rebuilds all gold in place and compares every table with the version the incremental run left. */
    private void assertEqualsFullRebuild(String lake, MethodologyCatalog catalog) {
        Map<LakeTable, Long> incremental = versions(lake);
        new TransformJob(spark, lake, catalog, m -> {}).rebuildingAll().run();
        for (LakeTable table : GOLD) {
            Dataset<Row> before = spark.read()
                    .format("delta")
                    .option("versionAsOf", incremental.get(table))
                    .load(table.location(lake));
            Dataset<Row> rebuilt = LakeSpark.read(spark, lake, table);
            assertEquals(0, before.exceptAll(rebuilt).count(), table + ": rows only in the incremental gold");
            assertEquals(0, rebuilt.exceptAll(before).count(), table + ": rows only in the full rebuild");
        }
    }

    private Map<LakeTable, Long> versions(String lake) {
        Map<LakeTable, Long> versions = new EnumMap<>(LakeTable.class);
        GOLD.forEach(t -> versions.put(t, LakeSpark.version(spark, lake, t)));
        return versions;
    }

    /** The bundled catalog with pci 2016's check tolerance changed, as a methodology directory gives it. */
    private static MethodologyCatalog catalogWithChangedPci(Path dir) throws IOException {
        String yaml;
        try (InputStream in = MethodologyCatalog.class.getResourceAsStream("/methodologies/pci/2016.yaml")) {
            yaml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        Path file = dir.resolve("pci/2016.yaml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, yaml.replace("title: PCI 2016 (VCCI)", "title: PCI 2016 (VCCI, revised)"));
        return MethodologyCatalog.load(dir, m -> {});
    }
}
