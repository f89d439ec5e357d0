package vn.chiso.api.crossindex;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.chiso.api.lake.AsOf;
import vn.chiso.api.system.AsOfParameter;
import vn.chiso.api.system.CsvResponse;

@RestController
class CrossIndexController {

    private final CrossIndexService service;

    CrossIndexController(CrossIndexService service) {
        this.service = service;
    }

    @Operation(
            summary = "A province in one year on every index side by side, with the previous year beside each",
            description = "Province rankings of year periods, as /api/v1/rankings shows them (the public: published "
                    + "rankings only). Without period, the latest year the province is ranked in. JSON, or CSV "
                    + "(UTF-8 with BOM) with format=csv or Accept: text/csv.")
    @ApiResponse(
            responseCode = "200",
            content = {
                @Content(
                        mediaType = MediaType.APPLICATION_JSON_VALUE,
                        schema = @Schema(implementation = ProvinceIndices.class)),
                @Content(mediaType = "text/csv")
            })
    @GetMapping("/api/v1/provinces/{code}/indices")
    ResponseEntity<?> province(
            @Parameter(example = "01") @PathVariable String code,
            @Parameter(description = "a year, e.g. 2024; default the latest") @RequestParam(required = false)
                    String period,
            @Parameter(description = "json or csv") @RequestParam(required = false) String format,
            @Parameter(description = AsOfParameter.DESCRIPTION) @RequestParam(required = false) String asOf,
            @Parameter(hidden = true) @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        boolean csv = CsvResponse.wantsCsv(format, accept);
        ProvinceIndices p = service.province(code, period, AsOf.parse(asOf));
        return CsvResponse.of(
                csv,
                p,
                "province-indices-" + p.provinceCode() + "-" + p.period() + ".csv",
                IndexPosition.class,
                p.items());
    }

    @Operation(
            summary = "Which indices agree: rank correlation between every two indices in one year",
            description = "Spearman's rho (average ranks for ties) and Kendall's tau-b over the provinces ranked "
                    + "on both indices, from the province rankings /api/v1/rankings shows (the public: published "
                    + "rankings only). Without period, the latest year. JSON, or CSV (UTF-8 with BOM) with "
                    + "format=csv or Accept: text/csv.")
    @ApiResponse(
            responseCode = "200",
            content = {
                @Content(
                        mediaType = MediaType.APPLICATION_JSON_VALUE,
                        schema = @Schema(implementation = IndexCorrelations.class)),
                @Content(mediaType = "text/csv")
            })
    @GetMapping("/api/v1/indices/correlations")
    ResponseEntity<?> correlations(
            @Parameter(description = "a year, e.g. 2024; default the latest") @RequestParam(required = false)
                    String period,
            @Parameter(description = "json or csv") @RequestParam(required = false) String format,
            @Parameter(description = AsOfParameter.DESCRIPTION) @RequestParam(required = false) String asOf,
            @Parameter(hidden = true) @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        boolean csv = CsvResponse.wantsCsv(format, accept);
        IndexCorrelations c = service.correlations(period, AsOf.parse(asOf));
        return CsvResponse.of(csv, c, "index-correlations-" + c.period() + ".csv", IndexCorrelation.class, c.items());
    }
}
