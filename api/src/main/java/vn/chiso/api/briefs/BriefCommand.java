package vn.chiso.api.briefs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Profile;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import vn.chiso.api.lake.AsOf;
import vn.chiso.api.releases.EmbargoedException;
import vn.chiso.api.security.Viewer;
import vn.chiso.api.system.ApiException;
import vn.chiso.contract.AdminUnits;
import vn.chiso.contract.Province;

/**
 * {@code ./chiso brief}: the same briefs as the endpoints, written to a file, then the application
 * exits (profile {@code brief}). {@link BriefOptions} turns the command line into these properties:
 * {@code --brief.province=22} (or {@code all}: every province into the directory {@code --brief.out}) or {@code --brief.national=true},
 * {@code --brief.year=2024}, {@code --brief.out=FILE}, {@code --brief.html=true},
 * {@code --brief.asOf=…}, {@code --brief.drafts=true} (as a reviewer: drafts included, marked).
 */
@Component
@Profile("brief")
class BriefCommand implements ApplicationRunner {

    private static final String ALL = "all";

    private final Briefs briefs;
    private final ApplicationContext context;

    BriefCommand(Briefs briefs, ApplicationContext context) {
        this.briefs = briefs;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) {
        int code;
        try {
            code = write(args);
        } catch (ApiException | EmbargoedException e) {
            System.err.println("[chiso] error: " + e.getMessage()
                    + (e instanceof EmbargoedException ? " (--drafts: include drafts, as a reviewer)" : ""));
            code = 2;
        }
        int exit = code;
        System.exit(SpringApplication.exit(context, () -> exit));
    }

    private int write(ApplicationArguments args) {
        String province = option(args, "brief.province");
        boolean national = Boolean.parseBoolean(option(args, "brief.national"));
        if ((province == null) == !national) {
            System.err.println("[chiso] error: give --province CODE or --national");
            return 2;
        }
        if (Boolean.parseBoolean(option(args, "brief.drafts"))) {
            SecurityContextHolder.getContext()
                    .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                            "cli", null, List.of(new SimpleGrantedAuthority("ROLE_" + Viewer.REVIEWER))));
        }
        boolean html = Boolean.parseBoolean(option(args, "brief.html"));
        AsOf asOf = AsOf.parse(option(args, "brief.asOf"));
        String year = option(args, "brief.year");
        String out = option(args, "brief.out");
        if (ALL.equals(province)) {
            return all(year, asOf, html, Path.of(out == null ? "." : out));
        }
        long start = System.nanoTime();
        Briefs.Rendered r = national ? briefs.national(year, asOf, html) : briefs.province(province, year, asOf, html);
        Path file = out != null ? Path.of(out) : Path.of(name(national ? null : province, r.period(), html));
        write(file, r, national ? "national overview" : "province " + province, start);
        return 0;
    }

    /** Every province's brief into {@code dir}; a province without a visible ranking that year is reported and skipped. */
    private int all(String year, AsOf asOf, boolean html, Path dir) {
        long start = System.nanoTime();
        int written = 0;
        for (Province p : AdminUnits.get().provinces()) {
            try {
                long one = System.nanoTime();
                Briefs.Rendered r = briefs.province(p.code(), year, asOf, html);
                write(dir.resolve(name(p.code(), r.period(), html)), r, "province " + p.code(), one);
                written++;
            } catch (ApiException e) {
                System.err.println("[chiso] province " + p.code() + ": skipped, " + e.getMessage());
            }
        }
        System.out.printf("[chiso] %d briefs in %d ms%n", written, (System.nanoTime() - start) / 1_000_000);
        return written > 0 ? 0 : 2;
    }

    private static String name(String province, String period, boolean html) {
        return (province == null ? "tong-quan-" : "bao-cao-" + province + "-") + period + (html ? ".html" : ".pdf");
    }

    private static void write(Path file, Briefs.Rendered r, String what, long start) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.write(file, r.bytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.printf(
                "[chiso] %s: %s, %,d bytes in %d ms (lake %s)%n",
                what,
                file.toAbsolutePath(),
                r.bytes().length,
                (System.nanoTime() - start) / 1_000_000,
                r.lake().header());
    }

    private static String option(ApplicationArguments args, String name) {
        List<String> values = args.getOptionValues(name);
        return values == null || values.isEmpty() ? null : values.get(values.size() - 1);
    }
}
