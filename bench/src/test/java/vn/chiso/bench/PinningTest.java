package vn.chiso.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PinningTest {

    private static final Optional<Path> TASKSET = Optional.of(Path.of("/usr/bin/taskset"));
    private static final List<String> JAVA = List.of("java", "-jar", "chiso-api.jar");

    @Test
    void onTwoCpusTheApiGetsCpu0AndTheLoadGeneratorCpu1() {
        Pinning p = Pinning.decide(Optional.empty(), Optional.empty(), false, 2, TASKSET);
        assertTrue(p.pinned());
        assertEquals(List.of("/usr/bin/taskset", "-c", "0", "java", "-jar", "chiso-api.jar"), p.server(JAVA));
        assertEquals(List.of("/usr/bin/taskset", "-c", "1", "java"), p.load(List.of("java")));
        assertTrue(p.how().contains("the API on CPU 0, the load generator on CPU 1"), p.how());
    }

    @Test
    void onMoreCpusEachSideGetsHalf() {
        Pinning p = Pinning.decide(Optional.empty(), Optional.empty(), false, 8, TASKSET);
        assertEquals("0-3", p.serverCpus());
        assertEquals("4-7", p.loadCpus());
    }

    @Test
    void givenCoreSetsAreUsedAsGiven() {
        Pinning p = Pinning.decide(Optional.of("1"), Optional.of("0,2-3"), false, 4, TASKSET);
        assertEquals(List.of("/usr/bin/taskset", "-c", "1", "java"), p.server(List.of("java")));
        assertEquals(List.of("/usr/bin/taskset", "-c", "0,2-3", "java"), p.load(List.of("java")));
    }

    @Test
    void withoutTasksetOnOneCpuOrWhenAskedBothRunUnpinnedAndSaySo() {
        Pinning noTool = Pinning.decide(Optional.empty(), Optional.empty(), false, 2, Optional.empty());
        assertFalse(noTool.pinned());
        assertEquals(JAVA, noTool.server(JAVA));
        assertEquals(JAVA, noTool.load(JAVA));
        assertTrue(noTool.how().startsWith("unpinned: taskset not found"), noTool.how());
        Pinning oneCpu = Pinning.decide(Optional.empty(), Optional.empty(), false, 1, TASKSET);
        assertFalse(oneCpu.pinned());
        assertTrue(oneCpu.how().contains("only 1 CPU"), oneCpu.how());
        Pinning asked = Pinning.decide(Optional.empty(), Optional.empty(), true, 2, TASKSET);
        assertFalse(asked.pinned());
        assertEquals(JAVA, asked.server(JAVA));
        assertTrue(asked.how().startsWith("unpinned (--no-pin)"), asked.how());
    }

    @Test
    void aBadOrMissingCpuIsAClearError() {
        var notAList = assertThrows(
                IllegalArgumentException.class,
                () -> Pinning.decide(Optional.of("first"), Optional.empty(), false, 2, TASKSET));
        assertTrue(notAList.getMessage().contains("--server-cpus"), notAList.getMessage());
        var missing = assertThrows(
                IllegalArgumentException.class,
                () -> Pinning.decide(Optional.empty(), Optional.of("0-2"), false, 2, TASKSET));
        assertTrue(missing.getMessage().contains("--load-cpus names CPU 2"), missing.getMessage());
    }

    @Test
    void tasksetIsFoundOnlyAsAnExecutableOnThePath(@TempDir Path dir) throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path plain = Files.createDirectories(dir.resolve("plain"));
        Files.writeString(plain.resolve("taskset"), "not executable");
        Path tool = Files.writeString(bin.resolve("taskset"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertEquals(Optional.of(tool), Pinning.findTaskset(empty + ":" + plain + ":" + bin));
        assertEquals(Optional.empty(), Pinning.findTaskset(empty + ":" + plain));
    }

    @Test
    void aPinnedCommandRunsOnlyOnItsCoreSet() throws Exception {
        Optional<Path> taskset = Pinning.findTaskset(System.getenv().getOrDefault("PATH", ""));
        assertTrue(taskset.isPresent(), "taskset (util-linux) is on the PATH");
        Pinning p = Pinning.decide(Optional.of("0"), Optional.of("0"), false, 2, taskset);
        Process grep = new ProcessBuilder(p.load(List.of("grep", "Cpus_allowed_list", "/proc/self/status")))
                .redirectErrorStream(true)
                .start();
        String out = new String(grep.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, grep.waitFor(), out);
        assertEquals("0", ProcStats.field(out, "Cpus_allowed_list"));
    }
}
