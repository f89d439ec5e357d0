package vn.chiso.transforms.build;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.Snapshot;
import vn.chiso.contract.LakeTable;
import vn.chiso.contract.spark.LakeSpark;

/**
 * What each piece of gold was built from, kept on the gold table that holds it: a table property per
 * piece (e.g. {@code chiso.built_from.index.pci} on gold/rankings) naming the Delta versions of the
 * tables the piece read, a hash of its methodologies and of the transform's code. A piece whose
 * inputs are all as recorded is kept, not recomputed. Reading a record is one Delta log read (no
 * Spark job). The record is committed after the piece's data, so a crash between the two leaves a
 * record that no longer matches, which only makes the next run recompute.
 */
public final class GoldBuilds {

    /** Incremental: keep what is current; full: recompute everything, then record; off: neither. */
    public enum Mode {
        INCREMENTAL,
        FULL,
        OFF
    }

    static final String PROPERTY_PREFIX = "chiso.built_from.";
    private static final String OUTCOME_SEPARATOR = " => ";

    private final SparkSession spark;
    private final String lake;
    private final Mode mode;

    public GoldBuilds(SparkSession spark, String lake, Mode mode) {
        this.spark = spark;
        this.lake = lake;
        this.mode = mode;
    }

    /** A record that is never read nor written: every piece is computed (callers that pass their own frames). */
    public static GoldBuilds off(SparkSession spark, String lake) {
        return new GoldBuilds(spark, lake, Mode.OFF);
    }

    /** One piece of gold: the table holding its record, its name, and what it is built from now. */
    public record Piece(LakeTable holder, String name, String inputs) {

        String property() {
            return PROPERTY_PREFIX + name;
        }
    }

    /** A piece kept as recorded: the holder's version and what the record adds (e.g. an index's counts). */
    public record Kept(Piece piece, long version, String outcome) {

        public String message() {
            return "gold " + piece.name() + ": inputs unchanged at versions " + piece.inputs() + ", kept version "
                    + version + " of " + piece.holder().relativePath();
        }
    }

    /**
     * The piece {@code name} held on {@code holder}, built from {@code tables} at their current
     * versions and from {@code hashes} (e.g. {@code methodology} → a hash of the files).
     */
    public Piece piece(LakeTable holder, String name, List<LakeTable> tables, Map<String, String> hashes) {
        List<String> parts = new ArrayList<>();
        for (LakeTable t : tables) {
            TableState state = state(t);
            parts.add(t.relativePath() + "@" + state.version() + state.identity());
        }
        hashes.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> parts.add(e.getKey() + "=" + e.getValue()));
        parts.add("code=" + Code.HASH);
        return new Piece(holder, name, String.join(", ", parts));
    }

    /** The piece as recorded, when this run may keep it and its inputs are those recorded. */
    public Optional<Kept> kept(Piece piece) {
        if (mode != Mode.INCREMENTAL) {
            return Optional.empty();
        }
        TableState state = state(piece.holder());
        String value = state.properties().get(piece.property());
        if (value == null || !value.startsWith(piece.inputs() + OUTCOME_SEPARATOR)) {
            return Optional.empty();
        }
        return Optional.of(new Kept(
                piece, state.version(), value.substring(piece.inputs().length() + OUTCOME_SEPARATOR.length())));
    }

    /** Records that the piece was just written from its inputs ({@code outcome}: what the run reports of it). */
    public void record(Piece piece, String outcome) {
        if (mode == Mode.OFF || !LakeSpark.exists(spark, lake, piece.holder())) {
            return;
        }
        String value = (piece.inputs() + OUTCOME_SEPARATOR + outcome).replace("'", "\\'");
        spark.sql("ALTER TABLE delta.`" + piece.holder().location(lake) + "` SET TBLPROPERTIES ('" + piece.property()
                + "' = '" + value + "')");
    }

    /**
     * A table's version, properties and id (Delta's, new when a table is created again, so a table
     * dropped and rewritten to the same version number does not pass for the old one); version -1
     * when it does not exist.
     */
    private record TableState(long version, Map<String, String> properties, String id) {

        String identity() {
            return id.isEmpty() ? "" : "#" + id.substring(0, Math.min(8, id.length()));
        }
    }

    /** Read from the Delta log each time: tables change during a run. */
    private TableState state(LakeTable table) {
        if (!LakeSpark.exists(spark, lake, table)) {
            return new TableState(-1, Map.of(), "");
        }
        Snapshot snapshot = LakeSpark.latestSnapshot(spark, lake, table);
        return new TableState(
                snapshot.version(),
                scala.jdk.javaapi.CollectionConverters.asJava(
                        snapshot.metadata().configuration()),
                snapshot.metadata().id());
    }

    /** A short content hash (SHA-256, 12 hex digits). */
    public static String hash(String text) {
        return HexFormat.of()
                .formatHex(digest().digest(text.getBytes(StandardCharsets.UTF_8)))
                .substring(0, 12);
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JVM", e);
        }
    }

    /** The transform's and the contract's code (jar or class directory): new code recomputes all gold. */
    static final class Code {
        static final String HASH =
                hashOf(GoldBuilds.class) + hashOf(LakeTable.class).substring(0, 4);

        private Code() {}

        private static String hashOf(Class<?> type) {
            try {
                Path where = Path.of(
                        type.getProtectionDomain().getCodeSource().getLocation().toURI());
                MessageDigest digest = digest();
                try (Stream<Path> files = Files.isDirectory(where) ? Files.walk(where) : Stream.of(where)) {
                    for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                        digest.update(where.relativize(f).toString().getBytes(StandardCharsets.UTF_8));
                        try (InputStream in = Files.newInputStream(f)) {
                            digest.update(in.readAllBytes());
                        }
                    }
                }
                return HexFormat.of().formatHex(digest.digest()).substring(0, 8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the code of " + type.getName(), e);
            } catch (URISyntaxException e) {
                throw new IllegalStateException("cannot locate the code of " + type.getName(), e);
            }
        }
    }
}
