package dev.lightbox.skin.ui;

import com.vaadin.flow.component.html.Div;
import dev.lightbox.skin.service.SkinTrend;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A metric over time as an SVG (no chart library): one dot per check-in placed by its date, and the moving
 * average of the last {@link #WINDOW} check-ins as a line. The y axis spans the values with a margin, so small
 * changes stay visible; the first and last dates label the x axis.
 */
final class TrendChart {

    static final int WINDOW = 3;
    private static final int WIDTH = 420;
    private static final int HEIGHT = 180;
    private static final int LEFT = 40;
    private static final int BOTTOM = 22;
    private static final int TOP = 10;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

    private TrendChart() {
    }

    static Div of(String id, SkinTrend trend) {
        List<SkinTrend.Point> points = trend.points();
        String title = trend.metric().title() + (trend.region() == null ? "" : " — " + trend.region().words()) + " over time";
        var svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT,
                "<svg id=\"%s\" class=\"chart skin-chart\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\"><title>%s</title>",
                id, WIDTH, HEIGHT, title, title));
        if (points.isEmpty()) {
            svg.append(String.format(Locale.ROOT, "<text class=\"chart-label\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">No measured check-ins in this range</text>",
                    WIDTH / 2, HEIGHT / 2));
            return holder(svg.append("</svg>").toString());
        }
        double min = points.stream().mapToDouble(SkinTrend.Point::value).min().orElse(0);
        double max = points.stream().mapToDouble(SkinTrend.Point::value).max().orElse(1);
        double margin = Math.max((max - min) * 0.15, Math.max(Math.abs(max) * 0.05, 1e-3));
        double low = min - margin;
        double high = max + margin;
        long start = points.get(0).takenAt().toLocalDate().toEpochDay();
        long end = points.get(points.size() - 1).takenAt().toLocalDate().toEpochDay();
        double startSeconds = points.get(0).takenAt().toEpochSecond(java.time.ZoneOffset.UTC);
        double span = Math.max(1, points.get(points.size() - 1).takenAt().toEpochSecond(java.time.ZoneOffset.UTC) - startSeconds);

        for (int i = 0; i <= 4; i++) {
            double y = TOP + (HEIGHT - BOTTOM - TOP) * i / 4.0;
            svg.append(String.format(Locale.ROOT, "<line class=\"chart-grid\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/>", LEFT, y, WIDTH - 6, y));
            svg.append(String.format(Locale.ROOT, "<text class=\"chart-label\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>", LEFT - 4, y + 3,
                    axis(high - (high - low) * i / 4)));
        }
        var xs = new ArrayList<Double>();
        var ys = new ArrayList<Double>();
        for (SkinTrend.Point p : points) {
            double seconds = p.takenAt().toEpochSecond(java.time.ZoneOffset.UTC) - startSeconds;
            xs.add(points.size() == 1 ? LEFT + (WIDTH - LEFT - 10) / 2.0 : LEFT + (WIDTH - LEFT - 10) * seconds / span);
            ys.add(TOP + (HEIGHT - BOTTOM - TOP) * (1 - (p.value() - low) / (high - low)));
        }
        var average = new StringBuilder();
        for (int i = 0; i < points.size(); i++) {
            double sum = 0;
            int from = Math.max(0, i - WINDOW + 1);
            for (int j = from; j <= i; j++) sum += points.get(j).value();
            double y = TOP + (HEIGHT - BOTTOM - TOP) * (1 - (sum / (i - from + 1) - low) / (high - low));
            average.append(String.format(Locale.ROOT, "%.1f,%.1f ", xs.get(i), y));
        }
        svg.append(String.format(Locale.ROOT, "<polyline class=\"chart-line skin-average\" fill=\"none\" points=\"%s\" data-points=\"%d\"/>",
                average.toString().strip(), points.size()));
        for (int i = 0; i < points.size(); i++) {
            SkinTrend.Point p = points.get(i);
            svg.append(String.format(Locale.ROOT, "<circle class=\"skin-point\" cx=\"%.1f\" cy=\"%.1f\" r=\"4\" data-photo=\"%s\"><title>%s: %s</title></circle>",
                    xs.get(i), ys.get(i), p.photoId(), DAY.format(p.takenAt()), axis(p.value())));
        }
        svg.append(String.format(Locale.ROOT, "<text class=\"chart-label\" x=\"%d\" y=\"%d\">%s</text>", LEFT, HEIGHT - 4,
                DAY.format(points.get(0).takenAt())));
        if (end != start) {
            svg.append(String.format(Locale.ROOT, "<text class=\"chart-label\" x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>", WIDTH - 6, HEIGHT - 4,
                    DAY.format(points.get(points.size() - 1).takenAt())));
        }
        svg.append(String.format(Locale.ROOT, "<text class=\"chart-label\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">— average of %d</text>",
                (LEFT + WIDTH) / 2, HEIGHT - 4, WINDOW));
        return holder(svg.append("</svg>").toString());
    }

    private static String axis(double value) {
        double magnitude = Math.abs(value);
        return String.format(Locale.ROOT, magnitude >= 100 ? "%.0f" : magnitude >= 10 ? "%.1f" : "%.2f", value);
    }

    private static Div holder(String svg) {
        var holder = new Div();
        holder.addClassName("chart-holder");
        // innerHTML, so the browser's HTML parser keeps viewBox's case (a server-side parse would not)
        holder.getElement().setProperty("innerHTML", svg);
        return holder;
    }
}
