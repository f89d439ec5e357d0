package vn.chiso.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vn.chiso.contract.Lineage.Job;
import vn.chiso.contract.Lineage.Step;

class LineageTest {

    private static final String BEGIN = "<!-- lineage:begin";
    private static final String END = "<!-- lineage:end -->";

    @Test
    void everyTableHasAProducerAndEveryInputIsSomeonesOutput() {
        for (LakeTable table : LakeTable.values()) {
            assertFalse(Lineage.producers(table).isEmpty(), table + " has no producing step");
        }
        for (Step step : Step.values()) {
            assertFalse(step.outputs().isEmpty(), step.id() + " writes nothing");
            assertFalse(step.inputs().isEmpty() && step.sources().isEmpty(), step.id() + " reads nothing");
        }
    }

    @Test
    void theTransformReadsOnlyWhatIngestOrAnEarlierTransformStepWrote() {
        Set<LakeTable> available = EnumSet.noneOf(LakeTable.class);
        Lineage.steps(Job.INGEST).forEach(s -> available.addAll(s.outputs()));
        for (Step step : Lineage.steps(Job.TRANSFORM)) {
            for (LakeTable input : step.inputs()) {
                assertTrue(available.contains(input), step.id() + " reads " + input + " before any step writes it");
            }
            available.addAll(step.outputs());
        }
    }

    @Test
    void stepIdsNameTheirJob() {
        assertEquals("transform.score_indices", Step.SCORE_INDICES.id());
        assertEquals(Step.READ_DOSSIERS, Step.ofId("ingest.read_dossiers"));
        assertEquals(null, Step.ofId("ingest.nothing"));
    }

    @Test
    void theReadmeDiagramIsTheGeneratedOne() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        int begin = readme.indexOf(BEGIN);
        int end = readme.indexOf(END);
        assertTrue(begin >= 0 && end > begin, "README.md has no " + BEGIN + " … " + END + " block");
        String block = readme.substring(readme.indexOf('\n', begin) + 1, end);
        assertEquals(
                "```mermaid\n" + Lineage.mermaid() + "```\n",
                block,
                "README.md's lineage diagram is stale: paste ./chiso lineage --mermaid between the markers");
    }
}
