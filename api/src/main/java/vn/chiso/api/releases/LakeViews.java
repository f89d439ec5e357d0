package vn.chiso.api.releases;

import org.springframework.stereotype.Component;
import vn.chiso.api.indices.IndexScoreRepository;
import vn.chiso.api.kpis.UnitKpiRepository;
import vn.chiso.api.lake.AsOf;
import vn.chiso.api.rankings.RankChangeRepository;
import vn.chiso.api.rankings.RankingRepository;
import vn.chiso.contract.LakeTable;

/** Opens the {@link LakeView} of one request: the current viewer, its asOf, the answer's primary table. */
@Component
public class LakeViews {

    private final ReleaseService releases;
    private final RankingRepository rankings;
    private final UnitKpiRepository kpis;
    private final IndexScoreRepository scores;
    private final RankChangeRepository changes;

    public LakeViews(
            ReleaseService releases,
            RankingRepository rankings,
            UnitKpiRepository kpis,
            IndexScoreRepository scores,
            RankChangeRepository changes) {
        this.releases = releases;
        this.rankings = rankings;
        this.kpis = kpis;
        this.scores = scores;
        this.changes = changes;
    }

    /** @param primary the table whose version a bare {@code asOf} number names */
    public LakeView open(AsOf asked, LakeTable primary) {
        return new LakeView(releases.embargo(), asked, primary, rankings, kpis, scores, changes);
    }
}
