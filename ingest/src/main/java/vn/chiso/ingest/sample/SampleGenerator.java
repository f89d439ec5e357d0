package vn.chiso.ingest.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Deterministic sample data: one-stop-shop dossier exports of the 63 provinces as CSV files, one per
 * province and year, at {@code <outputDir>/<provinceCode>/ho_so_<provinceCode>_<year>.csv}.
 *
 * <p>Plain Java, streaming (a day of one file in memory at a time), files written in parallel across
 * provinces. The same options give byte-identical files; the geography (unit codes, names) depends only
 * on the seed. See {@code package-info.java} for the file format.
 */
public final class SampleGenerator {

    /** The exact header line of every file (UTF-8, no BOM, followed by {@code \n}). */
    public static final String HEADER = "Mã hồ sơ,Mã đơn vị,Tên đơn vị,Cấp,Mã tỉnh,Mã huyện,Mã thủ tục,Lĩnh vực,"
            + "Kênh nộp,Ngày tiếp nhận,Ngày hẹn trả,Ngày trả kết quả,Trạng thái,Đánh giá";

    /** Pattern of all date-time fields: Vietnam local time (UTC+7), minute precision. */
    public static final String DATE_TIME_PATTERN = "dd/MM/yyyy HH:mm";

    public static final long TINY_ROWS = 60_000;
    public static final long SMALL_ROWS = 1_000_000;
    public static final long LARGE_ROWS = 10_000_000;
    public static final long DEFAULT_SEED = 42;
    public static final int DEFAULT_FIRST_YEAR = 2021;
    public static final int DEFAULT_LAST_YEAR = 2024;
    /** Earliest first year (the holiday calendar starts here). */
    public static final int MIN_YEAR = 2015;
    /** Latest last year: from 1 July 2025 there are 34 provinces and no districts. */
    public static final int MAX_YEAR = 2024;

    /**
     * What to generate.
     *
     * @param outputDir directory to write into (created if missing; existing files of the same names are replaced)
     * @param rows      exact number of dossier rows over all files (0 gives header-only files)
     * @param seed      seed of everything random: same seed and rows give byte-identical files
     * @param firstYear first year of reception (inclusive, {@value #MIN_YEAR} or later)
     * @param lastYear  last year of reception (inclusive, at most {@value #MAX_YEAR}); the export snapshot is
     *                  31/12/lastYear 17:00
     */
    public record Options(Path outputDir, long rows, long seed, int firstYear, int lastYear) {

        public Options {
            Objects.requireNonNull(outputDir, "outputDir");
            if (rows < 0) {
                throw new IllegalArgumentException("rows must be >= 0, got " + rows);
            }
            if (firstYear > lastYear) {
                throw new IllegalArgumentException("firstYear " + firstYear + " is after lastYear " + lastYear);
            }
            if (firstYear < MIN_YEAR || lastYear > MAX_YEAR) {
                throw new IllegalArgumentException("years must lie within " + MIN_YEAR + "-" + MAX_YEAR
                        + " (the 63-province map with districts ends on 30/06/2025), got " + firstYear + "-"
                        + lastYear);
            }
        }

        /** Defaults: seed 42, years 2021-2024. */
        public Options(Path outputDir, long rows) {
            this(outputDir, rows, DEFAULT_SEED, DEFAULT_FIRST_YEAR, DEFAULT_LAST_YEAR);
        }

        public Options withDir(Path dir) {
            return new Options(dir, rows, seed, firstYear, lastYear);
        }

        public Options withRows(long newRows) {
            return new Options(outputDir, newRows, seed, firstYear, lastYear);
        }

        public Options withSeed(long newSeed) {
            return new Options(outputDir, rows, newSeed, firstYear, lastYear);
        }

        public Options withYears(int first, int last) {
            return new Options(outputDir, rows, seed, first, last);
        }

        public int years() {
            return lastYear - firstYear + 1;
        }
    }

    /**
     * What was written.
     *
     * @param rows  dossier rows written (equals the rows asked for)
     * @param files number of files (63 x years)
     * @param bytes total bytes of all files
     * @param paths the files, by province (official order) then year
     */
    public record Summary(long rows, int files, long bytes, List<Path> paths) {
        public Summary {
            paths = List.copyOf(paths);
        }
    }

