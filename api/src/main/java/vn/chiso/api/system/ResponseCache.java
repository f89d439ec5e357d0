package vn.chiso.api.system;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedCaseInsensitiveMap;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.filter.ServerHttpObservationFilter;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.util.ContentCachingResponseWrapper;
import vn.chiso.api.lake.DeltaLake;
import vn.chiso.api.security.Viewer;

/**
 * Answers from memory: a GET of {@code /api/v1/**} is the same answer for everyone of one audience
 * (the public, or those who see drafts: {@link Viewer#audience()}; the embargo keeps no other
 * per-user state) while the lake's versions stay the same, so its bytes are kept, keyed on the
 * audience, path, parameters, Accept and Origin and on the versions of every table the API reads
 * ({@link DeltaLake#fingerprint()}); a new version of any table, a publish or a withdraw changes the
 * key. The key is taken after authentication (a wrong token never gets here), so a reviewer's
 * requests cost what the public's do and never see the public's entries, nor the public theirs.
 * Answers carry {@code X-Chiso-Cache: hit|miss}, counted in {@code chiso_response_cache_total{result}}.
 * {@code chiso.response-cache.max-bytes} bounds the memory (least recently used out; 0 turns it off).
 */
@Component
@Order(0) // after Spring Security's filters (-100), so a cached answer passed the same checks
class ResponseCache extends OncePerRequestFilter {

    static final String HEADER = "X-Chiso-Cache";
    private static final int LARGEST_ANSWER = 1 << 20;

    private record Answer(String contentType, Map<String, List<String>> headers, byte[] body, String pathPattern) {
        long bytes() {
            return body.length + 128L * headers.size() + 256;
        }

        String etag() {
            List<String> etag = headers.get(HttpHeaders.ETAG);
            return etag == null ? null : etag.get(0);
        }
    }

    private final DeltaLake lake;
    private final long maxBytes;
    private final Counter hits;
    private final Counter misses;
    private final LinkedHashMap<String, Answer> answers = new LinkedHashMap<>(256, 0.75f, true);
    private long bytes;

    ResponseCache(
            DeltaLake lake, @Value("${chiso.response-cache.max-bytes:33554432}") long maxBytes, MeterRegistry meters) {
        this.lake = lake;
        this.maxBytes = maxBytes;
        this.hits = meters.counter("chiso.response.cache", "result", "hit");
        this.misses = meters.counter("chiso.response.cache", "result", "miss");
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return maxBytes <= 0
                || !"GET".equals(request.getMethod())
                || !path.startsWith("/api/v1/")
                || path.startsWith("/api/v1/admin/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String versions = lake.fingerprint();
        String key = key(request) + versions;
        Answer hit = get(key);
        if (hit != null) {
            hits.increment();
            replay(hit, request, response);
            return;
        }
        misses.increment();
        ContentCachingResponseWrapper recorder = new ContentCachingResponseWrapper(response);
        recorder.setHeader(HEADER, "miss");
        try {
            chain.doFilter(request, recorder);
            byte[] body = recorder.getContentAsByteArray();
            if (recorder.getStatus() == HttpStatus.OK.value()
                    && body.length <= LARGEST_ANSWER
                    && !recorder.containsHeader(HttpHeaders.SET_COOKIE)
                    && versions.equals(lake.fingerprint())) {
                put(key, new Answer(recorder.getContentType(), headers(recorder), body, (String)
                        request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE)));
            }
        } finally {
            recorder.copyBodyToResponse();
        }
    }

    /** Audience, path, every parameter (from the query or elsewhere), Accept and Origin; the versions follow. */
    private static String key(HttpServletRequest request) {
        StringBuilder key = new StringBuilder(Viewer.current().audience())
                .append('\0')
                .append(request.getRequestURI())
                .append('\0');
        new TreeMap<>(request.getParameterMap()).forEach((name, values) -> {
            key.append(name).append('=');
            for (String value : values) {
                key.append(value).append('\1');
            }
            key.append('\0');
        });
        return key.append(request.getHeader(HttpHeaders.ACCEPT))
                .append('\0')
                .append(request.getHeader(HttpHeaders.ORIGIN))
                .append('\0')
                .toString();
    }

    private static void replay(Answer answer, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        if (answer.pathPattern() != null) { // metrics name the endpoint as they do for a computed answer
            ServerHttpObservationFilter.findObservationContext(request)
                    .ifPresent(c -> c.setPathPattern(answer.pathPattern()));
        }
        answer.headers().forEach((name, values) -> {
            response.setHeader(name, values.get(0));
            values.subList(1, values.size()).forEach(v -> response.addHeader(name, v));
        });
        response.setHeader(HEADER, "hit");
        String ifNoneMatch = request.getHeader(HttpHeaders.IF_NONE_MATCH);
        if (answer.etag() != null && ifNoneMatch != null && LakeVersionsAdvice.matches(ifNoneMatch, answer.etag())) {
            response.setStatus(HttpStatus.NOT_MODIFIED.value());
            return;
        }
        response.setStatus(HttpStatus.OK.value());
        response.setContentType(answer.contentType());
        response.setContentLength(answer.body().length);
        response.getOutputStream().write(answer.body());
    }

    /** The answer's headers but its length and type (set apart) and the cache's own. */
    private static Map<String, List<String>> headers(HttpServletResponse response) {
        Map<String, List<String>> headers = new LinkedCaseInsensitiveMap<>();
        for (String name : response.getHeaderNames()) {
            if (!name.equalsIgnoreCase(HEADER)
                    && !name.equalsIgnoreCase(HttpHeaders.CONTENT_LENGTH)
                    && !name.equalsIgnoreCase(HttpHeaders.CONTENT_TYPE)) {
                headers.put(name, List.copyOf(response.getHeaders(name)));
            }
        }
        return headers;
    }

    private synchronized Answer get(String key) {
        return answers.get(key);
    }

    private synchronized void put(String key, Answer answer) {
        Answer old = answers.put(key, answer);
        bytes += answer.bytes() - (old == null ? 0 : old.bytes());
        for (Iterator<Map.Entry<String, Answer>> it = answers.entrySet().iterator();
                bytes > maxBytes && it.hasNext(); ) {
            bytes -= it.next().getValue().bytes();
            it.remove();
        }
    }
}
