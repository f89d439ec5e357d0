package vn.chiso.contract.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/** One local Spark session per test JVM, configured like the jobs' (Delta, time zone, ANSI). */
public final class TestSpark {

    private static SparkSession session;

    private TestSpark() {}

    public static synchronized SparkSession session() {
        if (session == null) {
            System.setProperty("spark.master", "local[2]");
            session = LakeSpark.session("chiso-test");
            session.conf().set("spark.sql.shuffle.partitions", "4");
            session.sparkContext().setLogLevel("ERROR");
            Runtime.getRuntime().addShutdownHook(new Thread(session::stop));
        }
        return session;
    }

    /** A fresh lake root in a temp directory. */
    public static String newLake(Path tempDir, String name) {
        try {
            return Files.createDirectories(tempDir.resolve(name))
                    .toAbsolutePath()
                    .toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
