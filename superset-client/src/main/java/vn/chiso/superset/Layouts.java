package vn.chiso.superset;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * A dashboard's {@code position_json} from its layout: ROOT → GRID → rows of charts and
 * markdown (widths out of Superset's 12 columns, heights in its 8-pixel grid units), headers
 * between rows. A chart waiting for columns is shown as its fallback markdown instead.
 */
final class Layouts {

    static final int DEFAULT_WIDTH = 4;
    static final int DEFAULT_HEIGHT = 50;
    static final int DISABLED_HEIGHT = 25;

    private Layouts() {}

    static ObjectNode positions(Definitions.Dashboard d, Map<String, Integer> chartIds, Map<String, String> disabled) {
        ObjectNode pos = Json.object();
        ArrayNode gridChildren = skeleton(pos, d.title());
        int r = 0;
        if (d.description() != null && !d.description().isBlank()) {
            String row = "ROW-" + (++r);
            gridChildren.add(row);
            ArrayNode children = row(pos, row);
            markdown(pos, row, "MARKDOWN-intro", d.description().strip(), 12, 12, children);
        }
        for (List<Definitions.Item> items : d.layout()) {
            r++;
            if (items.size() == 1 && items.get(0).header() != null) {
                header(pos, "HEADER-" + r, items.get(0).header(), gridChildren);
                continue;
            }
            String row = "ROW-" + r;
            gridChildren.add(row);
            ArrayNode children = row(pos, row);
            int c = 0;
            for (Definitions.Item it : items) {
                c++;
                int width = it.width() == null ? DEFAULT_WIDTH : it.width();
                int height = it.height() == null ? DEFAULT_HEIGHT : it.height();
                if (it.markdown() != null) {
                    markdown(pos, row, "MARKDOWN-" + r + "-" + c, it.markdown().strip(), width, height, children);
                } else if (it.chart() != null && disabled.containsKey(it.chart())) {
                    // a short note, not the chart's full height
                    markdown(
                            pos,
                            row,
                            "MARKDOWN-" + it.chart(),
                            disabled.get(it.chart()).strip(),
                            width,
                            Math.min(height, DISABLED_HEIGHT),
                            children);
                } else if (it.chart() != null) {
                    Definitions.Chart chart = d.charts().get(it.chart());
                    chart(pos, row, it.chart(), chartIds.get(it.chart()), chart.title(), width, height, children);
                }
            }
        }
        return pos;
    }

    /** The version key, ROOT, the dashboard's title header and the GRID; returns the grid's children. */
    private static ArrayNode skeleton(ObjectNode pos, String title) {
        pos.put("DASHBOARD_VERSION_KEY", "v2");
        pos.putObject("ROOT_ID")
                .put("type", "ROOT")
                .put("id", "ROOT_ID")
                .putArray("children")
                .add("GRID_ID");
        pos.putObject("HEADER_ID")
                .put("type", "HEADER")
                .put("id", "HEADER_ID")
                .putObject("meta")
                .put("text", title);
        ObjectNode grid = pos.putObject("GRID_ID").put("type", "GRID").put("id", "GRID_ID");
        ArrayNode gridChildren = grid.putArray("children");
        grid.putArray("parents").add("ROOT_ID");
        return gridChildren;
    }

    /** A section header between rows, directly in the grid. */
    private static void header(ObjectNode pos, String id, String text, ArrayNode gridChildren) {
        gridChildren.add(id);
        ObjectNode h = pos.putObject(id).put("type", "HEADER").put("id", id);
        h.putArray("children");
        h.putArray("parents").add("ROOT_ID").add("GRID_ID");
        h.putObject("meta")
                .put("text", text)
                .put("headerSize", "MEDIUM_HEADER")
                .put("background", "BACKGROUND_TRANSPARENT");
    }

    private static void chart(
            ObjectNode pos,
            String row,
            String key,
            Integer chartId,
            String title,
            int width,
            int height,
            ArrayNode rowChildren) {
        String id = "CHART-" + key;
        rowChildren.add(id);
        ObjectNode ch = pos.putObject(id).put("type", "CHART").put("id", id);
        ch.putArray("children");
        ch.putArray("parents").add("ROOT_ID").add("GRID_ID").add(row);
        ch.putObject("meta")
                .put("chartId", chartId)
                .put("width", width)
                .put("height", height)
                .put("sliceName", title);
    }

    private static ArrayNode row(ObjectNode pos, String id) {
        ObjectNode row = pos.putObject(id).put("type", "ROW").put("id", id);
        ArrayNode children = row.putArray("children");
        row.putArray("parents").add("ROOT_ID").add("GRID_ID");
        row.putObject("meta").put("background", "BACKGROUND_TRANSPARENT");
        return children;
    }

    private static void markdown(
            ObjectNode pos, String row, String id, String code, int width, int height, ArrayNode rowChildren) {
        rowChildren.add(id);
        ObjectNode md = pos.putObject(id).put("type", "MARKDOWN").put("id", id);
        md.putArray("children");
        md.putArray("parents").add("ROOT_ID").add("GRID_ID").add(row);
        md.putObject("meta").put("width", width).put("height", height).put("code", code);
    }
}
