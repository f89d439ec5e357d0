package vn.chiso.api.indices;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.chiso.api.lake.AsOf;
import vn.chiso.api.lake.HasLake;
import vn.chiso.api.lake.LakeInfo;
import vn.chiso.api.model.Period;
import vn.chiso.api.model.PeriodType;
import vn.chiso.api.rankings.RankingQuery;
import vn.chiso.api.rankings.RankingService;
import vn.chiso.api.releases.LakeView;
import vn.chiso.api.system.AsOfParameter;

@RestController
class IndexController {

    /** An index with the levels it ranks and its periods per period type, oldest first. */
    record IndexInfo(
            String index,
            List<String> levels,
            List<String> periodTypes,
            Map<String, List<String>> periods,
            String latestPeriod) {}

    record IndexList(List<IndexInfo> items, LakeInfo lake) implements HasLake {}

    /** An index, its periods and the methodology versions its scores were computed with. */
    record IndexDetail(
            String index,
            List<String> levels,
            Map<String, List<String>> periods,
            String latestPeriod,
            List<IndexScores.Methodology> methodologies,
            LakeInfo lake)
            implements HasLake {}

    private final RankingService rankings;

    IndexController(RankingService rankings) {
        this.rankings = rankings;
    }

    @Operation(
            summary = "The ranked indices, with their levels and available periods",
            description = "The public sees published periods only (at this asOf); an index without one is left out.")
    @GetMapping("/api/v1/indices")
    IndexList indices(@Parameter(description = AsOfParameter.DESCRIPTION) @RequestParam(required = false) String asOf) {
        LakeView view = rankings.view(AsOf.parse(asOf));
        List<IndexInfo> items = view.indexCodes().stream()
                .map(index -> info(view, index))
                .flatMap(Optional::stream)
                .toList();
        return new IndexList(items, view.lake());
    }

    @Operation(
            summary = "One index: levels, periods and its methodology (components, indicators, weights, max points)",
            description = "Methodology as the scores in gold/index_scores show it, per methodology version; the public "
                    + "sees the published periods only, each with the methodology it was published with.")
    @GetMapping("/api/v1/indices/{index}")
    IndexDetail index(
            @Parameter(example = "progress") @PathVariable String index,
            @Parameter(description = AsOfParameter.DESCRIPTION) @RequestParam(required = false) String asOf) {
        RankingQuery.checkIndex(index);
        LakeView view = rankings.view(AsOf.parse(asOf));
        view.requireIndex(index);
        IndexInfo info = info(view, index).orElse(null);
        if (info == null) {
            throw view.noneSeen(index);
        }
        List<IndexScores.Methodology> perPeriod = new ArrayList<>();
        for (String code :
                info.periods().values().stream().flatMap(List::stream).toList()) {
            Period p = Period.of(code);
            view.scores(index, p)
                    .flatMap(s -> s.data().methodology(index, code))
                    .ifPresent(perPeriod::add);
        }
        return new IndexDetail(
                index, info.levels(), info.periods(), info.latestPeriod(), IndexScores.combine(perPeriod), view.lake());
    }

    /** The index as this viewer sees it: its periods (per period type) and the levels they rank; empty if none. */
    private static Optional<IndexInfo> info(LakeView view, String index) {
        SortedSet<Period> visible = view.visiblePeriods(index);
        if (visible.isEmpty()) {
            return Optional.empty();
        }
        SortedSet<String> levels = new TreeSet<>();
        visible.forEach(p -> levels.addAll(view.levels(index, p)));
        Map<String, List<String>> periods = new LinkedHashMap<>();
        for (PeriodType type : PeriodType.values()) {
            List<String> codes = visible.stream()
                    .filter(p -> p.type() == type)
                    .map(Period::code)
                    .toList();
            if (!codes.isEmpty()) {
                periods.put(type.code(), codes);
            }
        }
        return Optional.of(new IndexInfo(
                index,
                List.copyOf(levels),
                List.copyOf(periods.keySet()),
                periods,
                visible.last().code()));
    }
}
