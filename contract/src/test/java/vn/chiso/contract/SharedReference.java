package vn.chiso.contract;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;

/** Files of shared/reference, which lies beside the project (../shared from the repository root). */
public final class SharedReference {

    private SharedReference() {
    }

    public static Path path(String relative) {
        for (String base : new String[] {"../shared/reference", "../../shared/reference"}) {
            Path p = Path.of(base, relative);
            if (Files.exists(p)) {
                return p;
            }
        }
        return fail("shared/reference/" + relative + " not found beside the project");
    }
}
