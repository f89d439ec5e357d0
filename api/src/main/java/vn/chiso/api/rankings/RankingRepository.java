package vn.chiso.api.rankings;

import org.springframework.stereotype.Repository;

import vn.chiso.api.lake.DeltaLake;
import vn.chiso.api.lake.GoldTable;
import vn.chiso.api.lake.Versioned;
import vn.chiso.contract.LakeTable;

/** gold/rankings, the latest Delta version, in memory. */
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
}
