package vn.chiso.api.briefs;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.chiso.api.lake.AsOf;
import vn.chiso.api.lake.LakeInfo;
import vn.chiso.api.system.ApiException;
import vn.chiso.api.system.AsOfParameter;

/** Leadership briefs in Vietnamese, as PDF or HTML, under the same embargo as every answer. */
@RestController
class BriefController {

    private static final String[] FORMATS = {MediaType.APPLICATION_PDF_VALUE, MediaType.TEXT_HTML_VALUE};

    private final Briefs briefs;

    BriefController(Briefs briefs) {
        this.briefs = briefs;
    }

    @Operation(
            summary = "A province's briefing: every index, what moved it, peers, where the next points are",
            description = "PDF (Accept: application/pdf, the default) or HTML (Accept: text/html or format=html). "
                    + "The public sees published rankings only; X-Chiso-Lake-Versions rebuilds it as asOf.")
    @GetMapping(
            value = "/api/v1/provinces/{code}/brief",
            produces = {MediaType.APPLICATION_PDF_VALUE, MediaType.TEXT_HTML_VALUE})
    ResponseEntity<byte[]> province(
            @Parameter(example = "22") @PathVariable String code,
            @Parameter(example = "2024") @RequestParam(required = false) String period,
            @Parameter(description = "pdf or html; without it, the Accept header decides")
                    @RequestParam(required = false)
                    String format,
            @Parameter(description = AsOfParameter.DESCRIPTION) @RequestParam(required = false) String asOf,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        boolean html = html(format, accept);
        Briefs.Rendered r = briefs.province(code, period, AsOf.parse(asOf), html);
        return answer(r, html, "bao-cao-" + code + "-" + r.period());
    }

    @Operation(
            summary =
                    "The national overview: top and bottom ten per index, movers, regional averages, rank correlations")
    @GetMapping(
            value = "/api/v1/brief/national",
            produces = {MediaType.APPLICATION_PDF_VALUE, MediaType.TEXT_HTML_VALUE})
    ResponseEntity<byte[]> national(
            @Parameter(example = "2024") @RequestParam(required = false) String period,
            @RequestParam(required = false) String format,
            @Parameter(description = AsOfParameter.DESCRIPTION) @RequestParam(required = false) String asOf,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        boolean html = html(format, accept);
        Briefs.Rendered r = briefs.national(period, AsOf.parse(asOf), html);
        return answer(r, html, "tong-quan-" + r.period());
    }

    /** HTML when asked by format=html, or when the Accept header names HTML and not PDF. */
    static boolean html(String format, String accept) {
        if (format != null && !format.isBlank()) {
            if (!format.equals("pdf") && !format.equals("html")) {
                throw ApiException.badRequest("format", "parameter 'format' must be pdf or html; got '" + format + "'");
            }
            return format.equals("html");
        }
        return accept != null && accept.contains(FORMATS[1]) && !accept.contains(FORMATS[0]);
    }

    private static ResponseEntity<byte[]> answer(Briefs.Rendered r, boolean html, String name) {
        return ResponseEntity.ok()
                .contentType(
                        html ? new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8) : MediaType.APPLICATION_PDF)
                .header(LakeInfo.HEADER, r.lake().header())
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        "inline; filename=\"" + name + (html ? ".html" : ".pdf") + "\"")
                .body(r.bytes());
    }
}
