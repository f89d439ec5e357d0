package vn.chiso.api.system;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Records as RFC 4180 CSV: a header of the component names, one line per record, CRLF line ends,
 * UTF-8 with a byte-order mark so that Excel shows Vietnamese names correctly. A text cell that a
 * spreadsheet would take for a formula (it begins with =, +, -, @, a tab or a carriage return: a unit
 * or component name from an ingested file) is neutralised with a leading single quote (OWASP's rule);
 * numbers, negative ones included, stay numbers, with the decimals of {@link Decimals}.
 */
public final class RecordCsv {

    private static final String BOM = "\uFEFF";

    private RecordCsv() {}

    /** Each record type's header line and component accessors, looked up once. */
    private static final ClassValue<Layout> LAYOUTS = new ClassValue<>() {
        @Override
        protected Layout computeValue(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            Method[] accessors = new Method[components.length];
            StringBuilder header = new StringBuilder();
            for (int i = 0; i < components.length; i++) {
                header.append(i == 0 ? "" : ",").append(quote(components[i].getName()));
                accessors[i] = components[i].getAccessor();
                accessors[i].setAccessible(true); // records nested in package-private classes
            }
            return new Layout(header.append("\r\n").toString(), accessors);
        }
    };

    private record Layout(String header, Method[] accessors) {}

    public static <R extends Record> byte[] write(Class<R> type, List<R> rows) {
        Layout layout = LAYOUTS.get(type);
        StringBuilder csv = new StringBuilder(BOM).append(layout.header());
        for (R row : rows) {
            for (int i = 0; i < layout.accessors().length; i++) {
                csv.append(i == 0 ? "" : ",").append(quote(value(layout.accessors()[i], row)));
            }
            csv.append("\r\n");
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String value(Method accessor, Record row) {
        try {
            Object value = accessor.invoke(row);
            if (value == null) {
                return "";
            }
            if (value instanceof BigDecimal d) { // the same decimals as the JSON answer
                return Decimals.round(accessor.getName(), d).toPlainString();
            }
            return value instanceof Number || value instanceof Boolean
                    ? value.toString()
                    : neutralise(value.toString());
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A text cell that begins like a formula, with a single quote before it. */
    static String neutralise(String text) {
        if (text.isEmpty()) {
            return text;
        }
        char first = text.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + text
                : text;
    }

    /** Quotes a cell when it holds a separator, a quote or a line break; inner quotes are doubled. */
    static String quote(String cell) {
        if (cell.indexOf(',') < 0 && cell.indexOf('"') < 0 && cell.indexOf('\n') < 0 && cell.indexOf('\r') < 0) {
            return cell;
        }
        return '"' + cell.replace("\"", "\"\"") + '"';
    }
}
