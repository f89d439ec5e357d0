package vn.chiso.briefs;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import vn.chiso.briefs.model.TrendPoint;

/**
 * A province's score on one index over the years as an inline SVG line chart: score axis scaled to
 * the data, one labelled point per year (score above, rank below). Labels are digits only, so any
 * SVG renderer draws them.
 */
public final class TrendChart {

    /** The line's colour; tests look for it in rendered pages. */
    public static final String LINE_COLOUR = "#c0392b";

    private static final int WIDTH = 640;
    private static final int HEIGHT = 170;
    private static final int LEFT = 44;
    private static final int RIGHT = 20;
    private static final int TOP = 22;
    private static final int BOTTOM = 40;

    private final VietnameseFormat format = new VietnameseFormat();

    public String svg(String id, List<TrendPoint> points) {
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"%s\" class=\"chart\" "
                        + "width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\">",
                id,
                WIDTH,
                HEIGHT,
                WIDTH,
                HEIGHT));
        svg.append(String.format(
                Locale.ROOT,
                "<rect x=\"0\" y=\"0\" width=\"%d\" height=\"%d\" fill=\"#ffffff\" " + "stroke=\"#bbbbbb\"/>",
                WIDTH,
                HEIGHT));
        if (points.isEmpty()) {
            return svg.append("</svg>").toString();
        }
        double min =
                points.stream().mapToDouble(p -> p.score().doubleValue()).min().orElse(0);
        double max =
                points.stream().mapToDouble(p -> p.score().doubleValue()).max().orElse(1);
        double pad = Math.max((max - min) * 0.15, 1);
        double low = Math.floor(min - pad);
        double high = Math.ceil(max + pad);
        grid(svg, low, high);
        StringBuilder line = new StringBuilder();
        StringBuilder marks = new StringBuilder();
        for (int i = 0; i < points.size(); i++) {
            TrendPoint p = points.get(i);
            double x = x(i, points.size());
            double y = y(p.score().doubleValue(), low, high);
            line.append(String.format(Locale.ROOT, "%s%.1f,%.1f", i == 0 ? "" : " ", x, y));
            marks.append(String.format(
                    Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\"/>", x, y, LINE_COLOUR));
            marks.append(label(x, y - 8, format.num2(p.score()), "#222222", 10));
            marks.append(label(x, HEIGHT - BOTTOM + 14, p.year(), "#222222", 10));
            marks.append(label(x, HEIGHT - BOTTOM + 28, "#" + p.rank(), "#666666", 9));
        }
        svg.append(String.format(
                Locale.ROOT,
                "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2.5\" " + "points=\"%s\"/>",
                LINE_COLOUR,
                line));
        return svg.append(marks).append("</svg>").toString();
    }

    /** Four horizontal grid lines with their scores on the left. */
    private void grid(StringBuilder svg, double low, double high) {
        for (int i = 0; i <= 4; i++) {
            double value = low + (high - low) * i / 4;
            double y = y(value, low, high);
            svg.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#dddddd\"/>",
                    LEFT,
                    y,
                    WIDTH - RIGHT,
                    y));
            svg.append(label(LEFT - 20, y + 3, format.num2(BigDecimal.valueOf(value)), "#888888", 8));
        }
    }

    private static String label(double x, double y, String text, String colour, int size) {
        return String.format(
                Locale.ROOT,
                "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%d\" font-family=\"DejaVu Sans\" "
                        + "text-anchor=\"middle\" fill=\"%s\">%s</text>",
                x,
                y,
                size,
                colour,
                text);
    }

    private static double x(int i, int n) {
        double span = WIDTH - LEFT - RIGHT - 30;
        return LEFT + 15 + (n == 1 ? span / 2 : span * i / (n - 1));
    }

    private static double y(double value, double low, double high) {
        return TOP + (HEIGHT - TOP - BOTTOM) * (high - value) / (high - low);
    }
}
