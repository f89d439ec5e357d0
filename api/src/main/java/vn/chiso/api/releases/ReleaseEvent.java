package vn.chiso.api.releases;

import java.time.Instant;
import vn.chiso.api.lake.RowView;

/**
 * One row of ops/releases: an index's ranking for a period published or withdrawn, by whom, when, at which
 * versions and why ({@code reason}: the table's {@code note} column).
 */
public record ReleaseEvent(
        String eventId,
        String index,
        String period,
        String status,
        String action,
        String actor,
        Instant at,
        String lakeVersions,
        String reason) {

    public static final String PUBLISHED = "published";
    public static final String DRAFT = "draft";

    static ReleaseEvent from(RowView r) {
        return new ReleaseEvent(
                r.requiredString("event_id"),
                r.requiredString("index_code"),
                r.requiredString("period"),
                r.requiredString("status"),
                r.requiredString("action"),
                r.requiredString("actor"),
                r.instant("at"),
                r.string("lake_versions"),
                r.string("note"));
    }
}
