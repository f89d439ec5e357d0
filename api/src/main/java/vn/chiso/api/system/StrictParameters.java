package vn.chiso.api.system;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Strict requests to {@code /api/**}: a query string with a broken %-escape, a parameter the endpoint
 * does not take (a typo, {@code period[]}), one given twice or empty ({@code period=}), one with control
 * characters, an integer that is not plain decimal ({@code size=0x10}) — each a 400 naming it. An Accept
 * header that is malformed is a 400; one that admits none of the endpoint's representations (its mapping's
 * {@code produces} and problem+json; else JSON, problem+json, and CSV where {@code format} is taken) a 406. Answers vary on Accept and say so.
 */
final class StrictParameters implements HandlerInterceptor {

    private static final Pattern BROKEN_ESCAPE = Pattern.compile("%(?![0-9A-Fa-f]{2})");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?\\d{1,19}");
    private static final Set<Class<?>> INTEGERS =
            Set.of(int.class, Integer.class, long.class, Long.class, short.class, Short.class);

    /** What an endpoint takes: its query parameters, the integer ones, and whether it also answers CSV. */
    private record Spec(Set<String> names, Set<String> integers, List<MediaType> produces) {}

    private static final DefaultParameterNameDiscoverer NAMES = new DefaultParameterNameDiscoverer();
    private final Map<Method, Spec> specs = new ConcurrentHashMap<>();

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        response.addHeader(HttpHeaders.VARY, HttpHeaders.ACCEPT);
        Spec spec = specs.computeIfAbsent(method.getMethod(), m -> spec(method));
        checkQuery(request.getQueryString());
        request.getParameterMap().forEach((name, values) -> check(spec, name, values));
        checkAccept(spec, request.getHeader(HttpHeaders.ACCEPT));
        return true;
    }

    private static Spec spec(HandlerMethod method) {
        Set<String> names = new java.util.HashSet<>();
        Set<String> integers = new java.util.HashSet<>();
        for (MethodParameter p : method.getMethodParameters()) {
            p.initParameterNameDiscovery(NAMES);
            RequestParam param = p.getParameterAnnotation(RequestParam.class);
            if (param == null) {
                continue;
            }
            String name = !param.name().isEmpty()
                    ? param.name()
                    : !param.value().isEmpty() ? param.value() : p.getParameterName();
            names.add(name);
            if (INTEGERS.contains(p.getParameterType())) {
                integers.add(name);
            }
        }
        return new Spec(Set.copyOf(names), Set.copyOf(integers), produces(method, names.contains("format")));
    }

    /** The mapping's declared {@code produces} (plus problem+json for errors), else JSON and CSV by {@code format}. */
    private static List<MediaType> produces(HandlerMethod method, boolean format) {
        RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(method.getMethod(), RequestMapping.class);
        if (mapping != null && mapping.produces().length > 0) {
            List<MediaType> declared = new ArrayList<>(MediaType.parseMediaTypes(List.of(mapping.produces())));
            declared.add(MediaType.APPLICATION_PROBLEM_JSON);
            return List.copyOf(declared);
        }
        return format
                ? List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON, CsvResponse.TEXT_CSV)
                : List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON);
    }

    private static void checkQuery(String query) {
        if (query != null && BROKEN_ESCAPE.matcher(query).find()) {
            throw ApiException.badRequest(null, "the query string has a '%' that is not followed by two hex digits");
        }
    }

    private static void check(Spec spec, String name, String[] values) {
        if (!spec.names().contains(name)) {
            throw ApiException.badRequest(
                    shorten(name),
                    "unknown parameter '" + shorten(name) + "'; this endpoint takes "
                            + (spec.names().isEmpty()
                                    ? "none"
                                    : spec.names().stream().sorted().collect(Collectors.joining(", "))));
        }
        if (values.length != 1) {
            throw ApiException.badRequest(name, "parameter '" + name + "' is given " + values.length + " times");
        }
        String value = values[0];
        if (value.isBlank()) {
            throw ApiException.badRequest(name, "parameter '" + name + "' is empty; leave it out for the default");
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw ApiException.badRequest(name, "parameter '" + name + "' contains control characters");
        }
        if (spec.integers().contains(name) && !DECIMAL.matcher(value).matches()) {
            throw ApiException.badRequest(
                    name, "parameter '" + name + "' must be a decimal integer; got '" + shorten(value) + "'");
        }
    }

    private static void checkAccept(Spec spec, String accept) {
        if (accept == null || accept.isBlank()) {
            return;
        }
        List<MediaType> types;
        try {
            types = MediaType.parseMediaTypes(accept);
        } catch (InvalidMediaTypeException e) {
            throw ApiException.badRequest("Accept", "the Accept header is malformed: " + shorten(accept));
        }
        boolean acceptable = types.stream()
                .anyMatch(
                        t -> t.getQualityValue() > 0 && spec.produces().stream().anyMatch(t::isCompatibleWith));
        if (!acceptable) {
            throw ApiException.notAcceptable("this endpoint answers "
                    + spec.produces().stream()
                            .map(t -> t.getType() + "/" + t.getSubtype())
                            .collect(Collectors.joining(", "))
                    + "; the Accept header admits none of them: " + shorten(accept));
        }
    }

    private static String shorten(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "…";
    }
}
