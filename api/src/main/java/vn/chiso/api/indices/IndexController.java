package vn.chiso.api.indices;

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

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import vn.chiso.api.lake.AsOf;
import vn.chiso.api.lake.HasLake;
import vn.chiso.api.lake.LakeInfo;
import vn.chiso.api.lake.Versioned;
import vn.chiso.api.model.Period;
import vn.chiso.api.model.PeriodType;
import vn.chiso.api.rankings.RankingQuery;
import vn.chiso.api.rankings.RankingRepository;
import vn.chiso.api.rankings.RankingService;
import vn.chiso.api.rankings.Rankings;
import vn.chiso.api.releases.Embargo;
import vn.chiso.api.releases.ReleaseService;
import vn.chiso.api.system.AsOfParameter;

@RestController
class IndexController {

    /** An index with the levels it ranks and its periods per period type, oldest first. */
    record IndexInfo(String index, List<String> levels, List<String> periodTypes, Map<String, List<String>> periods,
                     String latestPeriod) {
    }

    record IndexList(List<IndexInfo> items, LakeInfo lake) implements HasLake {
    }

    /** An index, its periods and the methodology versions its scores were computed with. */
    record IndexDetail(String index, List<String> levels, Map<String, List<String>> periods, String latestPeriod,
                       List<IndexScores.Methodology> methodologies, LakeInfo lake) implements HasLake {
    }

    private final RankingRepository rankings;
    private final IndexScoreRepository scores;
    private final ReleaseService releases;

    IndexController(RankingRepository rankings, IndexScoreRepository scores, ReleaseService releases) {
        this.rankings = rankings;
        this.scores = scores;
        this.releases = releases;
    }

    @Operation(summary = "The ranked indices, with their levels and available periods",
            description = "The public sees published periods only; an index without one is left out.")
    @GetMapping("/api/v1/indices")
    IndexList indices(@Parameter(description = AsOfParameter.DESCRIPTION) @RequestParam(required = false) String asOf) {
        Embargo embargo = releases.embargo();
        Versioned<Rankings> current = rankings.read(AsOf.parse(asOf));
        List<IndexInfo> items = current.data().indices().stream().map(ip -> info(ip, embargo))
                .flatMap(Optional::stream).toList();
        return new IndexList(items, embargo.lake(current));
    }

    @Operation(summary = "One index: levels, periods and its methodology (components, indicators, weights, max points)",
            description = "Methodology as the scores in gold/index_scores show it, per methodology version.")
    @GetMapping("/api/v1/indices/{index}")
    IndexDetail index(@Parameter(example = "progress") @PathVariable String index,
                      @Parameter(description = AsOfParameter.DESCRIPTION) @RequestParam(required = false) String asOf) {
        RankingQuery.checkIndex(index);
        AsOf when = AsOf.parse(asOf);
        Embargo embargo = releases.embargo();
        Versioned<Rankings> current = rankings.read(when);
        RankingService.requireIndex(current.data(), index);
        Rankings.IndexPeriods ip = current.data().indices().stream().filter(i -> i.index().equals(index))
                .findFirst().orElseThrow();
        IndexInfo info = info(ip, embargo).orElse(null);
        if (info == null) {
            embargo.require(index, ip.periods().last().code());
        }
        Optional<Versioned<IndexScores>> s = scores.readIfPresent(when.after(current));
        List<IndexScores.Methodology> methodologies = s.map(v -> v.data().methodologies(index)).orElse(List.of())
                .stream().map(m -> new IndexScores.Methodology(m.version(),
                        m.periods().stream().filter(p -> embargo.visible(index, p)).toList(), m.nodes()))
                .filter(m -> !m.periods().isEmpty()).toList();
        LakeInfo lake = s.isPresent() ? embargo.lake(current, s.get()) : embargo.lake(current);
        return new IndexDetail(index, info.levels(), info.periods(), info.latestPeriod(), methodologies, lake);
    }

    private static Optional<IndexInfo> info(Rankings.IndexPeriods ip, Embargo embargo) {
        SortedSet<Period> visible = new TreeSet<>(ip.periods().stream()
                .filter(p -> embargo.visible(ip.index(), p.code())).toList());
        if (visible.isEmpty()) {
            return Optional.empty();
        }
        Map<String, List<String>> periods = new LinkedHashMap<>();
        for (PeriodType type : PeriodType.values()) {
            List<String> codes = visible.stream().filter(p -> p.type() == type).map(Period::code).toList();
            if (!codes.isEmpty()) {
                periods.put(type.code(), codes);
            }
        }
        return Optional.of(new IndexInfo(ip.index(), List.copyOf(ip.levels()), List.copyOf(periods.keySet()), periods,
                visible.last().code()));
    }
}
