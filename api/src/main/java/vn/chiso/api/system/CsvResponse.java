package vn.chiso.api.system;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import vn.chiso.api.lake.HasLake;
import vn.chiso.api.lake.LakeInfo;

/** A list as JSON or, when asked, as CSV (UTF-8 with BOM) with the lake versions in a header. */
public final class CsvResponse {

    public static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private CsvResponse() {}

    /** CSV when asked by format=csv, or by an Accept header naming text/csv but not JSON. */
    public static boolean wantsCsv(String format, String accept) {
        if (format != null) {
            return switch (format.toLowerCase(Locale.ROOT)) {
                case "csv" -> true;
                case "json" -> false;
                default ->
                    throw ApiException.badRequest(
                            "format", "parameter 'format' must be json or csv; got '" + format + "'");
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

    /** {@code body} as JSON, or {@code rows} as CSV named {@code filename}. */
    public static <R extends Record> ResponseEntity<?> of(
            boolean csv, HasLake body, String filename, Class<R> type, List<R> rows) {
        if (!csv) {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
        }
        String safe = filename.replaceAll("[^A-Za-z0-9._-]", "_");
        return ResponseEntity.ok()
                .contentType(TEXT_CSV)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(safe).build().toString())
                .header(LakeInfo.HEADER, body.lake().header())
                .body(RecordCsv.write(type, rows));
    }
}
