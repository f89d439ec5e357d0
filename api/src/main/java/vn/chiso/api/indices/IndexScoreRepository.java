package vn.chiso.api.indices;

import java.util.Optional;
import org.springframework.stereotype.Repository;
import vn.chiso.api.lake.AsOf;
import vn.chiso.api.lake.DeltaLake;
import vn.chiso.api.lake.GoldTable;
import vn.chiso.api.lake.LakeUnavailableException;
import vn.chiso.api.lake.TableVersion;
import vn.chiso.api.lake.Versioned;
import vn.chiso.api.releases.ReleaseService;
import vn.chiso.contract.LakeTable;

/** gold/index_scores in memory (latest, and older versions by asOf). */
@Repository
public class IndexScoreRepository implements ReleaseService.VersionSource {

    private final GoldTable<IndexScores> table;

    public IndexScoreRepository(DeltaLake lake) {
        this.table = lake.table(LakeTable.GOLD_INDEX_SCORES, IndexScore::from, IndexScores::new);
    }

    public Versioned<IndexScores> read(AsOf asOf) {
        return table.read(asOf, false);
    }

    /** The version asOf names, or none when the lake has no index scores (an older pipeline). */
    public Optional<Versioned<IndexScores>> readIfPresent(AsOf asOf) {
        try {
            return Optional.of(read(asOf));
        } catch (LakeUnavailableException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<TableVersion> currentVersion() {
        return table.currentVersion();
    }
}
