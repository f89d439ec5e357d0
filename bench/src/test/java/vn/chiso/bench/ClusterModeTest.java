package vn.chiso.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.chiso.contract.LakeTable;
import vn.chiso.contract.SparkDefaults;
import vn.chiso.contract.spark.LakeSpark;
import vn.chiso.ingest.sample.SampleGenerator;

/**
 * The same jobs on a real Spark standalone cluster: a master and two workers (one core, 1 GB
 * each) on 127.0.0.1, started from the project's own Spark dependencies, the application's jars
 * shipped to the executors through {@code spark.jars} as spark-submit would. Ingest and transform
 * run unchanged with {@code spark.master=spark://127.0.0.1:PORT} (client mode: the driver is the
 * job's JVM, tasks run in the executors the workers start), and every gold table must be identical
 * to the one the embedded ({@code local[*]}) run of the same input produces.
 *
 * <p>The executors get no JVM options from us: no {@code -Duser.timezone}, unlike the launcher's
 * driver, so task code that leans on the JVM's time zone would show here as different numbers.
 * Inputs and lakes are on the local disk, which all executors see on this one machine; on a real
 * cluster both must be on shared storage (HDFS, s3a://, abfs://) — see the README.
 */
@Tag("integration") // a standalone Spark cluster and spark-submit
class ClusterModeTest {

    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final Path JVM_OPTIONS = MODULE.getParent().resolve("conf/spark-jvm.options");
    private static final String JAVA =
            Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @Test
    void goldTablesOnAStandaloneClusterAreIdenticalToEmbedded(@TempDir Path tmp) throws Exception {
        Path in = tmp.resolve("exports");
        new SampleGenerator().generate(new SampleGenerator.Options(in, 12_000), null);

        List<Path> appJars = new ArrayList<>();
        List<Path> libraries = new ArrayList<>();
        for (String entry : Files.readString(MODULE.resolve("target/runtime.classpath"))
                .strip()
                .split(":")) {
            Path p = Path.of(entry);
            if (p.getFileName().toString().startsWith("chiso-") || Files.isDirectory(p)) {
                // a copy (or a jar of a class folder): a rebuild while the test runs cannot change it
                Path jar = tmp.resolve(
                        "app-" + appJars.size() + "-" + p.getFileName() + (Files.isDirectory(p) ? ".jar" : ""));
                appJars.add(Files.isDirectory(p) ? jarOf(p, jar) : Files.copy(p, jar));
            } else {
                libraries.add(p);
            }
        }
        // A Spark "installation" made of the project's own dependency jars: what the workers put on
        // their executors' class path (SPARK_HOME/jars/*); the application comes through spark.jars.
        Path sparkHome = tmp.resolve("spark-home");
        Files.createDirectories(sparkHome.resolve("jars"));
        for (Path lib : libraries) {
            Path link = sparkHome.resolve("jars").resolve(lib.getFileName());
            if (!Files.exists(link)) {
                Files.createSymbolicLink(link, lib);
            }
        }
        String libraryPath =
                String.join(":", libraries.stream().map(Path::toString).toList());
        String allPath = String.join(
                ":",
                Stream.concat(appJars.stream(), libraries.stream())
                        .map(Path::toString)
                        .toList());

        int masterPort = freePort();
        int masterUi = freePort();
        String master = "spark://127.0.0.1:" + masterPort;
        List<Process> daemons = new ArrayList<>();
        try {
            daemons.add(daemon(
                    tmp,
                    "master",
                    sparkHome,
                    List.of(
                            JAVA,
                            "-Xmx256m",
                            "-cp",
                            libraryPath,
                            "org.apache.spark.deploy.master.Master",
                            "--host",
                            "127.0.0.1",
                            "--port",
                            "" + masterPort,
                            "--webui-port",
                            "" + masterUi)));
            for (int w = 1; w <= 2; w++) {
                Path work = Files.createDirectories(tmp.resolve("worker-" + w));
                daemons.add(daemon(
                        tmp,
                        "worker-" + w,
                        sparkHome,
                        List.of(
                                JAVA,
                                "-Xmx256m",
                                "-cp",
                                libraryPath,
                                "org.apache.spark.deploy.worker.Worker",
                                "--host",
                                "127.0.0.1",
                                "--port",
                                "0",
                                "--webui-port",
                                "" + freePort(),
                                "--cores",
                                "1",
                                "--memory",
                                "1g",
                                "--work-dir",
                                work.toString(),
                                master)));
            }
            awaitWorkers(masterUi, 2, daemons);

            String localLake = tmp.resolve("lake-local").toString();
            String clusterLake = tmp.resolve("lake-cluster").toString();
            List<String> clusterConf = List.of(
                    "-Dspark.master=" + master,
                    "-Dspark.jars="
                            + String.join(
                                    ",", appJars.stream().map(Path::toString).toList()),
                    "-Dspark.driver.host=127.0.0.1",
                    "-Dspark.driver.bindAddress=127.0.0.1",
                    "-Dspark.executor.memory=640m",
                    "-Dspark.executor.cores=1",
                    "-Dspark.cores.max=2");
            for (String lake : List.of(localLake, clusterLake)) {
                List<String> conf = lake.equals(clusterLake) ? clusterConf : List.of();
                job(
                        tmp,
                        "ingest " + (conf.isEmpty() ? "local" : "cluster"),
                        allPath,
                        conf,
                        "vn.chiso.ingest.IngestMain",
                        "ingest",
                        "--lake",
                        lake,
                        in.toString());
                job(
                        tmp,
                        "transform " + (conf.isEmpty() ? "local" : "cluster"),
                        allPath,
                        conf,
                        "vn.chiso.transforms.TransformMain",
                        "transform",
                        "--lake",
                        lake);
            }

            String apps = http("http://127.0.0.1:" + masterUi + "/json/");
            assertTrue(
                    apps.contains("chiso-ingest") && apps.contains("chiso-transform"),
                    "the master ran both applications: " + apps);
            try (Stream<Path> files = Files.walk(tmp.resolve("worker-1"))) {
                assertTrue(
                        files.anyMatch(p -> p.getFileName().toString().equals("stderr")), "worker 1 started executors");
            }
            try (Stream<Path> files = Files.walk(tmp.resolve("worker-2"))) {
                assertTrue(
                        files.anyMatch(p -> p.getFileName().toString().equals("stderr")), "worker 2 started executors");
            }
            assertSameGold(localLake, clusterLake);
        } finally {
            daemons.forEach(Process::destroy);
            for (Process p : daemons) {
                if (!p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        }
    }

    /** Every gold table of the embedded run, row for row (as JSON text: exact decimals), in the cluster run. */
    private static void assertSameGold(String localLake, String clusterLake) {
        SparkConf conf = new SparkConf(false).setMaster("local[1]").setAppName("compare");
        SparkDefaults.conf().forEach(conf::set);
        SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
        try {
            int compared = 0;
            for (LakeTable table : LakeTable.values()) {
                if (!table.layer().equals("gold") || !LakeSpark.exists(spark, localLake, table)) {
                    continue;
                }
                assertTrue(LakeSpark.exists(spark, clusterLake, table), table + " missing in the cluster run");
                Dataset<Row> a = asJson(LakeSpark.read(spark, localLake, table));
                Dataset<Row> b = asJson(LakeSpark.read(spark, clusterLake, table));
                long rows = a.count();
                assertTrue(rows > 0, table + " is empty");
                assertEquals(rows, b.count(), table + ": row count");
                assertEquals(0, a.exceptAll(b).count(), table + ": rows of the embedded run missing on the cluster");
                assertEquals(0, b.exceptAll(a).count(), table + ": rows of the cluster run missing embedded");
                compared++;
            }
            assertTrue(compared >= 2, "at least gold unit_kpis and rankings compared");
        } finally {
            spark.stop();
        }
    }

    private static Dataset<Row> asJson(Dataset<Row> frame) {
        return frame.select(to_json(struct(col("*"))).as("row"));
    }

    private static void job(Path tmp, String name, String classpath, List<String> conf, String main, String... args)
            throws Exception {
        List<String> cmd = new ArrayList<>(List.of(JAVA, "@" + JVM_OPTIONS, "-Xmx1g"));
        cmd.addAll(conf);
        cmd.addAll(List.of("-cp", classpath, main));
        cmd.addAll(List.of(args));
        Path log = tmp.resolve(name.replace(' ', '-') + ".log");
        Process p = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        boolean done = p.waitFor(15, java.util.concurrent.TimeUnit.MINUTES);
        if (!done) {
            p.destroyForcibly();
        }
        String out = Files.readString(log);
        Files.copy(
                log,
                MODULE.resolve("target").resolve("cluster-test-" + log.getFileName()),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertTrue(done && p.exitValue() == 0, name + " failed:\n" + tail(out));
        System.out.println("[cluster-test] " + name + ": " + lastLine(out));
    }

    private static Process daemon(Path tmp, String name, Path sparkHome, List<String> cmd) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(tmp.resolve(name + ".log").toFile());
        Map<String, String> env = pb.environment();
        env.put("SPARK_HOME", sparkHome.toString());
        env.put("SPARK_SCALA_VERSION", "2.13");
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        env.remove("SPARK_CONF_DIR");
        return pb.start();
    }

    private static void awaitWorkers(int masterUi, int workers, List<Process> daemons) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            for (Process p : daemons) {
                assertTrue(p.isAlive(), "a cluster daemon exited early");
            }
            try {
                last = http("http://127.0.0.1:" + masterUi + "/json/");
                if (last.replace(" ", "").contains("\"aliveworkers\":" + workers)) {
                    return;
                }
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(500);
        }
        assertFalse(true, "workers did not register with the master: " + last);
    }

    private static String http(String url) throws IOException, InterruptedException {
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        return client.send(
                        HttpRequest.newBuilder(URI.create(url))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** A class folder (a module not packaged yet, e.g. under an IDE) as a jar for spark.jars. */
    private static Path jarOf(Path dir, Path jar) throws IOException {
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream j = new JarOutputStream(out);
                Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                j.putNextEntry(new JarEntry(dir.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, j);
                j.closeEntry();
            }
        }
        return jar;
    }

    private static String tail(String s) {
        return s.length() > 6000 ? s.substring(s.length() - 6000) : s;
    }

    private static String lastLine(String s) {
        String[] lines = s.strip().split("\n");
        return lines[lines.length - 1];
    }
}
