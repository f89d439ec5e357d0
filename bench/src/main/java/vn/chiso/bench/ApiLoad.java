package vn.chiso.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small closed-loop HTTP/1.1 load generator for {@code ./chiso bench api} ({@link ApiBench} runs it in
 * its own JVM). Each of C connections is one thread on one keep-alive socket sending GETs back to back,
 * round-robin over the URLs; after a warm-up it records every latency for the measured duration and
 * prints throughput and percentiles per URL group and overall, then one line
 * {@code summary req_s=… p50_ms=… p99_ms=… attack_req_s=…} for scripts ({@link LoadSummary}).
 *
 * <p>Usage: ApiLoad CONNECTIONS WARMUP_S DURATION_S [--header=H] [--attackers=N --attack-header=H …]
 * NAME=URL [NAME=URL …] (URLs on one host). {@code --header}: a header line every measured request carries
 * (a reviewer's {@code Authorization: Bearer …}); {@code --attackers}: N more connections sending the same
 * URLs with the {@code --attack-header} lines in turn (wrong credentials), counted but not measured: what
 * they cost the measured requests is the point.
 */
public final class ApiLoad {

    record Target(String name, String host, int port, byte[] request) {}

    /** The command line: connections, seconds, header lines and NAME=URL arguments. */
    record Options(
            int connections,
            double warmup,
            double duration,
            List<String> urls,
            List<String> headers,
            List<String> attackHeaders,
            int attackers) {

        static Options parse(String[] args) {
            if (args.length < 4) {
                throw new IllegalArgumentException(
                        "usage: ApiLoad CONNECTIONS WARMUP_S DURATION_S [--header=H] [--attackers=N] "
                                + "[--attack-header=H] NAME=URL…");
            }
            List<String> urls = new ArrayList<>();
            List<String> headers = new ArrayList<>();
            List<String> attackHeaders = new ArrayList<>();
            int attackers = 0;
            for (String a : Arrays.copyOfRange(args, 3, args.length)) {
                if (a.startsWith("--header=")) {
                    headers.add(a.substring(9));
                } else if (a.startsWith("--attack-header=")) {
                    attackHeaders.add(a.substring(16));
                } else if (a.startsWith("--attackers=")) {
                    attackers = Integer.parseInt(a.substring(12));
                } else if (a.indexOf('=') > 0) {
                    urls.add(a);
                } else {
                    throw new IllegalArgumentException("not NAME=URL: " + a);
                }
            }
            return new Options(
                    Integer.parseInt(args[0]),
                    Double.parseDouble(args[1]),
                    Double.parseDouble(args[2]),
                    urls,
                    headers,
                    attackHeaders,
                    attackers);
        }
    }

    /** What the measured connections saw, per connection and URL group. */
    private record Measured(
            List<String> names, long[][][] latencies, int[][] counts, AtomicLong errors, AtomicLong non200) {}

    private ApiLoad() {}

    public static void main(String[] args) throws InterruptedException {
        System.exit(run(Options.parse(args), System.out));
    }

    /** Runs the load and prints its report; answers 1 when nothing was measured or a request failed. */
    static int run(Options options, PrintStream out) throws InterruptedException {
        List<Target> targets = targets(options.urls(), options.headers());
        List<Target> attacks = new ArrayList<>();
        for (String h : options.attackHeaders()) {
            attacks.addAll(targets(options.urls(), List.of(h)));
        }
        long measureFrom = System.nanoTime() + (long) (options.warmup() * 1e9);
        long end = measureFrom + (long) (options.duration() * 1e9);
        AtomicLong attackAnswers = new AtomicLong();
        Map<Integer, AtomicLong> attackStatuses = new ConcurrentSkipListMap<>();
        for (int c = 0; c < (attacks.isEmpty() ? 0 : options.attackers()); c++) {
            int id = c;
            daemon(() -> attack(id, attacks, measureFrom, end, attackAnswers, attackStatuses));
        }
        Measured measured = measure(options.connections(), targets, measureFrom, end);
        return report(options, measured, attackAnswers, attackStatuses, out);
    }

    private static Measured measure(int connections, List<Target> targets, long measureFrom, long end)
            throws InterruptedException {
        List<String> names = targets.stream().map(Target::name).distinct().toList();
        Measured m = new Measured(
                names,
                new long[connections][][],
                new int[connections][names.size()],
                new AtomicLong(),
                new AtomicLong());
        CountDownLatch done = new CountDownLatch(connections);
        for (int c = 0; c < connections; c++) {
            int id = c;
            m.latencies()[c] = new long[names.size()][1 << 16];
            daemon(() -> {
                try {
                    run(id, targets, m, measureFrom, end);
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
        return m;
    }

    private static int report(
            Options options,
            Measured m,
            AtomicLong attackAnswers,
            Map<Integer, AtomicLong> attackStatuses,
            PrintStream out) {
        double duration = options.duration();
        out.printf(
                "connections %d, warm-up %.0f s, measured %.0f s%s%n",
                options.connections(),
                options.warmup(),
                duration,
                options.headers().isEmpty()
                        ? ""
                        : ", every request with "
                                + options.headers().stream()
                                        .map(h -> h.substring(0, Math.min(h.length(), 24)) + "…")
                                        .toList());
        List<Long> all = new ArrayList<>();
        for (int n = 0; n < m.names().size(); n++) {
            List<Long> lat = new ArrayList<>();
            for (int c = 0; c < options.connections(); c++) {
                for (int i = 0; i < m.counts()[c][n]; i++) {
                    lat.add(m.latencies()[c][n][i]);
                }
            }
            all.addAll(lat);
            reportGroup(m.names().get(n), lat, duration, out);
        }
        reportGroup("all", all, duration, out);
        if (options.attackers() > 0) {
            out.printf(
                    "attackers  %8.0f req/s on %d more connections (wrong credentials), answers %s%n",
                    attackAnswers.get() / duration, options.attackers(), attackStatuses);
        }
        long[] sorted = all.stream().mapToLong(Long::longValue).sorted().toArray();
        out.printf(
                Locale.ROOT,
                "summary req_s=%.1f p50_ms=%.2f p99_ms=%.2f attack_req_s=%.1f%n",
                sorted.length / duration,
                sorted.length == 0 ? 0 : pct(sorted, 50),
                sorted.length == 0 ? 0 : pct(sorted, 99),
                attackAnswers.get() / duration);
        out.printf("errors %d, non-200 %d%n", m.errors().get(), m.non200().get());
        return all.isEmpty() || m.errors().get() > 0 || m.non200().get() > 0 ? 1 : 0;
    }

    private static void daemon(Runnable body) {
        Thread t = new Thread(body);
        t.setDaemon(true);
        t.start();
    }

    static List<Target> targets(List<String> urls, List<String> headers) {
        List<Target> targets = new ArrayList<>();
        for (String a : urls) {
            String name = a.substring(0, a.indexOf('='));
            URI uri = URI.create(a.substring(a.indexOf('=') + 1));
            String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            StringBuilder req = new StringBuilder("GET ")
                    .append(path)
                    .append(" HTTP/1.1\r\nHost: ")
                    .append(uri.getHost())
                    .append(':')
                    .append(uri.getPort())
                    .append("\r\nAccept: */*\r\n");
            headers.forEach(h -> req.append(h).append("\r\n"));
            targets.add(new Target(
                    name,
                    uri.getHost(),
                    uri.getPort(),
                    req.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII)));
        }
        return targets;
    }

    /** One attacking connection: requests back to back, answers counted by status, nothing timed. */
    private static void attack(
            int id,
            List<Target> targets,
            long measureFrom,
            long end,
            AtomicLong answers,
            Map<Integer, AtomicLong> statuses) {
        Connection connection = new Connection();
        int next = id % targets.size();
        while (System.nanoTime() < end) {
            Target t = targets.get(next);
            next = (next + 1) % targets.size();
            try {
                int status = connection.exchange(t);
                long now = System.nanoTime();
                if (now >= measureFrom && now <= end) {
                    answers.incrementAndGet();
                    statuses.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
                }
            } catch (IOException e) {
                connection.close();
            }
        }
        connection.close();
    }

    private static void reportGroup(String name, List<Long> lat, double seconds, PrintStream out) {
        long[] a = lat.stream().mapToLong(Long::longValue).sorted().toArray();
        if (a.length == 0) {
            out.printf("%-10s no requests%n", name);
            return;
        }
        out.printf(
                "%-10s %8.0f req/s   p50 %6.2f ms   p90 %6.2f ms   p99 %6.2f ms   max %7.2f ms   (%d requests)%n",
                name, a.length / seconds, pct(a, 50), pct(a, 90), pct(a, 99), a[a.length - 1] / 1e6, a.length);
    }

    /** The p-th percentile in milliseconds of sorted nanosecond latencies (nearest rank). */
    static double pct(long[] sorted, double p) {
        int i = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }

    /** One measured connection: every latency from the warm-up's end to the end is kept. */
    private static void run(int id, List<Target> targets, Measured m, long measureFrom, long end) {
        Connection connection = new Connection();
        long[][] latencies = m.latencies()[id];
        int[] counts = m.counts()[id];
        int next = id % targets.size();
        while (System.nanoTime() < end) {
            Target t = targets.get(next);
            next = (next + 1) % targets.size();
            try {
                connection.open(t);
                long sent = System.nanoTime();
                int status = connection.exchange(t);
                long took = System.nanoTime() - sent;
                if (status != 200) {
                    m.non200().incrementAndGet();
                }
                if (sent >= measureFrom && System.nanoTime() <= end) {
                    int n = m.names().indexOf(t.name());
                    if (counts[n] == latencies[n].length) {
                        latencies[n] = Arrays.copyOf(latencies[n], counts[n] * 2);
                    }
                    latencies[n][counts[n]++] = took;
                }
            } catch (IOException e) {
                m.errors().incrementAndGet();
                connection.close();
            }
        }
        connection.close();
    }

    /** A keep-alive socket, opened on first use and again after a failure. */
    private static final class Connection {
        private final byte[] buffer = new byte[1 << 16];
        private Socket socket;
        private InputStream in;

        int exchange(Target t) throws IOException {
            open(t);
            OutputStream out = socket.getOutputStream();
            out.write(t.request());
            out.flush();
            return readResponse(in, buffer);
        }

        void open(Target t) throws IOException {
            if (socket == null) {
                socket = new Socket();
                socket.setTcpNoDelay(true);
                socket.connect(new InetSocketAddress(t.host(), t.port()), 5000);
                socket.setSoTimeout(10000);
                in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
            }
        }

        void close() {
            try {
                if (socket != null) {
                    socket.close();
                }
            } catch (IOException ignored) {
                // the connection is dropped either way
            }
            socket = null;
        }
    }

    /** Reads one response (Content-Length or chunked body) and returns its status. */
    private static int readResponse(InputStream in, byte[] buffer) throws IOException {
        String statusLine = line(in);
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        long length = -1;
        boolean chunked = false;
        for (String h = line(in); !h.isEmpty(); h = line(in)) {
            String lower = h.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(h.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        if (chunked) {
            for (long size = Long.parseLong(line(in).trim(), 16);
                    size > 0;
                    size = Long.parseLong(line(in).trim(), 16)) {
                skip(in, size, buffer);
                line(in);
            }
            line(in);
        } else if (length > 0) {
            skip(in, length, buffer);
        }
        return status;
    }

    private static void skip(InputStream in, long n, byte[] buffer) throws IOException {
        long left = n;
        while (left > 0) {
            int r = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (r < 0) {
                throw new IOException("connection closed");
            }
            left -= r;
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed");
            }
            if (c != '\r') {
                b.append((char) c);
            }
        }
        return b.toString();
    }
}
