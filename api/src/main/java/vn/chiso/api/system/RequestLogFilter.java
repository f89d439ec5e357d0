package vn.chiso.api.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import vn.chiso.api.lake.LakeInfo;

/**
 * One structured line per request on logger {@code chiso.request}: method, path, query, status,
 * duration, lake versions, user. Key-value pairs for structured (JSON) logging
 * ({@code logging.structured.format.console=ecs|logstash}), logfmt text otherwise. Off with
 * {@code logging.level.chiso.request=WARN}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestLogFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger("chiso.request");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!log.isInfoEnabled()) {
            chain.doFilter(request, response);
            return;
        }
        long start = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            long micros = (System.nanoTime() - start) / 1000;
            String query = request.getQueryString();
            String versions = response.getHeader(LakeInfo.HEADER);
            String user = request.getRemoteUser();
            log.atInfo()
                    .addKeyValue("method", request.getMethod())
                    .addKeyValue("path", request.getRequestURI())
                    .addKeyValue("query", query)
                    .addKeyValue("status", response.getStatus())
                    .addKeyValue("duration_ms", micros / 1000.0)
                    .addKeyValue("lake_versions", versions)
                    .addKeyValue("user", user)
                    .log(
                            "method={} path={} query=\"{}\" status={} duration_ms={} lake_versions={} user={}",
                            request.getMethod(),
                            request.getRequestURI(),
                            query == null ? "" : query,
                            response.getStatus(),
                            millis(micros),
                            versions == null ? "" : versions,
                            user == null ? "-" : user);
        }
    }

    /** Microseconds as milliseconds with three decimals ({@code 1.230}), in any locale and without a formatter. */
    static String millis(long micros) {
        String fraction = String.valueOf(1000 + micros % 1000);
        return micros / 1000 + "." + fraction.substring(1);
    }
}
