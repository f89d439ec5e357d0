package vn.chiso.pipeline;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README quotes each command's help as the program prints it. */
class HelpTest {

    @Test
    void theReadmeQuotesTheHelpOfPipelineAndWatch() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        assertTrue(readme.contains(PipelineMain.PIPELINE_HELP), "README.md quotes ./chiso pipeline --help");
        assertTrue(readme.contains(PipelineMain.WATCH_HELP), "README.md quotes ./chiso watch --help");
    }
}