    /** Row count for a scale name ("tiny", "small", "large") or a number such as "2M", "500k", "1_000_000". */
    public static long rowsForScale(String scale) {
        if (scale == null || scale.isBlank()) {
            throw new IllegalArgumentException("missing scale: expected " + SCALES);
        }
        String s = scale.trim().toLowerCase(Locale.ROOT);
        switch (s) {
            case "tiny":
                return TINY_ROWS;
            case "small":
                return SMALL_ROWS;
            case "large":
                return LARGE_ROWS;
            default:
                break;
        }
        Matcher m = NUMBER.matcher(s);
        if (!m.matches()) {
            throw new IllegalArgumentException("unknown scale \"" + scale + "\": expected " + SCALES);
        }
        BigDecimal value = new BigDecimal(m.group(1).replace("_", ""));
        String suffix = m.group(2);
        if (suffix != null) {
            value = value.movePointRight(suffix.equals("k") ? 3 : 6);
        }
        if (value.signum() <= 0) {
            throw new IllegalArgumentException("scale \"" + scale + "\" must be a positive row count");
        }
        try {
            return value.stripTrailingZeros().longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("scale \"" + scale + "\" is not a whole number of rows", e);
        }
    }

    private static final String SCALES = "tiny (60000 rows), small (1000000), large (10000000) "
            + "or a row count such as 2M, 500k, 1.5M or 1_000_000";
    private static final Pattern NUMBER = Pattern.compile("(\\d[\\d_]*(?:\\.\\d+)?)\\s*([km])?");

    /** Where the file of a province and year goes. */
    public static Path fileFor(Path outputDir, String provinceCode, int year) {
        return outputDir.resolve(provinceCode).resolve("ho_so_" + provinceCode + "_" + year + ".csv");
    }

    /** The export snapshot: pending statuses are as of this local time (31/12/lastYear 17:00). */
    public static LocalDateTime snapshotTime(int lastYear) {
        return LocalDateTime.of(lastYear, 12, 31, 17, 0);
    }

    /** Generates the files; {@code progress} (may be null) gets a line at most about every second and one at the end. */
    public Summary generate(Options o, Consumer<String> progress) {
        Objects.requireNonNull(o, "options");
        Consumer<String> report = progress == null ? s -> {} : progress;
        long startNanos = System.nanoTime(); // only for progress text, never for data

        WorkCalendar cal = new WorkCalendar(o.firstYear(), o.lastYear() + 1);
        int snapshot = (cal.yearStart(o.lastYear() + 1) - 1) * WorkCalendar.MINUTES_PER_DAY + WorkCalendar.CLOSE;
        List<Atlas.ProvinceUnits> provinces = atlas(o.seed()).provinces();
        List<Task> tasks = plan(o, provinces);
        createProvinceFolders(o, provinces);

        LongAdder rowsDone = new LongAdder();
        ProvinceYearWriter writer = new ProvinceYearWriter(cal, o.seed(), snapshot, rowsDone);
        long[] bytes = writeAll(tasks, writer, rowsDone, o, report);

        long totalBytes = Arrays.stream(bytes).sum();
        List<Path> paths = tasks.stream().map(t -> t.path).toList();
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        report.accept(String.format(
                Locale.ROOT,
                "generated %s / %s rows, %d files, %s in %.1f s (%s rows/s)",
                human(rowsDone.sum()),
                human(o.rows()),
                paths.size(),
                humanBytes(totalBytes),
                seconds,
                human((long) (o.rows() / Math.max(seconds, 1e-3)))));
        return new Summary(rowsDone.sum(), paths.size(), totalBytes, paths);
    }

    /**
     * One task per province and year with exact counts: the rows over province-years by volume,
     * then each cell's rows over the three levels.
     */
    private static List<Task> plan(Options o, List<Atlas.ProvinceUnits> provinces) {
        int years = o.years();
        List<ProvinceYearWriter.Prepared> prepared = new ArrayList<>();
        double[] cellWeights = new double[provinces.size() * years];
        for (Atlas.ProvinceUnits pu : provinces) {
            ProvinceProfile profile =
                    new ProvinceProfile(o.seed(), pu.index(), pu.province().code());
            prepared.add(new ProvinceYearWriter.Prepared(pu, profile));
            for (int y = 0; y < years; y++) {
                cellWeights[pu.index() * years + y] = profile.volume(o.firstYear() + y);
            }
        }
        long[] cellRows = Allocation.largestRemainder(o.rows(), cellWeights, 3);

        List<Task> tasks = new ArrayList<>();
        for (ProvinceYearWriter.Prepared prep : prepared) {
            String code = prep.units.province().code();
            for (int y = 0; y < years; y++) {
                int cell = prep.units.index() * years + y;
                long[] levels = Allocation.largestRemainder(cellRows[cell], prep.profile.levelShares, 1);
                tasks.add(new Task(
                        cell,
                        prep,
                        o.firstYear() + y,
                        levels,
                        cellRows[cell],
                        fileFor(o.outputDir(), code, o.firstYear() + y)));
            }
        }
        return tasks;
    }

