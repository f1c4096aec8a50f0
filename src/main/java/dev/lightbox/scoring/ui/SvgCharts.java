package dev.lightbox.scoring.ui;

import com.vaadin.flow.component.html.Div;
import java.util.List;
import java.util.Locale;

/** Small charts drawn as inline SVG (no chart library): bars that follow the theme's colours. */
final class SvgCharts {

    private SvgCharts() {
    }

    record Bar(String label, double value, String display) {
    }

    /** Vertical bars with a label under each and the value above it. */
    static Div columns(String id, String title, List<Bar> bars) {
        int width = 40 * bars.size() + 20;
        int height = 170;
        double max = bars.stream().mapToDouble(Bar::value).max().orElse(1);
        var svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg id=\"%s\" class=\"chart\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\">",
                id, width, height, escape(title)));
        svg.append("<title>").append(escape(title)).append("</title>");
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            double h = max <= 0 ? 0 : 120 * bar.value() / max;
            double x = 14 + 40 * i;
            svg.append(String.format(Locale.ROOT, "<rect class=\"chart-bar\" x=\"%.1f\" y=\"%.1f\" width=\"32\" height=\"%.1f\" data-value=\"%s\"/>",
                    x, 140 - h, h, escape(bar.display())));
            svg.append(String.format(Locale.ROOT, "<text class=\"chart-value\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>",
                    x + 16, 136 - h, escape(bar.display())));
            svg.append(String.format(Locale.ROOT, "<text class=\"chart-label\" x=\"%.1f\" y=\"158\" text-anchor=\"middle\">%s</text>",
                    x + 16, escape(bar.label())));
        }
        svg.append("<line class=\"chart-axis\" x1=\"10\" y1=\"140.5\" x2=\"").append(width - 6).append("\" y2=\"140.5\"/></svg>");
        return chart(svg.toString());
    }

    /** One horizontal bar split into shares (0..1), each part labelled in the legend under it. */
    static Div shares(String id, String title, List<Bar> parts) {
        var svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg id=\"%s\" class=\"chart\" viewBox=\"0 0 300 56\" role=\"img\" aria-label=\"%s\">", id, escape(title)));
        svg.append("<title>").append(escape(title)).append("</title>");
        double x = 0;
        for (int i = 0; i < parts.size(); i++) {
            Bar part = parts.get(i);
            double w = 300 * Math.max(0, part.value());
            svg.append(String.format(Locale.ROOT, "<rect class=\"chart-part chart-part-%d\" x=\"%.1f\" y=\"0\" width=\"%.1f\" height=\"22\" data-value=\"%s\"/>",
                    i, x, w, escape(part.display())));
            svg.append(String.format(Locale.ROOT, "<rect class=\"chart-part chart-part-%d\" x=\"%d\" y=\"34\" width=\"10\" height=\"10\"/>", i, 100 * i));
            svg.append(String.format(Locale.ROOT, "<text class=\"chart-label\" x=\"%d\" y=\"43\">%s %s</text>", 100 * i + 14,
                    escape(part.label()), escape(part.display())));
            x += w;
        }
        return chart(svg.append("</svg>").toString());
    }

    /**
     * Set as innerHTML so the browser's HTML parser reads the SVG: a server-side HTML parse would lower-case
     * {@code viewBox}, and the chart would no longer scale.
     */
    private static Div chart(String svg) {
        var holder = new Div();
        holder.addClassName("chart-holder");
        holder.getElement().setProperty("innerHTML", svg);
        return holder;
    }

    static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f%%", 100 * share);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
