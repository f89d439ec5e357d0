package vn.chiso.api.briefs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import vn.chiso.contract.CommandLine;

/**
 * The options of {@code ./chiso brief} ({@code java -jar chiso-api.jar brief …}), checked before Spring
 * starts and turned into the {@code brief} profile's properties that {@link BriefCommand} reads.
 */
public record BriefOptions(
        String province,
        boolean national,
        String year,
        String out,
        boolean html,
        String asOf,
        boolean drafts,
        String lake) {

    public static final String HELP = """
            ./chiso brief --province CODE|all | --national [--year 2024] [--out FILE|DIR] [--html] [--as-of VERSIONS]
                     [--drafts] [--lake DIR]
              Writes a leadership briefing in Vietnamese as PDF (HTML with --html): a province's standing on every
              index, trend charts, components, why its rank moved, peers, where the next points are, dossier figures;
              or the national overview (top and bottom ten per index, movers, regional averages, rank correlations).
              Same code and embargo as GET /api/v1/provinces/{code}/brief: published rankings only unless --drafts
              (as a reviewer; drafts marked). The footer names the lake versions: --as-of with them rebuilds it.
              Default file: bao-cao-CODE-YEAR.pdf / tong-quan-YEAR.pdf; --province all writes one per province into DIR.
              The lake DIR defaults to ./lakehouse.
            """;

    /** Reads the command line; a missing or contradictory choice, or a lake without gold tables, is an error. */
    public static BriefOptions parse(String[] args) {
        CommandLine cl = CommandLine.parse(
                args, Set.of("province", "year", "out", "as-of", "lake"), Set.of("national", "html", "drafts"));
        if (!cl.positional().isEmpty()) {
            throw new IllegalArgumentException(
                    "unexpected argument " + cl.positional().get(0));
        }
        BriefOptions o = new BriefOptions(
                cl.get("province", null),
                cl.flag("national"),
                cl.get("year", null),
                cl.get("out", null),
                cl.flag("html"),
                cl.get("as-of", null),
                cl.flag("drafts"),
                cl.lake());
        if (o.province() == null && !o.national()) {
            throw new IllegalArgumentException("brief needs --province CODE (or all) or --national");
        }
        if (o.province() != null && o.national()) {
            throw new IllegalArgumentException("give --province or --national, not both");
        }
        if (!o.lake().contains("://") && !Files.isDirectory(Path.of(o.lake(), "gold", "rankings", "_delta_log"))) {
            throw new IllegalArgumentException(
                    "no gold tables under " + o.lake() + " (./chiso demo --no-serve builds them)");
        }
        return o;
    }

    /** The Spring arguments: profile {@code brief} on an ephemeral loopback port, quiet logs, the options. */
    public List<String> springArguments() {
        List<String> a = new ArrayList<>(List.of(
                "--spring.profiles.active=brief",
                "--server.port=0",
                "--logging.level.root=WARN",
                "--chiso.lake=" + absolute(lake)));
        a.add(national ? "--brief.national=true" : "--brief.province=" + province);
        if (year != null) {
            a.add("--brief.year=" + year);
        }
        if (out != null) {
            a.add("--brief.out=" + Path.of(out).toAbsolutePath());
        }
        if (html) {
            a.add("--brief.html=true");
        }
        if (asOf != null) {
            a.add("--brief.asOf=" + asOf);
        }
        if (drafts) {
            a.add("--brief.drafts=true");
        }
        return a;
    }

    private static String absolute(String lake) {
        return lake.contains("://")
                ? lake
                : Path.of(lake).toAbsolutePath().normalize().toString();
    }
}
