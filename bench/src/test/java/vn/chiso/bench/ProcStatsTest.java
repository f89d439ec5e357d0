package vn.chiso.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ProcStatsTest {

    private final ProcStats proc = ProcStats.linux();
    private final long self = ProcessHandle.current().pid();

    @Test
    void thisJvmsCpuTimeFromItsStatLineAgreesWithTheJvmsOwnAccount() {
        var os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        double before = os.getProcessCpuTime() / 1e9;
        double fromProc = proc.cpuSeconds(self);
        double after = os.getProcessCpuTime() / 1e9;
        assertTrue(fromProc > 0, "a running JVM has used CPU time: " + fromProc);
        // the kernel counts in clock ticks (10 ms at 100 Hz): the same time, to a tick or two
        assertTrue(
                fromProc >= before - 0.03 && fromProc <= after + 0.03,
                "/proc says " + fromProc + " s, the JVM " + before + "–" + after + " s");
    }

    @Test
    void fieldsAreCountedFromTheLastParenthesisSoACommandNameWithSpacesCannotShiftThem() {
        String stat = "4242 (java (x) y) S 1 4242 4242 0 -1 4194560 900 0 0 0 250 75 0 0 20 0 30 0 100 0 0";
        assertEquals(3.25, ProcStats.cpuSeconds(stat, 100), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> ProcStats.cpuSeconds("no command name here", 100));
    }

    @Test
    void residentMemoryComesFromTheStatusFileInMegabytes() {
        long rss = proc.memoryMb(self, "VmRSS");
        long peak = proc.memoryMb(self, "VmHWM");
        assertTrue(rss > 10, "a JVM holds more than 10 MB resident: " + rss);
        assertTrue(peak >= rss, "peak " + peak + " ≥ current " + rss);
        assertEquals(2, ProcStats.memoryMb("Name:\tjava\nVmRSS:\t    2560 kB\n", "VmRSS"));
        assertThrows(IllegalArgumentException.class, () -> ProcStats.memoryMb("Name:\tjava\n", "VmHWM"));
    }

    @Test
    void aStatusFieldIsReadAsText() {
        assertEquals("java", proc.field(self, "Name"));
        assertEquals("0-1", ProcStats.field("Name:\tjava\nCpus_allowed_list:\t0-1\n", "Cpus_allowed_list"));
        assertThrows(IllegalArgumentException.class, () -> ProcStats.field("Name:\tjava\n", "Cpus_allowed_list"));
    }

    @Test
    void loadAverageIsTheFirstThreeFieldsOfLoadavg(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("loadavg"), "0.52 0.61 0.70 2/345 6789\n");
        assertEquals("0.52 0.61 0.70", new ProcStats(dir, 100).loadAverage());
        assertTrue(proc.loadAverage().matches("[0-9.]+ [0-9.]+ [0-9.]+"), proc.loadAverage());
    }
}
