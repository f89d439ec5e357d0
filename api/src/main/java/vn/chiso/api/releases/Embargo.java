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
 * What one viewer may see of the rankings, decided per request from ops/releases: the public sees
 * published (index, period) releases only; reviewers and admins see drafts too. Everything keyed by
 * index and period (ranking lists, CSV, trends, profiles, comparisons, explanations, methodology
 * periods) goes through {@link #visible}.
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

    public boolean visible(String index, String period) {
        return viewer.reviewer() || ReleaseEvent.PUBLISHED.equals(status(index, period));
    }

    /** @throws EmbargoedException if this viewer may not see the release */
    public void require(String index, String period) {
        if (!visible(index, period)) {
            throw new EmbargoedException("the ranking of index '" + index + "' for period '" + period
                    + "' is not published yet; only reviewers see drafts", viewer.authenticated());
        }
    }

    /**
     * What a request for one (index, period) reads: for the public, asking for the latest, a
     * published release is answered from the lake versions recorded when it was published, so a
     * recomputation stays a draft until it is published again; reviewers, and any explicit
     * {@code asOf}, read as asked.
     */
    public AsOf pin(AsOf asked, String index, String period) {
        if (!asked.isLatest() || viewer.reviewer()) {
            return asked;
        }
        return releases.data().latest(index, period)
                .filter(e -> ReleaseEvent.PUBLISHED.equals(e.status()))
                .map(ReleaseEvent::lakeVersions)
                .filter(v -> v != null && !v.isBlank())
                .map(AsOf::parse)
                .orElse(asked);
    }

    /** ops/releases and its version, when it exists: the answer depends on it. */
    private Optional<Versioned<Releases>> source() {
        return releases.source().version() < 0 ? Optional.empty() : Optional.of(releases);
    }

    /** The lake object of an answer read from {@code sources} and filtered by this embargo. */
    public LakeInfo lake(Versioned<?>... sources) {
        List<TableVersion> tables = new ArrayList<>();
        for (Versioned<?> v : sources) {
            tables.add(v.source());
        }
        source().ifPresent(r -> tables.add(r.source()));
        return new LakeInfo(List.copyOf(tables));
    }
}
