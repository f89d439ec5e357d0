package vn.chiso.api.rankings;

import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Pattern;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import vn.chiso.api.lake.AsOf;
import vn.chiso.api.lake.HasLake;
import vn.chiso.api.lake.LakeInfo;
import vn.chiso.api.lake.Versioned;
import vn.chiso.api.model.Period;
import vn.chiso.api.releases.Embargo;
import vn.chiso.api.releases.ReleaseService;
import vn.chiso.api.system.ApiException;
import vn.chiso.api.system.AsOfParameter;
import vn.chiso.api.system.CsvResponse;

@RestController
class RankChangeController {

    private static final Pattern UNIT = Pattern.compile("\\d{2,5}");

    /** Why a unit's rank changed: its own score's part and the others' part, and each component's share. */
    record Explanation(String index, String level, String period, String previousPeriod, String unitCode,
                       String unitName, Integer rank, Integer previousRank, Integer rankChange,
                       Integer counterfactualRank, Integer rankChangeOwn, Integer rankChangeOthers, Integer rankLow,
                       Integer rankHigh, Boolean withinNoise, Boolean comparable, String methodologyVersion,
                       String previousMethodologyVersion, String note, List<ComponentChange> components,
                       LakeInfo lake) implements HasLake {
    }

    /** One component's change of contribution to the score, and its share of the score's change. */
    record ComponentChange(String component, String name, BigDecimal contribution, BigDecimal previousContribution,
                           BigDecimal contributionChange, BigDecimal shareOfChange, String note) {
    }

    private final RankingRepository rankings;
    private final RankChangeRepository changes;
    private final ReleaseService releases;

    RankChangeController(RankingRepository rankings, RankChangeRepository changes, ReleaseService releases) {
        this.rankings = rankings;
        this.changes = changes;
        this.releases = releases;
    }

    @Operation(summary = "Explanation of a unit's rank change against the previous period, by component",
            description = "From gold/rank_changes. JSON, or the components as CSV (UTF-8 with BOM) with format=csv.")
    @GetMapping("/api/v1/rank-changes")
    ResponseEntity<?> explain(
            @Parameter(description = "unit code", example = "01") @RequestParam(required = false) String unit,
            @Parameter(example = "progress") @RequestParam(defaultValue = "progress") String index,
            @Parameter(description = "2024, 2024-Q3, …; default the latest") @RequestParam(required = false) String period,
            @Parameter(description = "province or district") @RequestParam(defaultValue = "province") String level,
            @Parameter(description = "json or csv") @RequestParam(required = false) String format,
            @Parameter(description = AsOfParameter.DESCRIPTION) @RequestParam(required = false) String asOf,
            @Parameter(hidden = true) @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        boolean csv = CsvResponse.wantsCsv(format, accept);
        if (unit == null || !UNIT.matcher(unit).matches()) {
            throw ApiException.badRequest("unit", "parameter 'unit' must be a unit code (2 to 5 digits) such as '01'; got '"
                    + unit + "'");
        }
        RankingQuery.checkIndex(index);
        RankingQuery.checkLevel(level);
        Period asked = period == null || period.isBlank() ? null : RankingQuery.parsePeriod(period);
        AsOf when = AsOf.parse(asOf);
        Embargo embargo = releases.embargo();
        Versioned<Rankings> read = rankings.read(when);
        Period p = RankingService.resolvePeriod(read.data(), embargo, index, level, asked);
        AsOf pinned = embargo.pin(when, index, p.code());
        Versioned<Rankings> r = rankings.readPinned(pinned, read);
        Versioned<RankChanges> c = changes.read((r == read ? when : pinned).after(r));
        List<RankChange> rows = c.data().forUnit(index, level, p.code(), unit);
        RankChange head = rows.stream().filter(x -> x.nodeType().equals("index")).findFirst()
                .orElseThrow(() -> ApiException.notFound("unit", "no rank change of unit '" + unit + "' in index '"
                        + index + "' for period '" + p + "' (no ranking, or no previous period to compare with)"));
        List<ComponentChange> components = rows.stream().filter(x -> !x.nodeType().equals("index"))
                .map(x -> new ComponentChange(x.nodeCode(), x.nodeName(), x.contribution(), x.previousContribution(),
                        x.contributionChange(), x.shareOfChange(), x.note())).toList();
        Explanation e = new Explanation(index, level, p.code(), head.previousPeriod(), unit, head.unitName(), head.rank(),
                head.previousRank(), head.rankChange(), head.counterfactualRank(), head.rankChangeOwn(),
                head.rankChangeOthers(), head.rankLow(), head.rankHigh(), head.withinNoise(), head.comparable(),
                head.methodologyVersion(), head.previousMethodologyVersion(), head.note(), components,
                embargo.lake(r, c));
        return CsvResponse.of(csv, e, "rank-change-" + index + "-" + p.code() + "-" + unit + ".csv",
                ComponentChange.class, components);
    }
}
