package vn.chiso.api.kpis;

import java.util.Optional;
import org.springframework.stereotype.Repository;
import vn.chiso.api.lake.DeltaLake;
import vn.chiso.api.lake.GoldTable;
import vn.chiso.api.lake.TableVersion;
import vn.chiso.api.lake.Versioned;
import vn.chiso.api.releases.ReleaseService;
import vn.chiso.contract.LakeTable;

/** gold/unit_kpis in memory (latest, and older versions by asOf). */
@Repository
public class UnitKpiRepository implements ReleaseService.VersionSource {

    private final GoldTable<UnitKpis> table;

    public UnitKpiRepository(DeltaLake lake) {
        this.table = lake.table(LakeTable.GOLD_UNIT_KPIS, UnitKpi::from, UnitKpis::new);
    }

    /** @throws vn.chiso.api.lake.LakeUnavailableException when the table does not exist yet */
    public Versioned<UnitKpis> current() {
        return table.current();
    }

    /** The version asOf names; gold/unit_kpis is primary in answers about KPIs only. */
    public Versioned<UnitKpis> read(vn.chiso.api.lake.AsOf asOf, boolean primary) {
        return table.read(asOf, primary);
    }

    /** A release records it: comparisons of a published ranking show the KPIs it was published with. */
    @Override
    public Optional<TableVersion> currentVersion() {
        return table.currentVersion();
    }
}
