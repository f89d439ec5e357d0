package vn.chiso.ingest.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.chiso.contract.ReferenceFiles;

/** The real Phú Thọ captures of all six groups: shape, group and period (from the manifest beside them). */
class PortalCaptureTest {

    @Test
    void capturesProbeAndReadAsTheyAre() throws Exception {
        // per unit and the province: a TOTAL record plus one per metric (trees have no metrics)
        Map<String, Integer> expected = Map.of(
                "dvc-progress-tree",
                164,
                "transparency",
                164 * 5,
                "handling-satisfaction",
                164 * 6,
                "provide-online-tree",
                164,
                "formality-online-payment-tree",
                164,
                "dossier-digitized",
                164 * 8);
        for (Map.Entry<String, Integer> e : expected.entrySet()) {
            String path = ReferenceFiles.path("raw/portal_766_phutho/fixtures/" + e.getKey() + "/month-all.json")
                    .toAbsolutePath()
                    .toString();
            SourceFile f = FileProbe.probe(path, SourceReadersTest.CONF);
            assertNull(f.rejection(), path);
            assertEquals(FileKind.PORTAL_EVALUATIONS, f.kind());
            assertEquals(e.getKey(), f.hint("group"));
            if (e.getKey().equals("handling-satisfaction")) {
                assertEquals("2026-08-01", f.hint("from_date"));
            } else {
                assertEquals("2026-08", f.hint("period"));
            }
            try (InputStream in = Files.newInputStream(java.nio.file.Path.of(path))) {
                List<Map<String, String>> records = PortalCapture.records(in, f.hint("group"));
                assertEquals(e.getValue(), records.size(), e.getKey());
                assertEquals("UBND tỉnh Phú Thọ", records.get(0).get("root_department_name"));
            }
        }
    }

    /** A capture away from its manifest has no period, unless --period gives it. */
    @Test
    void periodFromTheCommandLineWithoutAManifest(@TempDir java.nio.file.Path tmp) throws Exception {
        for (String group : List.of("provide-online-tree", "formality-online-payment-tree", "dossier-digitized")) {
            java.nio.file.Path copy = Files.copy(
                    ReferenceFiles.path("raw/portal_766_phutho/fixtures/" + group + "/month-all.json"),
                    Files.createDirectories(tmp.resolve(group)).resolve("capture.json"));
            SourceFile alone = FileProbe.probe(copy.toString(), SourceReadersTest.CONF);
            assertTrue(
                    alone.rejected() && alone.rejection().contains("portal capture without a period"),
                    alone.rejection());
            SourceFile given =
                    FileProbe.probe(copy.toString(), SourceReadersTest.CONF, new FileProbe.Options(null, "2026-08"));
            assertNull(given.rejection(), copy.toString());
            assertEquals(FileKind.PORTAL_EVALUATIONS, given.kind());
            assertEquals("2026-08", given.hint("period"));
            assertEquals(group, given.hint("group"), "the group from the response's shape and metric codes");
        }
    }
}
