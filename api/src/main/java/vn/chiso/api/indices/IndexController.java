package vn.chiso.api.indices;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import vn.chiso.api.lake.LakeInfo;
import vn.chiso.api.lake.Versioned;
import vn.chiso.api.model.Period;
import vn.chiso.api.model.PeriodType;
import vn.chiso.api.rankings.RankingRepository;
import vn.chiso.api.rankings.Rankings;

@RestController
class IndexController {

    /** An index with the levels it ranks and its periods per period type, oldest first. */
    record IndexInfo(String index, List<String> levels, List<String> periodTypes, Map<String, List<String>> periods,
                     String latestPeriod) {
    }

    record IndexList(List<IndexInfo> items, LakeInfo lake) {
    }

    private final RankingRepository rankings;

    IndexController(RankingRepository rankings) {
        this.rankings = rankings;
    }

    @Operation(summary = "The ranked indices, with their levels and available periods")
    @GetMapping("/api/v1/indices")
    IndexList indices() {
        Versioned<Rankings> current = rankings.current();
        List<IndexInfo> items = current.data().indices().stream().map(IndexController::info).toList();
        return new IndexList(items, LakeInfo.of(current));
    }

    private static IndexInfo info(Rankings.IndexPeriods ip) {
        Map<String, List<String>> periods = new LinkedHashMap<>();
        for (PeriodType type : PeriodType.values()) {
            List<String> codes = ip.periods().stream().filter(p -> p.type() == type).map(Period::code).toList();
            if (!codes.isEmpty()) {
                periods.put(type.code(), codes);
            }
        }
        return new IndexInfo(ip.index(), List.copyOf(ip.levels()), List.copyOf(periods.keySet()), periods,
                ip.periods().last().code());
    }
}
