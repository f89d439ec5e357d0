package vn.chiso.api.rankings;

import java.util.Optional;
import org.springframework.stereotype.Repository;
import vn.chiso.api.lake.AsOf;
import vn.chiso.api.lake.DeltaLake;
import vn.chiso.api.lake.GoldTable;
import vn.chiso.api.lake.TableVersion;
import vn.chiso.api.lake.Versioned;
import vn.chiso.contract.LakeTable;

/** gold/rankings in memory: the latest Delta version, and older ones asked for by asOf. */
@Repository
public class RankingRepository {

    private final GoldTable<Rankings> table;

    public RankingRepository(DeltaLake lake) {
        this.table = lake.table(LakeTable.GOLD_RANKINGS, Ranking::from, Rankings::new);
    }

    /** @throws vn.chiso.api.lake.LakeUnavailableException when the table does not exist yet */
    public Versioned<Rankings> current() {
        return table.current();
    }

    /** The version {@code asOf} names; gold/rankings is the primary table of every ranking answer. */
    public Versioned<Rankings> read(AsOf asOf) {
        return table.read(asOf, true);
    }

    public Optional<TableVersion> currentVersion() {
        return table.currentVersion();
    }
}
