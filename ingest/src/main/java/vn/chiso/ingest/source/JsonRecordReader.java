package vn.chiso.ingest.source;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Records of a JSON file: the objects of its first array of objects (top level, or inside an
 * envelope such as {@code {"data": {"items": [...]}}}), or one object per line (JSON lines).
 * Nested objects are flattened ({@code unit.code}); numbers become text the way the lake's parsers
 * read them (no grouping, decimal comma). Records are numbered by position (JSON) or line (JSONL).
 */
public final class JsonRecordReader implements RecordReader {

    /** Decimals stay exact: 78.38 is read as the decimal 78.38, never as a double. */
    static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(com.fasterxml.jackson.databind.node.JsonNodeFactory.withExactBigDecimals(true));

    private final boolean lines;
    private final BufferedReader lineReader;
    private final JsonParser parser;
    private long index;
    private long lineNumber;

    public JsonRecordReader(InputStream in, boolean jsonLines) throws IOException {
        Reader reader = TextDecoding.reader(in);
        this.lines = jsonLines;
        if (jsonLines) {
            this.lineReader = new BufferedReader(reader);
            this.parser = null;
        } else {
            this.lineReader = null;
            this.parser = MAPPER.getFactory().createParser(reader);
            if (!seekArrayOfObjects()) {
                throw new IOException("JSON has no array of records");
            }
        }
    }

    /** Moves the parser into the first array whose elements are objects. */
    private boolean seekArrayOfObjects() throws IOException {
        JsonToken t;
        while ((t = parser.nextToken()) != null) {
            if (t == JsonToken.START_ARRAY) {
                JsonToken first = parser.nextToken();
                if (first == JsonToken.START_OBJECT) {
                    pending = true;
                    return true;
                }
                if (first == JsonToken.END_ARRAY) {
                    continue;
                }
                parser.skipChildren();
            }
        }
        return false;
    }

    private boolean pending;

    @Override
    public SourceRecord next() throws IOException {
        if (lines) {
            String line;
            while ((line = lineReader.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    JsonNode node = MAPPER.readTree(line);
                    if (node instanceof ObjectNode o) {
                        return record(o, lineNumber, line);
                    }
                    return malformed(lineNumber, line);
                } catch (IOException e) {
                    return malformed(lineNumber, line);
                }
            }
            return null;
        }
        JsonToken t = pending ? JsonToken.START_OBJECT : parser.nextToken();
        pending = false;
        if (t != JsonToken.START_OBJECT) {
            return null; // end of the array
        }
        index++;
        JsonNode node = MAPPER.readTree(parser);
        return record((ObjectNode) node, index, node.toString());
    }

    private static SourceRecord malformed(long line, String text) {
        return new SourceRecord(List.of(), line, text, null, List.of());
    }

    private static SourceRecord record(ObjectNode o, long number, String raw) {
        List<String> names = new ArrayList<>();
        List<String> values = new ArrayList<>();
        flatten("", o, names, values);
        return new SourceRecord(values, number, raw, null, names);
    }

    private static void flatten(String prefix, JsonNode node, List<String> names, List<String> values) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String name = prefix + f.getKey();
            JsonNode v = f.getValue();
            if (v.isObject()) {
                flatten(name + ".", v, names, values);
            } else {
                names.add(name);
                values.add(text(v));
            }
        }
    }

    static String text(JsonNode v) {
        if (v == null || v.isNull()) {
            return "";
        }
        if (v.isNumber()) {
            return XlsxRecordReader.plain(v.decimalValue());
        }
        if (v.isValueNode()) {
            return v.asText();
        }
        return v.toString();
    }

    @Override
    public void close() throws IOException {
        if (parser != null) {
            parser.close();
        }
        if (lineReader != null) {
            lineReader.close();
        }
    }
}
