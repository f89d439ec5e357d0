package vn.chiso.transforms.methodology;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Every methodology version, by index. The versions bundled with the build live in
 * {@code transforms/src/main/resources/methodologies/<index>/<version>.yaml}; a directory given at
 * run time ({@code ./chiso transform --methodologies DIR}, same layout) adds versions or replaces a
 * bundled version of the same index and version, without rebuilding.
 *
 * <p>A version applies to result years from its {@code valid_from} until its {@code valid_to}, or
 * until the year before the next version starts. Two versions starting in the same year, or an
 * explicit {@code valid_to} reaching into the next version, fail with a message naming both files.
 */
public final class MethodologyCatalog {

    public static final String RESOURCE_DIR = "methodologies";

    private final Map<String, List<Methodology>> byIndex;

    private MethodologyCatalog(Map<String, List<Methodology>> byIndex) {
        this.byIndex = byIndex;
    }

    /** The bundled versions only. */
    public static MethodologyCatalog bundled() {
        return load(null, m -> {});
    }

    /** The bundled versions, plus (replacing same index and version) those under {@code directory}. */
    public static MethodologyCatalog load(Path directory, Consumer<String> progress) {
        Map<String, Methodology> all = new LinkedHashMap<>();
        for (Methodology m : readBundled()) {
            all.put(m.id(), m);
        }
        if (directory != null) {
            if (!Files.isDirectory(directory)) {
                throw new MethodologyException("methodology directory " + directory + " does not exist");
            }
            for (Methodology m : readDirectory(directory)) {
                if (all.containsKey(m.id())) {
                    progress.accept("methodology " + m.id() + " from " + directory + " replaces the bundled one");
                }
                all.put(m.id(), m);
            }
        }
        return of(new ArrayList<>(all.values()));
    }

    /** A catalog of the given versions (checked for overlapping years). */
    public static MethodologyCatalog of(List<Methodology> methodologies) {
        Map<String, List<Methodology>> byIndex = new TreeMap<>();
        for (Methodology m : methodologies) {
            byIndex.computeIfAbsent(m.indexCode(), k -> new ArrayList<>()).add(m);
        }
        Map<String, List<Methodology>> checked = new TreeMap<>();
        for (Map.Entry<String, List<Methodology>> e : byIndex.entrySet()) {
            List<Methodology> versions = new ArrayList<>(e.getValue());
            versions.sort(
                    Comparator.comparing((Methodology m) -> m.validFrom() == null ? Integer.MIN_VALUE : m.validFrom()));
            for (int i = 1; i < versions.size(); i++) {
                Methodology before = versions.get(i - 1);
                Methodology after = versions.get(i);
                boolean sameStart = java.util.Objects.equals(before.validFrom(), after.validFrom());
                boolean reaches =
                        before.validTo() != null && after.validFrom() != null && before.validTo() >= after.validFrom();
                if (sameStart || reaches) {
                    throw new MethodologyException("methodologies " + before.file() + " and " + after.file()
                            + " both apply to "
                            + (after.validFrom() == null ? "every year" : "year " + after.validFrom())
                            + "; give each version its own years (valid_from, valid_to)");
                }
            }
            checked.put(e.getKey(), List.copyOf(versions));
        }
        return new MethodologyCatalog(checked);
    }

    public List<String> indices() {
        return List.copyOf(byIndex.keySet());
    }

    public List<Methodology> versions(String index) {
        return byIndex.getOrDefault(index, List.of());
    }

    /** The version that applies to a result year, if any. */
    public Optional<Methodology> forYear(String index, int year) {
        return forYear(versions(index), year);
    }

    public static Optional<Methodology> forYear(List<Methodology> versions, int year) {
        Methodology chosen = null;
        for (Methodology m : versions) {
            if (m.validFrom() == null || m.validFrom() <= year) {
                chosen = m;
            }
        }
        if (chosen == null || (chosen.validTo() != null && chosen.validTo() < year)) {
            return Optional.empty();
        }
        return Optional.of(chosen);
    }

    /** One file, named for messages by its last two path elements ({@code <index>/<version>.yaml}). */
    public static Methodology read(Path file) {
        try {
            String name = file.getParent() == null
                    ? file.getFileName().toString()
                    : file.getParent().getFileName() + "/" + file.getFileName();
            return MethodologyLoader.parse(name, Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read methodology " + file, e);
        }
    }

    private static List<Methodology> readDirectory(Path directory) {
        try (Stream<Path> files = Files.walk(directory, 2)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".yaml")
                            || p.toString().endsWith(".yml")
                            || p.toString().endsWith(".json"))
                    .sorted()
                    .map(MethodologyCatalog::read)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list methodologies under " + directory, e);
        }
    }

    private static List<Methodology> readBundled() {
        URL url = MethodologyCatalog.class.getClassLoader().getResource(RESOURCE_DIR);
        if (url == null) {
            return List.of();
        }
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                FileSystem fs;
                try {
                    fs = FileSystems.newFileSystem(uri, Map.of());
                } catch (FileSystemAlreadyExistsException e) {
                    fs = FileSystems.getFileSystem(uri);
                }
                return readDirectory(fs.provider().getPath(uri));
            }
            return readDirectory(Path.of(uri));
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("cannot list bundled methodologies at " + url, e);
        }
    }
}
