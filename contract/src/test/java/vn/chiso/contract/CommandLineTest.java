package vn.chiso.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CommandLineTest {

    private static CommandLine parse(String... args) {
        return CommandLine.parse(args, Set.of("lake", "out"), Set.of("csv"));
    }

    @Test
    void aRelativeLakeIsResolvedAgainstTheWorkingDirectoryAndAUriPassesThrough() {
        assertEquals(Path.of("lakehouse").toAbsolutePath().toString(), parse().lake());
        assertEquals(
                Path.of("x/lake").toAbsolutePath().toString(),
                parse("--lake", "./x/lake").lake());
        assertEquals("/data/lake", parse("--lake=/data/lake/").lake());
        assertEquals("s3a://bucket/lake", parse("--lake", "s3a://bucket/lake").lake());
    }

    @Test
    void optionsFlagsAndPositionalArguments() {
        CommandLine cl = parse("--out=a", "--csv", "one", "two");
        assertEquals("a", cl.get("out", null));
        assertTrue(cl.flag("csv"));
        assertEquals(List.of("one", "two"), cl.positional());
        assertEquals(
                "unknown option --cvs",
                assertThrows(IllegalArgumentException.class, () -> parse("--cvs"))
                        .getMessage());
        assertEquals(
                "option --out needs a value",
                assertThrows(IllegalArgumentException.class, () -> parse("--out"))
                        .getMessage());
    }

    @Test
    void helpIsAskedForWithEitherSpelling() {
        assertTrue(CommandLine.asksForHelp(new String[] {"--lake", "x", "--help"}));
        assertTrue(CommandLine.asksForHelp(new String[] {"-h"}));
        assertFalse(CommandLine.asksForHelp(new String[] {"--helpful", "help"}));
    }
}
