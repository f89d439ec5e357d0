package vn.chiso.api.briefs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BriefOptionsTest {

    @TempDir
    Path lake;

    @BeforeEach
    void goldTables() throws Exception {
        Files.createDirectories(lake.resolve("gold/rankings/_delta_log"));
    }

    @Test
    void aProvincesOptionsBecomeTheBriefProfilesProperties() {
        BriefOptions o = BriefOptions.parse(new String[] {
            "--lake",
            lake.toString(),
            "--province",
            "22",
            "--year=2024",
            "--out",
            "b.pdf",
            "--drafts",
            "--as-of",
            "gold/rankings@3"
        });
        assertEquals(
                List.of(
                        "--spring.profiles.active=brief",
                        "--server.port=0",
                        "--logging.level.root=WARN",
                        "--chiso.lake=" + lake.toAbsolutePath(),
                        "--brief.province=22",
                        "--brief.year=2024",
                        "--brief.out=" + Path.of("b.pdf").toAbsolutePath(),
                        "--brief.asOf=gold/rankings@3",
                        "--brief.drafts=true"),
                o.springArguments());
    }

    @Test
    void theNationalOverviewAsHtml() {
        List<String> a = BriefOptions.parse(new String[] {"--national", "--html", "--lake=" + lake})
                .springArguments();
        assertTrue(a.contains("--brief.national=true") && a.contains("--brief.html=true"), a.toString());
        assertTrue(a.stream().noneMatch(s -> s.startsWith("--brief.province")), a.toString());
    }

    @Test
    void badInputIsAClearError() {
        String l = "--lake=" + lake;
        assertEquals(message(l), "brief needs --province CODE (or all) or --national");
        assertEquals(message(l, "--province", "22", "--national"), "give --province or --national, not both");
        assertEquals(message(l, "--province", "22", "--colour"), "unknown option --colour");
        assertEquals(message(l, "--province", "22", "extra"), "unexpected argument extra");
        assertTrue(message("--lake", lake.resolve("empty").toString(), "--national")
                .startsWith("no gold tables under"));
    }

    private static String message(String... args) {
        return assertThrows(IllegalArgumentException.class, () -> BriefOptions.parse(args))
                .getMessage();
    }
}
