package vn.chiso.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchOptionsTest {

    private static final String[] API = {"--", "java", "-Xmx384m", "-jar", "chiso-api.jar"};

    @Test
    void ownOptionsComeBeforeTheDashesAndTheApiCommandAfter() {
        BenchOptions o = BenchOptions.parse(
                args("--lake", "/data/lake", "--port=19000", "--scale", "tiny"), Map.of("BENCH_SECONDS", "5"));
        assertEquals("/data/lake", o.lake());
        assertEquals(19000, o.port());
        assertEquals("5", o.seconds());
        assertEquals("10", o.warmup());
        assertEquals(32, o.connections());
        assertEquals(32, o.attackers());
        assertEquals(List.of("java", "-Xmx384m", "-jar", "chiso-api.jar"), o.apiCommand());
    }

    @Test
    void defaultsAreTheLakeUnderTheCurrentDirectoryAndBenchPort() {
        BenchOptions o = BenchOptions.parse(args(), Map.of("BENCH_PORT", "18100"));
        assertEquals(Path.of("lakehouse").toAbsolutePath().toString(), o.lake());
        assertEquals(18100, o.port());
    }

    @Test
    void aRelativeLakeIsResolvedAgainstTheCallersDirectory(@TempDir Path dir) throws Exception {
        Path lake = Files.createDirectories(dir.resolve("lake"));
        Path relative = Path.of("").toAbsolutePath().relativize(lake);
        assertEquals(
                lake.toString(),
                BenchOptions.parse(args("--lake", relative.toString()), Map.of())
                        .lake());
    }

    @Test
    void coreSetsAreOptionalAndNoPinIsASwitch() {
        BenchOptions none = BenchOptions.parse(args(), Map.of());
        assertEquals(Optional.empty(), none.serverCpus());
        assertEquals(Optional.empty(), none.loadCpus());
        assertFalse(none.noPin());
        BenchOptions given = BenchOptions.parse(args("--server-cpus", "0", "--load-cpus=1"), Map.of());
        assertEquals(Optional.of("0"), given.serverCpus());
        assertEquals(Optional.of("1"), given.loadCpus());
        assertTrue(BenchOptions.parse(args("--no-pin"), Map.of()).noPin());
        assertTrue(BenchOptions.parse(args("--check-options"), Map.of()).checkOnly());
        assertFalse(none.checkOnly());
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(args("--server-cpus"), Map.of()));
    }

    @Test
    void helpNeedsNothingElse() {
        assertTrue(BenchOptions.parse(new String[] {"--help"}, Map.of()).help());
    }

    @Test
    void badInputIsAClearError() {
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(new String[] {"--lake", "x"}, Map.of()));
        var e = assertThrows(
                IllegalArgumentException.class, () -> BenchOptions.parse(args(), Map.of("BENCH_WARMUP", "ten")));
        assertTrue(e.getMessage().contains("BENCH_WARMUP"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(args("--connections", "3"), Map.of()));
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(args("--port", "high"), Map.of()));
    }

    @Test
    void springsStartLineIsFoundInTheApiLog(@TempDir Path dir) throws Exception {
        Path log = Files.writeString(
                dir.resolve("api.log"),
                "x\n... Started ChisoApiApplication in 2.345 seconds (process running for 3)\n");
        assertEquals("2.345 seconds", ApiBench.springStart(log));
        assertEquals("?", ApiBench.springStart(dir.resolve("missing.log")));
    }

    private static String[] args(String... own) {
        String[] all = new String[own.length + API.length];
        System.arraycopy(own, 0, all, 0, own.length);
        System.arraycopy(API, 0, all, own.length, API.length);
        return all;
    }
}
