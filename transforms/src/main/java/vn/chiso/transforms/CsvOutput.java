package vn.chiso.transforms;

import java.io.PrintStream;
import java.util.Iterator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** RFC 4180 CSV of a query result, streamed from the driver. */
final class CsvOutput {

    private CsvOutput() {}

    static void print(Dataset<Row> result, int limit, PrintStream out) {
        out.println(String.join(
                ",",
                java.util.Arrays.stream(result.columns()).map(CsvOutput::quote).toList()));
        Iterator<Row> rows = result.limit(limit).toLocalIterator();
        while (rows.hasNext()) {
            Row row = rows.next();
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length(); i++) {
                if (i > 0) {
                    line.append(',');
                }
                line.append(row.isNullAt(i) ? "" : quote(String.valueOf(row.get(i))));
            }
            out.println(line);
        }
        out.flush();
    }

    static String quote(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}
