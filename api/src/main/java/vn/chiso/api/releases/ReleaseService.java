package vn.chiso.api.releases;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import vn.chiso.api.lake.LakeInfo;
import vn.chiso.api.lake.TableVersion;
import vn.chiso.api.lake.Versioned;
import vn.chiso.api.model.Period;
import vn.chiso.api.rankings.RankingQuery;
import vn.chiso.api.rankings.RankingRepository;
import vn.chiso.api.rankings.Rankings;
import vn.chiso.api.security.Viewer;
import vn.chiso.api.system.ApiException;

/** Release states, the embargo of a request, and the audited admin actions publish and withdraw. */
@Service
public class ReleaseService {

    private static final Logger audit = LoggerFactory.getLogger("chiso.audit");

    /** One (index, period) ranking and its release state. */
    public record Release(
            String index,
            String period,
            String periodType,
            String status,
            Instant publishedAt,
            String publishedBy,
            String lakeVersions,
            String reason) {}

    public record ReleaseList(int total, List<Release> items, LakeInfo lake) implements vn.chiso.api.lake.HasLake {}

    public record AuditLog(int total, List<ReleaseEvent> items, LakeInfo lake) implements vn.chiso.api.lake.HasLake {}

    private final ReleaseRepository repository;
    private final RankingRepository rankings;
    private final ReleaseProperties properties;
    private final List<VersionSource> versionSources;

    /** Gold tables whose current versions a release records. */
    public interface VersionSource {
        Optional<TableVersion> currentVersion();
    }

    public ReleaseService(
            ReleaseRepository repository,
            RankingRepository rankings,
            ReleaseProperties properties,
            List<VersionSource> versionSources) {
        this.repository = repository;
        this.rankings = rankings;
        this.properties = properties;
        this.versionSources = versionSources;
    }

    /** The embargo for the current request's viewer. */
    public Embargo embargo() {
        return new Embargo(repository.current(), Viewer.current(), properties.unreleased());
    }

    /** Every (index, period) the rankings have, with its state; the public sees the published ones only. */
    public ReleaseList list(String index, String status) {
        if (status != null
                && !status.isBlank()
                && !status.equals(ReleaseEvent.PUBLISHED)
                && !status.equals(ReleaseEvent.DRAFT)) {
            throw ApiException.badRequest(
                    "status", "parameter 'status' must be published or draft; got '" + status + "'");
        }
        if (index != null && !index.isBlank()) {
            RankingQuery.checkIndex(index);
        }
        Embargo embargo = embargo();
        Versioned<Releases> releases = repository.current();
        Versioned<Rankings> current = rankings.current();
        List<Release> items = new ArrayList<>();
        for (Rankings.IndexPeriods ip : current.data().indices()) {
            if (index != null && !index.isBlank() && !ip.index().equals(index)) {
                continue;
            }
            for (Period p : descending(ip.periods())) {
                if (!embargo.visible(ip.index(), p.code())) {
                    continue;
                }
                Release r = release(releases.data(), ip.index(), p);
                if (status == null || status.isBlank() || r.status().equals(status)) {
                    items.add(r);
                }
            }
        }
        return new ReleaseList(items.size(), items, embargo.lake(current));
    }

    private static List<Period> descending(java.util.SortedSet<Period> periods) {
        List<Period> list = new ArrayList<>(periods);
        java.util.Collections.reverse(list);
        return list;
    }

    private Release release(Releases releases, String index, Period period) {
        Optional<ReleaseEvent> e = releases.latest(index, period.code());
        String status = e.map(ReleaseEvent::status).orElse(properties.unreleased());
        boolean published = status.equals(ReleaseEvent.PUBLISHED);
        return new Release(
                index,
                period.code(),
                period.type().code(),
                status,
                published ? e.map(ReleaseEvent::at).orElse(null) : null,
                published ? e.map(ReleaseEvent::actor).orElse(null) : null,
                e.map(ReleaseEvent::lakeVersions).orElse(null),
                e.map(ReleaseEvent::reason).orElse(null));
    }

    public Release publish(String index, String periodText, String reason) {
        return move(index, periodText, reason, ReleaseEvent.PUBLISHED, "publish");
    }

    public Release withdraw(String index, String periodText, String reason) {
        return move(index, periodText, reason, ReleaseEvent.DRAFT, "withdraw");
    }

    private synchronized Release move(String index, String periodText, String reason, String to, String action) {
        RankingQuery.checkIndex(index);
        Period period = RankingQuery.parsePeriod(periodText);
        if (reason == null || reason.isBlank()) {
            throw ApiException.badRequest("reason", "a reason is required: {\"reason\": \"…\"}");
        }
        if (reason.length() > 2000) {
            throw ApiException.badRequest("reason", "reason must be at most 2000 characters");
        }
        Rankings current = rankings.current().data();
        if (!current.hasPeriod(index, period)) {
            throw ApiException.notFound("period", "index '" + index + "' has no ranking for period '" + period + "'");
        }
        Embargo embargo = embargo();
        if (embargo.status(index, period.code()).equals(to)) {
            throw ApiException.conflict(
                    "release", "the ranking of '" + index + "' for '" + period + "' is already " + to);
        }
        String versions = Stream.concat(
                        Stream.of(rankings.currentVersion()),
                        versionSources.stream().map(VersionSource::currentVersion))
                .flatMap(Optional::stream)
                .distinct()
                .map(v -> v.table() + "@" + v.version())
                .collect(Collectors.joining(","));
        Viewer viewer = Viewer.current();
        ReleaseEvent event = new ReleaseEvent(
                UUID.randomUUID().toString(),
                index,
                period.code(),
                to,
                action,
                viewer.name(),
                Instant.now(),
                versions,
                reason.strip());
        long version = repository.append(event);
        audit.atInfo()
                .addKeyValue("action", action)
                .addKeyValue("index", index)
                .addKeyValue("period", period.code())
                .addKeyValue("actor", viewer.name())
                .addKeyValue("lake_versions", versions)
                .addKeyValue("releases_version", version)
                .addKeyValue("reason", reason.strip())
                .log(
                        "release {} {} {} by {} at {} (ops/releases@{}): {}",
                        action,
                        index,
                        period,
                        viewer.name(),
                        versions,
                        version,
                        reason.strip());
        return release(repository.current().data(), index, period);
    }

    /** Every publish and withdraw, newest first. */
    public AuditLog audit() {
        Versioned<Releases> releases = repository.current();
        List<ReleaseEvent> events = releases.data().events();
        return new AuditLog(
                events.size(),
                events,
                releases.source().version() < 0 ? LakeInfo.none() : new LakeInfo(List.of(releases.source())));
    }
}
