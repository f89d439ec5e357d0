package vn.chiso.contract;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real published files the tests check against: the repository's {@code reference/} folder
 * (copied from shared/reference with their sources and licences in reference/raw/SOURCES.md), so a
 * clone alone runs every test.
 */
public final class ReferenceFiles {

    private ReferenceFiles() {}

    /** The repository's reference folder, found from a module's directory or the root. */
    public static Path root() {
        for (String base : new String[] {"../reference", "reference", "../../reference"}) {
            Path p = Path.of(base);
            if (Files.isDirectory(p.resolve("raw"))) {
                return p;
            }
        }
        return fail("reference/ not found in the repository (run tests from the repository or a module)");
    }

    public static Path path(String relative) {
        Path p = root().resolve(relative);
        if (!Files.exists(p)) {
            return fail("reference/" + relative + " is not in the repository");
        }
        return p;
    }
}
