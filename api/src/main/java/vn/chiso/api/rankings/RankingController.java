package vn.chiso.api.rankings;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import vn.chiso.api.system.ApiException;
import vn.chiso.api.system.RecordCsv;

@RestController
class RankingController {

    static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private final RankingService service;

    RankingController(RankingService service) {
        this.service = service;
    }

    @Operation(summary = "One ranking list: an index at a level for a period",
            description = "Without period, the latest period of the index. JSON by default; CSV (UTF-8 with BOM) "
                    + "with format=csv or Accept: text/csv.")
    @ApiResponse(responseCode = "200", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = RankingPage.class)),
            @Content(mediaType = "text/csv")})
    @GetMapping("/api/v1/rankings")
    ResponseEntity<?> rankings(
            @Parameter(example = "progress") @RequestParam(defaultValue = "progress") String index,
            @Parameter(description = "2024, 2024-H1, 2024-Q3 or 2024-08") @RequestParam(required = false) String period,
            @Parameter(description = "province or district") @RequestParam(defaultValue = "province") String level,
            @Parameter(description = "socio-economic region name") @RequestParam(required = false) String region,
            @Parameter(description = "province code: only units of that province (districts are ranked within it)")
            @RequestParam(required = false) String province,
            @Parameter(description = "rank, score or name") @RequestParam(defaultValue = "rank") String sort,
            @RequestParam(defaultValue = "0") int page,
            @Parameter(description = "1 to " + RankingQuery.MAX_SIZE) @RequestParam(defaultValue = "100") int size,
            @Parameter(description = "json or csv") @RequestParam(required = false) String format,
            @Parameter(hidden = true) @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        boolean csv = wantsCsv(format, accept);
        RankingPage result = service.find(RankingQuery.of(index, period, level, region, province, sort, page, size));
        if (!csv) {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(result);
        }
        String filename = "rankings-" + result.index() + "-" + result.level() + "-" + result.period() + ".csv";
        return ResponseEntity.ok()
                .contentType(TEXT_CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(filename).build().toString())
                .header("X-Chiso-Lake-Versions", lakeVersions(result))
                .body(RecordCsv.write(RankingItem.class, result.items()));
    }

    /** CSV when asked by format=csv, or by an Accept header naming text/csv but not JSON. */
    private static boolean wantsCsv(String format, String accept) {
        if (format != null) {
            return switch (format.toLowerCase(Locale.ROOT)) {
                case "csv" -> true;
                case "json" -> false;
                default -> throw ApiException.badRequest("format",
                        "parameter 'format' must be json or csv; got '" + format + "'");
            };
        }
        if (accept == null) {
            return false;
        }
        List<MediaType> types;
        try {
            types = MediaType.parseMediaTypes(accept);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return types.stream().anyMatch(t -> t.isConcrete() && t.isCompatibleWith(TEXT_CSV))
                && types.stream().noneMatch(t -> t.isConcrete() && t.isCompatibleWith(MediaType.APPLICATION_JSON));
    }

    /** The CSV body has no room for the lake object, so the versions travel in a header. */
    private static String lakeVersions(RankingPage page) {
        return page.lake().tables().stream().map(t -> t.table() + "@" + t.version())
                .reduce((a, b) -> a + "," + b).orElse("");
    }
}
