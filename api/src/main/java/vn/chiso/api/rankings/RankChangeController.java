package vn.chiso.api.rankings;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.chiso.api.lake.AsOf;
import vn.chiso.api.system.AsOfParameter;
import vn.chiso.api.system.CsvResponse;

/** Rank-change explanations, JSON or CSV. */
@RestController
class RankChangeController {

    private final RankChangeService service;

    RankChangeController(RankChangeService service) {
        this.service = service;
    }

    @Operation(
            summary = "Explanation of a unit's rank change against the previous period, by component",
            description = "From gold/rank_changes. JSON, or the components as CSV (UTF-8 with BOM) with format=csv.")
    @GetMapping("/api/v1/rank-changes")
    ResponseEntity<?> explain(
            @Parameter(description = "unit code", example = "01") @RequestParam(required = false) String unit,
            @Parameter(example = "progress") @RequestParam(defaultValue = "progress") String index,
            @Parameter(description = "2024, 2024-Q3, …; default the latest") @RequestParam(required = false)
                    String period,
            @Parameter(description = "province or district") @RequestParam(defaultValue = "province") String level,
            @Parameter(description = "json or csv") @RequestParam(required = false) String format,
            @Parameter(description = AsOfParameter.DESCRIPTION) @RequestParam(required = false) String asOf,
            @Parameter(hidden = true) @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        boolean csv = CsvResponse.wantsCsv(format, accept);
        RankChangeService.Explanation e = service.explain(unit, index, period, level, AsOf.parse(asOf));
        return CsvResponse.of(
                csv,
                e,
                "rank-change-" + index + "-" + e.period() + "-" + unit + ".csv",
                RankChangeService.ComponentChange.class,
                e.components());
    }
}
