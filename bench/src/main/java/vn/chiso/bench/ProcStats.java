package vn.chiso.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A process's CPU time and memory from Linux's {@code /proc}: {@code /proc/PID/stat} (user and system
 * clock ticks, fields 14 and 15) and {@code /proc/PID/status} ({@code VmRSS}, {@code VmHWM}), and the
 * machine's load average. CPU seconds compare runs on a shared machine where wall times do not.
 */
public final class ProcStats {

    private final Path proc;
    private final long ticksPerSecond;

    public ProcStats(Path proc, long ticksPerSecond) {
        this.proc = proc;
        this.ticksPerSecond = ticksPerSecond;
    }

    /** {@code /proc} with the kernel's clock ticks per second ({@code getconf CLK_TCK}; 100 if unknown). */
    public static ProcStats linux() {
        return new ProcStats(Path.of("/proc"), clockTicks());
    }

    /** User plus system CPU seconds the process has used. */
    public double cpuSeconds(long pid) {
        return cpuSeconds(read(proc.resolve(pid + "/stat")), ticksPerSecond);
    }

    /** A {@code VmRSS}-style line of {@code /proc/PID/status}, in whole MB. */
    public long memoryMb(long pid, String field) {
        return memoryMb(read(proc.resolve(pid + "/status")), field);
    }

    /** A {@code NAME:\tvalue} line of {@code /proc/PID/status} as text (e.g. {@code Cpus_allowed_list}). */
    public String field(long pid, String field) {
        return field(read(proc.resolve(pid + "/status")), field);
    }

    /** The first three fields of {@code /proc/loadavg} (1, 5, 15 minutes). */
    public String loadAverage() {
        String[] f = read(proc.resolve("loadavg")).trim().split("\\s+");
        return String.join(" ", f[0], f[1], f[2]);
    }

    /**
     * Parses one {@code /proc/PID/stat} line. The command name (field 2) is in parentheses and may hold
     * spaces or parentheses itself, so fields are counted from the last {@code )}.
     */
    static double cpuSeconds(String stat, long ticksPerSecond) {
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            throw new IllegalArgumentException("not a /proc/PID/stat line: " + stat);
        }
        // after ") ": field 3 (state) is index 0, so utime (14) is index 11 and stime (15) index 12
        String[] f = stat.substring(close + 2).trim().split("\\s+");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / (double) ticksPerSecond;
    }

    /** The value of a {@code NAME:   1234 kB} line of {@code /proc/PID/status}, in whole MB. */
    static long memoryMb(String status, String field) {
        return Long.parseLong(field(status, field).split("\\s+")[0]) / 1024;
    }

    static String field(String status, String field) {
        for (String line : status.split("\n")) {
            if (line.startsWith(field + ":")) {
                return line.substring(field.length() + 1).trim();
            }
        }
        throw new IllegalArgumentException("no " + field + " in /proc/PID/status");
    }

    private static long clockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK")
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            return p.waitFor() == 0 ? Long.parseLong(out) : 100;
        } catch (IOException | NumberFormatException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
