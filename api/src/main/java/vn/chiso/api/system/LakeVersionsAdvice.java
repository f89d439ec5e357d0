package vn.chiso.api.system;

import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;
import vn.chiso.api.lake.HasLake;
import vn.chiso.api.lake.LakeInfo;
import vn.chiso.api.security.Viewer;

/**
 * Every answer computed from the lake names its table versions in {@code X-Chiso-Lake-Versions} and
 * gets an ETag keyed on them, on who may see drafts, and on the representation (JSON or CSV): the
 * same request against the same versions is the same answer. {@code If-None-Match} with it → 304.
 */
@RestControllerAdvice
class LakeVersionsAdvice implements ResponseBodyAdvice<Object> {

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(
            Object body,
            MethodParameter returnType,
            MediaType contentType,
            Class<? extends HttpMessageConverter<?>> converterType,
            ServerHttpRequest request,
            ServerHttpResponse response) {
        if (!(response instanceof ServletServerHttpResponse servlet)) {
            return body;
        }
        HttpServletResponse res = servlet.getServletResponse();
        String versions;
        if (body instanceof HasLake h) {
            versions = h.lake().header();
            res.setHeader(LakeInfo.HEADER, versions);
        } else {
            versions = response.getHeaders().getFirst(LakeInfo.HEADER);
        }
        if (versions == null
                || res.getStatus() != HttpStatus.OK.value()
                || !(HttpMethod.GET.equals(request.getMethod()) || HttpMethod.HEAD.equals(request.getMethod()))) {
            return body;
        }
        String etag = etag(versions + "|" + Viewer.current().audience() + "|" + contentType + "|"
                + request.getURI().getRawQuery());
        res.setHeader(HttpHeaders.ETAG, etag);
        String ifNoneMatch = request.getHeaders().getFirst(HttpHeaders.IF_NONE_MATCH);
        if (ifNoneMatch != null && matches(ifNoneMatch, etag)) {
            res.setStatus(HttpStatus.NOT_MODIFIED.value());
            return null;
        }
        return body;
    }

    static boolean matches(String ifNoneMatch, String etag) {
        for (String candidate : ifNoneMatch.split(",")) {
            String c = candidate.strip();
            if (c.startsWith("W/")) {
                c = c.substring(2);
            }
            if (c.equals("*") || c.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    static String etag(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
