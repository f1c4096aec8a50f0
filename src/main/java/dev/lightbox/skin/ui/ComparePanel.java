package dev.lightbox.skin.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import dev.lightbox.skin.service.Checkin;
import dev.lightbox.skin.service.SkinDiaryService;
import dev.lightbox.skin.service.SkinMetric;
import dev.lightbox.skin.service.SkinRegion;
import dev.lightbox.skin.service.SkinValues;
import dev.lightbox.skin.service.SkinWording;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Two check-ins side by side for one metric: the newer face carries a heat map, each region tinted by how far
 * it moved since the older one (red where it got worse, green where it got better, stronger for bigger
 * changes), and a table lists every region's two values and the change.
 */
final class ComparePanel extends Div {

    /** A change of this share (or more) of the older value gets the strongest tint. */
    static final double FULL_TINT_CHANGE = 0.5;

    ComparePanel(Checkin older, Checkin newer, SkinMetric metric, SkinDiaryService diary, UUID owner) {
        addClassName("skin-compare-panel");
        add(new H3(metric.title() + ": " + SkinView.DAY.format(older.takenAt()) + " → " + SkinView.DAY.format(newer.takenAt())));
        var faces = new Div(face(older, null, metric, diary, owner, "Earlier"), face(newer, older, metric, diary, owner, "Later"));
        faces.addClassName("skin-compare-faces");
        add(faces, table(older, newer, metric),
            new Paragraph("Red: worse than before, green: better; the stronger the tint, the bigger the change."));
    }

    private static Div face(Checkin checkin, @Nullable Checkin before, SkinMetric metric, SkinDiaryService diary, UUID owner, String label) {
        UUID photoId = checkin.photoId();
        var image = new Image(DownloadHandler.fromInputStream(event -> diary.crop(owner, photoId, false)
                .map(bytes -> new DownloadResponse(new ByteArrayInputStream(bytes), "face.jpg", "image/jpeg", bytes.length))
                .orElseGet(() -> DownloadResponse.error(404))), label + " check-in");
        var holder = new Div(image);
        holder.addClassName("skin-heat");
        diary.geometry(owner, photoId).ifPresent(geometry -> {
            var svg = new StringBuilder(String.format(Locale.ROOT,
                    "<svg class=\"skin-heat-map\" viewBox=\"0 0 %d %d\" preserveAspectRatio=\"none\">", geometry.width(), geometry.height()));
            geometry.polygons().forEach((region, polygon) -> {
                double change = before == null ? 0 : worsening(metric, before.regions().get(region), checkin.regions().get(region));
                svg.append(polygon(region, polygon, change, before != null));
            });
            var overlay = new Div();
            overlay.addClassName("skin-heat-overlay");
            overlay.getElement().setProperty("innerHTML", svg.append("</svg>").toString());
            holder.add(overlay);
        });
        var caption = new Span(label + ": " + SkinView.DAY.format(checkin.takenAt()));
        var figure = new Div(holder, caption);
        figure.addClassName("skin-compare-face");
        return figure;
    }

    private static String polygon(SkinRegion region, List<double[]> points, double change, boolean tinted) {
        var coordinates = new StringBuilder();
        for (double[] p : points) coordinates.append(String.format(Locale.ROOT, "%.1f,%.1f ", p[0], p[1]));
        String kind = !tinted || Math.abs(change) < 0.02 ? "same" : change > 0 ? "worse" : "better";
        double opacity = tinted ? Math.min(0.65, 0.1 + 0.55 * Math.min(1, Math.abs(change) / FULL_TINT_CHANGE)) : 0;
        return String.format(Locale.ROOT, "<polygon class=\"skin-heat-%s\" data-region=\"%s\" points=\"%s\" fill-opacity=\"%.2f\"/>",
                kind, region.key(), coordinates.toString().strip(), opacity);
    }

    /** Relative change turned so that positive means worse, whatever the metric's direction. */
    static double worsening(SkinMetric metric, @Nullable SkinValues before, @Nullable SkinValues after) {
        if (before == null || after == null) return 0;
        double from = before.get(metric);
        double to = after.get(metric);
        double relative = (to - from) / Math.max(Math.abs(from), 1e-6);
        if (from == 0 && to == 0) relative = 0;
        return metric.higherIsWorse() ? relative : -relative;
    }

    private static Div table(Checkin older, Checkin newer, SkinMetric metric) {
        var table = new Div();
        table.addClassName("skin-compare-table");
        table.add(row("Area", "Earlier", "Later", "Change", "skin-compare-head"));
        SkinValues a = older.metrics();
        SkinValues b = newer.metrics();
        if (a != null && b != null) table.add(row("Whole face", a, b, metric, null));
        for (SkinRegion region : SkinRegion.values()) {
            SkinValues before = older.regions().get(region);
            SkinValues after = newer.regions().get(region);
            if (before != null && after != null) table.add(row(SkinView.capitalised(region), before, after, metric, region));
        }
        return table;
    }

    private static Div row(String area, SkinValues before, SkinValues after, SkinMetric metric, @Nullable SkinRegion region) {
        Div row = row(area, SkinWording.value(metric, before.get(metric)), SkinWording.value(metric, after.get(metric)),
                percent(before.get(metric), after.get(metric)), "skin-compare-row");
        if (region != null) row.getElement().setAttribute("data-region", region.key());
        return row;
    }

    private static String percent(double from, double to) {
        if (from == 0) return to == 0 ? "no change" : "new";
        double change = (to - from) / Math.abs(from) * 100;
        return Math.abs(change) < 0.5 ? "no change" : String.format(Locale.ROOT, "%+.0f%%", change);
    }

    private static Div row(String a, String b, String c, String d, String cssClass) {
        var row = new Div(new Span(a), new Span(b), new Span(c), new Span(d));
        row.addClassName(cssClass);
        return row;
    }
}
