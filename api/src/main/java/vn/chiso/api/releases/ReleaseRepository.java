package vn.chiso.api.releases;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Repository;
import vn.chiso.api.lake.DeltaLake;
import vn.chiso.api.lake.GoldTable;
import vn.chiso.api.lake.LakeWriter;
import vn.chiso.api.lake.TableVersion;
import vn.chiso.api.lake.Versioned;
import vn.chiso.contract.LakeTable;

/**
 * ops/releases, the API's own Delta table in the lake (the release state lives beside the data it
 * releases, is time-travelable and readable by SQL and notebooks like any other table). Until the
 * first release is written there is no table: every ranking is then unreleased.
 */
@Repository
public class ReleaseRepository {

    private static final Versioned<Releases> NONE =
            new Versioned<>(new TableVersion(LakeTable.RELEASES.relativePath(), -1), Releases.NONE);

    private final GoldTable<Releases> table;
    private final LakeWriter writer;

    public ReleaseRepository(DeltaLake lake, LakeWriter writer) {
        this.table = lake.table(LakeTable.RELEASES, ReleaseEvent::from, Releases::new);
        this.writer = writer;
    }

    /** The latest version; no table (or one that cannot be read: fail closed) reads as no releases. */
    public Versioned<Releases> current() {
        return table.currentIfPresent().orElse(NONE);
    }

    /** Appends one event and makes the next read see it. */
    public long append(ReleaseEvent e) {
        long version = writer.append(
                LakeTable.RELEASES,
                List.of(Map.of(
                        "event_id",
                        e.eventId() == null ? UUID.randomUUID().toString() : e.eventId(),
                        "index_code",
                        e.index(),
                        "period",
                        e.period(),
                        "status",
                        e.status(),
                        "action",
                        e.action(),
                        "actor",
                        e.actor(),
                        "at",
                        e.at(),
                        "lake_versions",
                        e.lakeVersions() == null ? "" : e.lakeVersions(),
                        "note",
                        e.reason() == null ? "" : e.reason())));
        table.catchUpTo(version);
        return version;
    }
}
