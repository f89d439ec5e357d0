package vn.chiso.api.releases;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import vn.chiso.api.lake.AsOf;
import vn.chiso.api.lake.LakeInfo;
import vn.chiso.api.lake.TableVersion;
import vn.chiso.api.lake.Versioned;
import vn.chiso.api.security.Viewer;

/**
 * What one viewer may see of one (index, period), decided per request from ops/releases — the one
 * place that decides it. Reviewers and admins see drafts and read the lake as they ask. The public
 * sees a release only while it is published, and only at the versions it was published at
 * ({@link #reading}): without {@code asOf} the versions the latest publication recorded; with a time,
 * the publication in force at that time; with versions ({@code 12}, {@code gold/rankings@12,…}), a
 * publication whose recorded version of the answer's primary table is one of them. Anything else is
 * answered as a draft ({@link EmbargoedException}).
 */
public final class Embargo {

    private final Versioned<Releases> releases;
    private final Viewer viewer;
    private final String unreleased;

    Embargo(Versioned<Releases> releases, Viewer viewer, String unreleased) {
        this.releases = releases;
        this.viewer = viewer;
        this.unreleased = unreleased;
    }

    public String status(String index, String period) {
        return releases.data().latest(index, period).map(ReleaseEvent::status).orElse(unreleased);
    }

    /** Reviewers and admins: drafts, and the lake as they ask for it. */
    public boolean seesDrafts() {
        return viewer.reviewer();
    }

    /** Whether this viewer may see the release now (at some version: see {@link #reading}). */
    public boolean visible(String index, String period) {
        return viewer.reviewer() || ReleaseEvent.PUBLISHED.equals(status(index, period));
    }

    /** @throws EmbargoedException if this viewer may not see the release */
    public void require(String index, String period) {
        if (!visible(index, period)) {
            throw refused(index, period);
        }
    }

    /** An answer this viewer may not have, for the reason given. */
    public EmbargoedException embargoed(String message) {
        return new EmbargoedException(message, viewer.authenticated());
    }

    /** The indices ops/releases has events for. */
    public java.util.Set<String> indicesWithEvents() {
        return releases.data().indices();
    }

    /** The (index, period)s of {@code index} that ops/releases has events for. */
    public java.util.Set<String> periodsWithEvents(String index) {
        return releases.data().periods(index);
    }

    /**
     * Which versions this viewer reads (index, period) at when it asks for {@code asked}; empty when it
     * may not see it so. {@code primary}: the answer's primary table, whose version a bare {@code asOf}
     * number names. For the public a publication's versions come with its time, so a table the
     * publication did not record reads as it was then.
     */
    public Optional<AsOf> reading(String index, String period, AsOf asked, String primary) {
        if (viewer.reviewer()) {
            return Optional.of(asked);
        }
        if (!ReleaseEvent.PUBLISHED.equals(status(index, period))) {
            return Optional.empty();
        }
        List<ReleaseEvent> history = releases.data().history(index, period);
        if (history.isEmpty()) { // never acted on, and unreleased rankings count as published
            return Optional.of(asked);
        }
        if (asked.isLatest()) {
            return pin(history.get(history.size() - 1));
        }
        if (asked.namesVersions()) {
            for (int i = history.size() - 1; i >= 0; i--) {
                Optional<AsOf> pin = pin(history.get(i));
                if (pin.isPresent() && pinnedAt(pin.get(), asked, primary)) {
                    return pin;
                }
            }
            return Optional.empty();
        }
        ReleaseEvent then = null;
        for (ReleaseEvent e : history) {
            if (!e.at().isAfter(asked.timestamp())) {
                then = e;
            }
        }
        if (then == null) {
            return ReleaseEvent.PUBLISHED.equals(unreleased) ? Optional.of(asked) : Optional.empty();
        }
        return pin(then);
    }

    /** As {@link #reading}, or the answer for a draft. */
    public AsOf requireReading(String index, String period, AsOf asked, String primary) {
        return reading(index, period, asked, primary)
                .orElseThrow(() -> visible(index, period)
                        ? new EmbargoedException(
                                "the ranking of index '" + index + "' for period '" + period
                                        + "' was not published at that asOf: the public reads a published ranking at the versions it "
                                        + "was published at (asOf: one of those versions, or a time when it was published); only "
                                        + "reviewers read other versions",
                                viewer.authenticated())
                        : refused(index, period));
    }

    /** The answer for a release this viewer may not see. */
    public EmbargoedException refused(String index, String period) {
        return new EmbargoedException(
                "the ranking of index '" + index + "' for period '" + period
                        + "' is not published yet; only reviewers see drafts",
                viewer.authenticated());
    }

    /** The answer when a published release's versions cannot be read any more (vacuumed). */
    public EmbargoedException unreadable(String index, String period) {
        return new EmbargoedException(
                "the ranking of index '" + index + "' for period '" + period
                        + "' is published, but the lake no longer has the versions it was published at; an admin must "
                        + "publish it again",
                viewer.authenticated());
    }

    /** The versions a publish event recorded, at its time; none when it is a withdrawal or recorded none. */
    private static Optional<AsOf> pin(ReleaseEvent e) {
        if (!ReleaseEvent.PUBLISHED.equals(e.status())
                || e.lakeVersions() == null
                || e.lakeVersions().isBlank()) {
            return Optional.empty();
        }
        AsOf recorded = AsOf.parse(e.lakeVersions());
        return Optional.of(new AsOf(null, e.at(), recorded.versions(), recorded.named()));
    }

    private static boolean pinnedAt(AsOf pin, AsOf asked, String primary) {
        Long version = pin.versions().get(primary);
        return version != null && asked.versionsOf(primary, true).contains(version);
    }

    /** ops/releases and its version, when it exists: the answer depends on it. */
    public Optional<TableVersion> releasesVersion() {
        return releases.source().version() < 0 ? Optional.empty() : Optional.of(releases.source());
    }

    /** The lake object of an answer read from {@code sources} and filtered by this embargo. */
    public LakeInfo lake(Versioned<?>... sources) {
        List<TableVersion> tables = new ArrayList<>();
        for (Versioned<?> v : sources) {
            tables.add(v.source());
        }
        releasesVersion().ifPresent(tables::add);
        return new LakeInfo(List.copyOf(tables));
    }
}
