package vn.chiso.api.rankings;

import java.util.Optional;
import org.springframework.stereotype.Repository;
import vn.chiso.api.lake.AsOf;
import vn.chiso.api.lake.DeltaLake;
import vn.chiso.api.lake.GoldTable;
import vn.chiso.api.lake.TableVersion;
import vn.chiso.api.lake.Versioned;
import vn.chiso.api.releases.ReleaseService;
import vn.chiso.contract.LakeTable;

/** gold/rank_changes in memory (latest, and older versions by asOf). */
@Repository
public class RankChangeRepository implements ReleaseService.VersionSource {

    private final GoldTable<RankChanges> table;

    public RankChangeRepository(DeltaLake lake) {
        this.table = lake.table(LakeTable.GOLD_RANK_CHANGES, RankChange::from, RankChanges::new);
    }

    public Versioned<RankChanges> read(AsOf asOf) {
        return table.read(asOf, false);
    }

    @Override
    public Optional<TableVersion> currentVersion() {
        return table.currentVersion();
    }
}
