import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small closed-loop HTTP/1.1 load generator for ./chiso bench api (no dependencies: run with
 * {@code java ApiLoad.java}). Each of C connections is one thread on one keep-alive socket sending
 * GETs back to back, round-robin over the URLs; after a warm-up it records every latency for the
 * measured duration and prints throughput and percentiles per URL group and overall, then one line
 * {@code summary req_s=… p50_ms=… p99_ms=… attack_req_s=…} for scripts.
 *
 * <p>Usage: java ApiLoad.java CONNECTIONS WARMUP_S DURATION_S [--header=H] [--attackers=N
 * --attack-header=H …] NAME=URL [NAME=URL …] (URLs on one host). {@code --header}: a header line every
 * measured request carries (a reviewer's {@code Authorization: Bearer …}); {@code --attackers}: N more
 * connections sending the same URLs with the {@code --attack-header} lines in turn (wrong credentials),
 * counted but not measured: what they cost the measured requests is the point.
 */
public class ApiLoad {

    record Target(String name, String host, int port, byte[] request) {
    }

    public static void main(String[] args) throws Exception {
        int connections = Integer.parseInt(args[0]);
        double warmup = Double.parseDouble(args[1]);
        double duration = Double.parseDouble(args[2]);
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
            } else {
                urls.add(a);
            }
        }
        List<Target> targets = targets(urls, headers);
        List<Target> attacks = new ArrayList<>();
        for (String h : attackHeaders) {
            attacks.addAll(targets(urls, List.of(h)));
        }
        long start = System.nanoTime();
        long measureFrom = start + (long) (warmup * 1e9);
        long end = measureFrom + (long) (duration * 1e9);
        List<String> names = targets.stream().map(Target::name).distinct().toList();
        long[][][] latencies = new long[connections][][];
        int[][] counts = new int[connections][names.size()];
        AtomicLong errors = new AtomicLong();
        AtomicLong non200 = new AtomicLong();
        CountDownLatch done = new CountDownLatch(connections);
        for (int c = 0; c < connections; c++) {
            int id = c;
            latencies[c] = new long[names.size()][1 << 16];
            Thread t = new Thread(() -> {
                try {
                    run(id, targets, names, measureFrom, end, latencies[id], counts[id], errors, non200);
                } finally {
                    done.countDown();
                }
            });
            t.setDaemon(true);
            t.start();
        }
        AtomicLong attackAnswers = new AtomicLong();
        java.util.Map<Integer, AtomicLong> attackStatuses = new java.util.concurrent.ConcurrentSkipListMap<>();
        for (int c = 0; c < (attacks.isEmpty() ? 0 : attackers); c++) {
            int id = c;
            Thread t = new Thread(() -> attack(id, attacks, measureFrom, end, attackAnswers, attackStatuses));
            t.setDaemon(true);
            t.start();
        }
        done.await();
        System.out.printf("connections %d, warm-up %.0f s, measured %.0f s%s%n", connections, warmup, duration,
                headers.isEmpty() ? "" : ", every request with " + headers.stream()
                        .map(h -> h.substring(0, Math.min(h.length(), 24)) + "…").toList());
        long total = 0;
        List<Long> all = new ArrayList<>();
        for (int n = 0; n < names.size(); n++) {
            List<Long> lat = new ArrayList<>();
            for (int c = 0; c < connections; c++) {
                for (int i = 0; i < counts[c][n]; i++) {
                    lat.add(latencies[c][n][i]);
                }
            }
            total += lat.size();
            all.addAll(lat);
            report(names.get(n), lat, duration);
        }
        report("all", all, duration);
        if (attackers > 0) {
            System.out.printf("attackers  %8.0f req/s on %d more connections (wrong credentials), answers %s%n",
                    attackAnswers.get() / duration, attackers, attackStatuses);
        }
        long[] sorted = all.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf(java.util.Locale.ROOT, "summary req_s=%.1f p50_ms=%.2f p99_ms=%.2f attack_req_s=%.1f%n",
                sorted.length / duration, sorted.length == 0 ? 0 : pct(sorted, 50),
                sorted.length == 0 ? 0 : pct(sorted, 99), attackAnswers.get() / duration);
        System.out.printf("errors %d, non-200 %d%n", errors.get(), non200.get());
        if (total == 0 || errors.get() > 0 || non200.get() > 0) {
            System.exit(1);
        }
    }

    private static List<Target> targets(List<String> urls, List<String> headers) {
        List<Target> targets = new ArrayList<>();
        for (String a : urls) {
            String name = a.substring(0, a.indexOf('='));
            URI uri = URI.create(a.substring(a.indexOf('=') + 1));
            String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            StringBuilder req = new StringBuilder("GET ").append(path).append(" HTTP/1.1\r\nHost: ")
                    .append(uri.getHost()).append(':').append(uri.getPort()).append("\r\nAccept: */*\r\n");
            headers.forEach(h -> req.append(h).append("\r\n"));
            targets.add(new Target(name, uri.getHost(), uri.getPort(),
                    req.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII)));
        }
        return targets;
    }

    /** One attacking connection: requests back to back, answers counted by status, nothing timed. */
    private static void attack(int id, List<Target> targets, long measureFrom, long end, AtomicLong answers,
                               java.util.Map<Integer, AtomicLong> statuses) {
        Socket socket = null;
        InputStream in = null;
        int next = id % targets.size();
        byte[] buffer = new byte[1 << 16];
        while (System.nanoTime() < end) {
            Target t = targets.get(next);
            next = (next + 1) % targets.size();
            try {
                if (socket == null) {
                    socket = new Socket();
                    socket.setTcpNoDelay(true);
                    socket.connect(new InetSocketAddress(t.host(), t.port()), 5000);
                    socket.setSoTimeout(10000);
                    in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
                }
                socket.getOutputStream().write(t.request());
                int status = readResponse(in, buffer);
                long now = System.nanoTime();
                if (now >= measureFrom && now <= end) {
                    answers.incrementAndGet();
                    statuses.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
                }
            } catch (IOException e) {
                try {
                    if (socket != null) {
                        socket.close();
                    }
                } catch (IOException ignored) {
                }
                socket = null;
            }
        }
        try {
            if (socket != null) {
                socket.close();
            }
        } catch (IOException ignored) {
        }
    }

    private static void report(String name, List<Long> lat, double seconds) {
        long[] a = lat.stream().mapToLong(Long::longValue).sorted().toArray();
        if (a.length == 0) {
            System.out.printf("%-10s no requests%n", name);
            return;
        }
        System.out.printf("%-10s %8.0f req/s   p50 %6.2f ms   p90 %6.2f ms   p99 %6.2f ms   max %7.2f ms   (%d requests)%n",
                name, a.length / seconds, pct(a, 50), pct(a, 90), pct(a, 99), a[a.length - 1] / 1e6, a.length);
    }

    private static double pct(long[] sorted, double p) {
        int i = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }

    private static void run(int id, List<Target> targets, List<String> names, long measureFrom, long end,
                            long[][] latencies, int[] counts, AtomicLong errors, AtomicLong non200) {
        Socket socket = null;
        InputStream in = null;
        int next = id % targets.size();
        byte[] buffer = new byte[1 << 16];
        while (System.nanoTime() < end) {
            Target t = targets.get(next);
            next = (next + 1) % targets.size();
            try {
                if (socket == null) {
                    socket = new Socket();
                    socket.setTcpNoDelay(true);
                    socket.connect(new InetSocketAddress(t.host(), t.port()), 5000);
                    socket.setSoTimeout(10000);
                    in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
                }
                long sent = System.nanoTime();
                OutputStream out = socket.getOutputStream();
                out.write(t.request());
                out.flush();
                int status = readResponse(in, buffer);
                long took = System.nanoTime() - sent;
                if (status != 200) {
                    non200.incrementAndGet();
                }
                if (sent >= measureFrom && System.nanoTime() <= end) {
                    int n = names.indexOf(t.name());
                    if (counts[n] == latencies[n].length) {
                        latencies[n] = Arrays.copyOf(latencies[n], counts[n] * 2);
                    }
                    latencies[n][counts[n]++] = took;
                }
            } catch (IOException e) {
                errors.incrementAndGet();
                try {
                    if (socket != null) {
                        socket.close();
                    }
                } catch (IOException ignored) {
                }
                socket = null;
            }
        }
        try {
            if (socket != null) {
                socket.close();
            }
        } catch (IOException ignored) {
        }
    }

    /** Reads one response (Content-Length or chunked body) and returns its status. */
    private static int readResponse(InputStream in, byte[] buffer) throws IOException {
        String statusLine = line(in);
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        long length = -1;
        boolean chunked = false;
        for (String h = line(in); !h.isEmpty(); h = line(in)) {
            String lower = h.toLowerCase();
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(h.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        if (chunked) {
            for (long size = Long.parseLong(line(in).trim(), 16); size > 0; size = Long.parseLong(line(in).trim(), 16)) {
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
        while (n > 0) {
            int r = in.read(buffer, 0, (int) Math.min(buffer.length, n));
            if (r < 0) {
                throw new IOException("connection closed");
            }
            n -= r;
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
