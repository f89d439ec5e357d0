package vn.chiso.api.rankings;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.chiso.api.lake.AsOf;
import vn.chiso.api.system.AsOfParameter;
import vn.chiso.api.system.CsvResponse;

@RestController
class RankingController {

    static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private final RankingService service;

    RankingController(RankingService service) {
        this.service = service;
    }

    @Operation(
            summary = "One ranking list: an index at a level for a period",
            description = "Without period, the latest period of the index. JSON by default; CSV (UTF-8 with BOM) "
                    + "with format=csv or Accept: text/csv.")
    @ApiResponse(
            responseCode = "200",
            content = {
                @Content(
                        mediaType = MediaType.APPLICATION_JSON_VALUE,
                        schema = @Schema(implementation = RankingPage.class)),
                @Content(mediaType = "text/csv")
            })
    @GetMapping("/api/v1/rankings")
    ResponseEntity<?> rankings(
            @Parameter(example = "progress") @RequestParam(defaultValue = "progress") String index,
            @Parameter(description = "2024, 2024-H1, 2024-Q3 or 2024-08") @RequestParam(required = false) String period,
            @Parameter(description = "province or district") @RequestParam(defaultValue = "province") String level,
            @Parameter(description = "socio-economic region name") @RequestParam(required = false) String region,
            @Parameter(description = "province code: only units of that province (districts are ranked within it)")
                    @RequestParam(required = false)
                    String province,
            @Parameter(description = "rank, score or name") @RequestParam(defaultValue = "rank") String sort,
            @RequestParam(defaultValue = "0") int page,
            @Parameter(description = "1 to " + RankingQuery.MAX_SIZE) @RequestParam(defaultValue = "100") int size,
            @Parameter(description = "json or csv") @RequestParam(required = false) String format,
            @Parameter(description = AsOfParameter.DESCRIPTION) @RequestParam(required = false) String asOf,
            @Parameter(hidden = true) @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        boolean csv = CsvResponse.wantsCsv(format, accept);
        RankingPage result = service.find(
                RankingQuery.of(index, period, level, region, province, sort, page, size), AsOf.parse(asOf));
        return CsvResponse.of(
                csv,
                result,
                "rankings-" + result.index() + "-" + result.level() + "-" + result.period() + ".csv",
                RankingItem.class,
                result.items());
    }
}
