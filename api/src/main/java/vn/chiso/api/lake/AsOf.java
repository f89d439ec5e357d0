package vn.chiso.api.lake;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import vn.chiso.api.system.ApiException;
import vn.chiso.contract.LakeTable;

/**
 * Which version of the lake a request reads (Delta time travel), from the {@code asOf} parameter:
 * <ul>
 * <li>absent: the latest version of every table;</li>
 * <li>{@code 12}: version 12 of the request's primary table (gold/rankings for rankings), the other
 * tables as they were when that version was committed;</li>
 * <li>{@code 2026-11-22T03:00:00Z} (or a date, meaning the end of that day, UTC): every table as of
 * that time;</li>
 * <li>{@code gold/rankings@12,gold/unit_kpis@3} (the value of the X-Chiso-Lake-Versions header):
 * exactly those versions; tables not named as of the latest commit among the named ones.</li>
 * </ul>
 */
public record AsOf(Long primaryVersion, Instant timestamp, Map<String, Long> versions, List<TableVersion> named) {

    private static final AsOf LATEST = new AsOf(null, null, Map.of());
    private static final Pattern VERSION = Pattern.compile("\\d{1,18}");
    private static final Pattern TABLE_VERSION = Pattern.compile("([a-z]+/[a-z_]+)@(\\d{1,18})");
    private static final Set<String> TABLES =
            Arrays.stream(LakeTable.values()).map(LakeTable::relativePath).collect(Collectors.toUnmodifiableSet());

    /** {@code named}: every table@version the text gave, repeats included (an answer may read two versions of one table). */
    public AsOf {
        versions = Map.copyOf(versions);
        named = List.copyOf(named);
    }

    public AsOf(Long primaryVersion, Instant timestamp, Map<String, Long> versions) {
        this(
                primaryVersion,
                timestamp,
                versions,
                versions.entrySet().stream()
                        .map(e -> new TableVersion(e.getKey(), e.getValue()))
                        .toList());
    }

    public static AsOf latest() {
        return LATEST;
    }

    public boolean isLatest() {
        return primaryVersion == null && timestamp == null && versions.isEmpty();
    }

    public static AsOf parse(String text) {
        if (text == null || text.isBlank()) {
            return LATEST;
        }
        String t = text.strip();
        if (t.length() > 500) {
            throw bad(t.substring(0, 40) + "…");
        }
        if (VERSION.matcher(t).matches()) {
            return new AsOf(Long.parseLong(t), null, Map.of());
        }
        if (t.contains("@")) {
            Map<String, Long> versions = new LinkedHashMap<>();
            List<TableVersion> named = new ArrayList<>();
            for (String part : t.split(",")) {
                var m = TABLE_VERSION.matcher(part.strip());
                if (!m.matches()) {
                    throw bad(t);
                }
                if (!TABLES.contains(m.group(1))) {
                    throw ApiException.badRequest(
                            "asOf", "parameter 'asOf' names '" + m.group(1) + "', which is not a table of the lake");
                }
                versions.put(m.group(1), Long.parseLong(m.group(2)));
                named.add(new TableVersion(m.group(1), Long.parseLong(m.group(2))));
            }
            return new AsOf(null, null, versions, named);
        }
        Instant time;
        try {
            time = t.length() == 10
                    ? LocalDate.parse(t)
                            .plusDays(1)
                            .atStartOfDay()
                            .toInstant(ZoneOffset.UTC)
                            .minusMillis(1)
                    : OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeException e) {
            throw bad(t);
        }
        // the end of today is a time the lake will have; anything later it cannot have yet
        if (time.isAfter(
                LocalDate.now(ZoneOffset.UTC).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC))) {
            throw ApiException.notFound(
                    "asOf",
                    "parameter 'asOf' is in the future (" + time + "): the lake has no " + "version as of then");
        }
        return new AsOf(null, time, Map.of());
    }

    /** Whether this names versions (a bare version or table@version), rather than a time or the latest. */
    public boolean namesVersions() {
        return primaryVersion != null || !versions.isEmpty();
    }

    /**
     * The versions of {@code table} this names: a bare version counts for the answer's primary table;
     * {@code table@v} entries for their table, each one (a header may name two versions of a table).
     */
    public Set<Long> versionsOf(String table, boolean primary) {
        Set<Long> found = new LinkedHashSet<>();
        if (primary && primaryVersion != null) {
            found.add(primaryVersion);
        }
        named.stream().filter(v -> v.table().equals(table)).forEach(v -> found.add(v.version()));
        return found;
    }

    private static ApiException bad(String text) {
        return ApiException.badRequest(
                "asOf",
                "parameter 'asOf' must be a table version (12), a time "
                        + "(2026-11-22T03:00:00Z or 2026-11-22) or versions as in X-Chiso-Lake-Versions "
                        + "(gold/rankings@12,gold/unit_kpis@3); got '" + text + "'");
    }

    /**
     * For the tables read after {@code primary}: pinned to the time its version was committed, unless
     * this asks for the latest or already names a time.
     */
    public AsOf after(Versioned<?> primary) {
        if (isLatest() || timestamp != null) {
            return this;
        }
        return new AsOf(null, Instant.ofEpochMilli(primary.committedAt()), versions, named);
    }
}