    private static void createProvinceFolders(Options o, List<Atlas.ProvinceUnits> provinces) {
        try {
            for (Atlas.ProvinceUnits pu : provinces) {
                Files.createDirectories(o.outputDir().resolve(pu.province().code()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + o.outputDir(), e);
        }
    }

    /**
     * Writes every task's file on a small pool, big files first, reporting progress about every
     * second; returns the bytes of each file by cell.
     */
    private static long[] writeAll(
            List<Task> tasks, ProvinceYearWriter writer, LongAdder rowsDone, Options o, Consumer<String> report) {
        long[] bytes = new long[tasks.size()];
        AtomicInteger filesDone = new AtomicInteger();
        List<Task> order = new ArrayList<>(tasks);
        order.sort(Comparator.comparingLong((Task t) -> -t.rows).thenComparingInt(t -> t.cell)); // big files first
        ExecutorService pool = writerPool();
        try {
            CompletionService<Task> done = new ExecutorCompletionService<>(pool);
            for (Task t : order) {
                done.submit(() -> {
                    bytes[t.cell] = writer.write(t.prep, t.year, t.levels, t.path);
                    filesDone.incrementAndGet();
                    return t;
                });
            }
            long lastReport = System.nanoTime();
            for (int finished = 0; finished < order.size(); ) {
                Future<Task> f = done.poll(250, TimeUnit.MILLISECONDS);
                if (f != null) {
                    f.get();
                    finished++;
                }
                long now = System.nanoTime();
                if (now - lastReport >= 1_000_000_000L && finished < order.size()) {
                    lastReport = now;
                    report.accept(String.format(
                            Locale.ROOT,
                            "generated %s / %s rows, %d files",
                            human(rowsDone.sum()),
                            human(o.rows()),
                            filesDone.get()));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("sample generation interrupted", e);
        } catch (ExecutionException e) {
            throw writeFailure(e);
        } finally {
            pool.shutdownNow();
        }
        return bytes;
    }

    /** Daemon threads, {@code chiso.sample.threads} of them (default: up to 4 cores). */
    private static ExecutorService writerPool() {
        int threads = Math.max(
                1,
                Integer.getInteger(
                        "chiso.sample.threads", Math.min(4, Runtime.getRuntime().availableProcessors())));
        AtomicInteger threadNo = new AtomicInteger();
        return Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "chiso-sample-" + threadNo.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** A writer's failure as thrown by the generator: I/O unchecked, runtime errors as they are. */
    private static RuntimeException writeFailure(ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof IOException io) {
            return new UncheckedIOException(io);
        }
        if (cause instanceof RuntimeException re) {
            return re;
        }
        return new IllegalStateException(cause);
    }

    /** The last geography built: it depends only on the seed, and runs in a row usually share it. */
    private static Atlas lastAtlas;

    private static long lastAtlasSeed;

    private static synchronized Atlas atlas(long seed) {
        if (lastAtlas == null || lastAtlasSeed != seed) {
            lastAtlas = Atlas.build(seed);
            lastAtlasSeed = seed;
        }
        return lastAtlas;
    }

    private record Task(int cell, ProvinceYearWriter.Prepared prep, int year, long[] levels, long rows, Path path) {}

    static void moveIntoPlace(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** 950, 60k, 1.2M, 10M. */
    static String human(long n) {
        if (n >= 1_000_000) {
            return trim(n / 1e6) + "M";
        }
        if (n >= 1_000) {
            return trim(n / 1e3) + "k";
        }
        return Long.toString(n);
    }

    private static String humanBytes(long b) {
        if (b >= 1L << 30) {
            return String.format(Locale.ROOT, "%.2f GB", b / (double) (1L << 30));
        }
        return String.format(Locale.ROOT, "%.1f MB", b / (double) (1L << 20));
    }

    private static String trim(double v) {
        String s = String.format(Locale.ROOT, "%.1f", Math.floor(v * 10) / 10);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }
}
