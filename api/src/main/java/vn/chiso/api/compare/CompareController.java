package vn.chiso.api.compare;

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

@RestController
class CompareController {

    private final CompareService service;

    CompareController(CompareService service) {
        this.service = service;
    }

    @Operation(
            summary =
                    "2 to 10 units side by side in one index and period: rank, score, band, interval, KPIs, components",
            description = "JSON, or CSV (UTF-8 with BOM; units only) with format=csv or Accept: text/csv.")
    @GetMapping("/api/v1/compare")
    ResponseEntity<?> compare(
            @Parameter(description = "2 to 10 unit codes, comma-separated", example = "01,79")
                    @RequestParam(required = false)
                    String units,
            @Parameter(example = "progress") @RequestParam(defaultValue = "progress") String index,
            @Parameter(description = "2024, 2024-H1, 2024-Q3 or 2024-08; default the latest")
                    @RequestParam(required = false)
                    String period,
            @Parameter(description = "province or district") @RequestParam(defaultValue = "province") String level,
            @Parameter(description = "json or csv") @RequestParam(required = false) String format,
            @Parameter(description = AsOfParameter.DESCRIPTION) @RequestParam(required = false) String asOf,
            @Parameter(hidden = true) @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        boolean csv = CsvResponse.wantsCsv(format, accept);
        CompareService.Comparison c = service.compare(index, period, level, units, AsOf.parse(asOf));
        return CsvResponse.of(
                csv,
                c,
                "compare-" + c.index() + "-" + c.period() + ".csv",
                CompareService.CompareItem.class,
                c.items());
    }

    @Operation(
            summary = "Time series per unit of one index: score, rank, band, interval by period",
            description = "JSON, or CSV (UTF-8 with BOM) with format=csv or Accept: text/csv.")
    @GetMapping("/api/v1/trends")
    ResponseEntity<?> trends(
            @Parameter(description = "1 to 10 unit codes, comma-separated", example = "01,79")
                    @RequestParam(required = false)
                    String units,
            @Parameter(example = "progress") @RequestParam(defaultValue = "progress") String index,
            @Parameter(description = "province or district") @RequestParam(defaultValue = "province") String level,
            @Parameter(description = "year, half, quarter or month") @RequestParam(defaultValue = "year")
                    String periodType,
            @Parameter(description = "json or csv") @RequestParam(required = false) String format,
            @Parameter(description = AsOfParameter.DESCRIPTION) @RequestParam(required = false) String asOf,
            @Parameter(hidden = true) @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        boolean csv = CsvResponse.wantsCsv(format, accept);
        CompareService.Trends t = service.trends(index, level, periodType, units, AsOf.parse(asOf));
        return CsvResponse.of(
                csv,
                t,
                "trends-" + t.index() + "-" + t.periodType() + ".csv",
                CompareService.TrendPoint.class,
                t.items());
    }
}
