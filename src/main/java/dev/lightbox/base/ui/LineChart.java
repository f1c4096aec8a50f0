package dev.lightbox.base.ui;

import com.vaadin.flow.component.html.Div;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * A small SVG line chart (no chart library): several series over the same x values, y from 0 to the largest
 * value (or, with {@link #fitted}, from the smallest to the largest); the colours come from the series' CSS classes, so
 * it follows the theme (dark mode included).
 */
public final class LineChart {

    private LineChart() {
    }

    public record Series(String name, String cssClass, List<Double> values) {
    }

    /** Axis labels with two decimals (losses, shares). */
    public static Div of(String id, String title, List<Series> series) {
        return of(id, title, series, 2);
    }

    /** Axis labels with {@code decimals} decimals (0 for counts such as credits). */
    public static Div of(String id, String title, List<Series> series, int decimals) {
        double max = Math.max(1, series.stream().flatMap(s -> s.values().stream()).mapToDouble(Double::doubleValue).max().orElse(1));
        return draw(id, title, series, decimals, 0, max, List.of());
    }

    /**
     * The y axis spans the values' own range (a little padded), so a change from 0.42 to 0.47 shows; {@code xLabels}
     * (one per x value, e.g. months or dates; may be empty) name the first, middle and last x under the axis.
     */
    public static Div fitted(String id, String title, List<Series> series, int decimals, List<String> xLabels) {
        double low = series.stream().flatMap(s -> s.values().stream()).mapToDouble(Double::doubleValue).min().orElse(0);
        double high = series.stream().flatMap(s -> s.values().stream()).mapToDouble(Double::doubleValue).max().orElse(1);
        double pad = high > low ? (high - low) * 0.1 : Math.max(Math.abs(high), 1) * 0.1;
        return draw(id, title, series, decimals, low - pad, high + pad, xLabels);
    }

    private static Div draw(String id, String title, List<Series> series, int decimals, double min, double max, List<String> xLabels) {
        int width = 420;
        int height = 180;
        int left = 34;
        int bottom = xLabels.isEmpty() ? 24 : 36;
        int count = series.stream().mapToInt(s -> s.values().size()).max().orElse(0);
        double span = max - min;
        var svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg id=\"%s\" class=\"chart\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\"><title>%s</title>",
                id, width, height, title, title));
        for (int i = 0; i <= 4; i++) {
            double y = 10 + (height - bottom - 10) * i / 4.0;
            svg.append(String.format(Locale.ROOT, "<line class=\"chart-grid\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/>", left, y, width - 6, y));
            svg.append(String.format(Locale.ROOT, "<text class=\"chart-label\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%." + decimals + "f</text>", left - 4, y + 3,
                    min + span * (4 - i) / 4));
        }
        if (!xLabels.isEmpty()) {
            var shown = new TreeSet<Integer>(List.of(0, (xLabels.size() - 1) / 2, xLabels.size() - 1));
            for (int i : shown) {
                double x = left + (count <= 1 ? 0 : (width - left - 10) * i / (double) (count - 1));
                String anchor = i == 0 ? "start" : i == xLabels.size() - 1 ? "end" : "middle";
                svg.append(String.format(Locale.ROOT, "<text class=\"chart-label chart-x-label\" x=\"%.1f\" y=\"%d\" text-anchor=\"%s\">%s</text>", x,
                        height - bottom + 12, anchor, xLabels.get(i)));
            }
        }
        for (Series s : series) {
            var points = new StringBuilder();
            for (int i = 0; i < s.values().size(); i++) {
                double x = left + (count <= 1 ? 0 : (width - left - 10) * i / (double) (count - 1));
                double y = 10 + (height - bottom - 10) * (1 - (s.values().get(i) - min) / span);
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            }
            svg.append(String.format(Locale.ROOT, "<polyline class=\"chart-line %s\" fill=\"none\" points=\"%s\" data-points=\"%d\"/>", s.cssClass(),
                    points.toString().strip(), s.values().size()));
        }
        int legendX = left;
        for (Series s : series) {
            svg.append(String.format(Locale.ROOT, "<rect class=\"chart-swatch %s\" x=\"%d\" y=\"%d\" width=\"10\" height=\"3\"/>", s.cssClass(), legendX,
                    height - 8));
            svg.append(String.format(Locale.ROOT, "<text class=\"chart-label\" x=\"%d\" y=\"%d\">%s</text>", legendX + 14, height - 4, s.name()));
            legendX += 24 + 7 * s.name().length();
        }
        svg.append("</svg>");
        var holder = new Div();
        holder.addClassName("chart-holder");
        // innerHTML, so the browser's HTML parser keeps viewBox's case (a server-side parse would not)
        holder.getElement().setProperty("innerHTML", svg.toString());
        return holder;
    }
}
