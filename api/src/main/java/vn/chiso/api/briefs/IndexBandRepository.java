package vn.chiso.api.briefs;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Repository;
import vn.chiso.api.lake.AsOf;
import vn.chiso.api.lake.DeltaLake;
import vn.chiso.api.lake.GoldTable;
import vn.chiso.api.lake.LakeUnavailableException;
import vn.chiso.api.lake.RowView;
import vn.chiso.api.lake.TimeTravelException;
import vn.chiso.api.lake.Versioned;
import vn.chiso.contract.LakeTable;

/**
 * gold/index_bands: the bands each methodology version declares. Read only for the (index, version)
 * of a ranking the asker may see, so the bands of a version used only by drafts are never shown.
 */
@Repository
class IndexBandRepository {

    /** One band: {@code minScore ≤ score < belowScore} (no upper bound when belowScore is null). */
    record IndexBand(
            String indexCode, String methodologyVersion, String band, BigDecimal minScore, BigDecimal belowScore) {

        static IndexBand from(RowView r) {
            return new IndexBand(
                    r.requiredString("index_code"),
                    r.requiredString("methodology_version"),
                    r.requiredString("band"),
                    r.decimal("min_score"),
                    r.decimal("below_score"));
        }
    }

    private final GoldTable<List<IndexBand>> table;

    IndexBandRepository(DeltaLake lake) {
        this.table = lake.table(LakeTable.GOLD_INDEX_BANDS, IndexBand::from, List::copyOf);
    }

    /** The bands at asOf, or none when the lake has no gold/index_bands (an older pipeline). */
    Optional<Versioned<List<IndexBand>>> read(AsOf asOf) {
        try {
            return Optional.of(table.read(asOf, false));
        } catch (LakeUnavailableException | TimeTravelException e) {
            return Optional.empty();
        }
    }

    /** The lowest band of this methodology version whose floor is above the score, if any. */
    static Optional<IndexBand> nextAbove(List<IndexBand> bands, String index, String version, BigDecimal score) {
        return bands.stream()
                .filter(b ->
                        b.indexCode().equals(index) && b.methodologyVersion().equals(version))
                .filter(b -> b.minScore().compareTo(score) > 0)
                .min(Comparator.comparing(IndexBand::minScore));
    }
}
