package dev.lightbox.analysis.service;

import org.jspecify.annotations.Nullable;
import dev.lightbox.analysis.Attribute;
import dev.lightbox.library.service.PhotoDetails;
import dev.lightbox.library.service.PhotoView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** The photo's effective analysis (the server's, else the owner's synced one) in its JSON ({@code analysis: {status, analyzerVersion, attributes}}), on its page, and its face boxes. */
@Component
class AnalysisDetails implements PhotoDetails {

    private final AnalysisService analyses;

    AnalysisDetails(AnalysisService analyses) {
        this.analyses = analyses;
    }


    @Override
    public Map<String, Object> json(UUID ownerId, PhotoView photo) {
        Optional<AnalysisService.Analysis> analysis = analyses.findAnalysis(ownerId, photo.sha256());
        var json = new LinkedHashMap<String, Object>();
        json.put("status", analysis.map(a -> a.outdated() ? "outdated" : "done").orElse("pending"));
        json.put("analyzerVersion", analysis.map(AnalysisService.Analysis::analyzerVersion).orElse(PhotoAnalyzer.VERSION));
        json.put("attributes", analyses.withOwnerAttributes(analysis.map(AnalysisService.Analysis::attributes).orElse(Map.of()), ownerId,
                photo.id()));
        return Map.of("analysis", json);
    }

    @Override
    public Map<String, String> lines(UUID ownerId, PhotoView photo) {
        var lines = new LinkedHashMap<String, String>();
        analyses.findAnalysis(ownerId, photo.sha256()).map(AnalysisService.Analysis::attributes).ifPresentOrElse(a -> {
            lines.put(Attribute.SHARPNESS.label(), percent(a.get(Attribute.SHARPNESS.key())));
            lines.put(Attribute.EXPOSURE.label(), a.get(Attribute.EXPOSURE.key()) + " · brightness " + percent(a.get(Attribute.BRIGHTNESS.key()))
                    + " · shadows clipped " + percent(a.get(Attribute.SHADOW_CLIPPING.key()))
                    + " · highlights clipped " + percent(a.get(Attribute.HIGHLIGHT_CLIPPING.key())));
            lines.put("Colour", "colourfulness " + rounded(a.get(Attribute.COLORFULNESS.key()), 0) + " · saturation " + percent(a.get(Attribute.SATURATION.key())));
            lines.put("Quality", "contrast " + percent(a.get(Attribute.CONTRAST.key())) + " · noise " + percent(a.get(Attribute.NOISE.key()))
                    + " · BRISQUE " + rounded(a.get(Attribute.BRISQUE.key()), 0) + " (0 best, 100 worst)");
            lines.put("Composition", "rule of thirds " + percent(a.get(Attribute.THIRDS.key())) + " · horizon tilt "
                    + rounded(a.get(Attribute.HORIZON_TILT.key()), 1) + "°");
            lines.put(Attribute.FACE_COUNT.label(), a.get(Attribute.FACE_COUNT.key())
                    + (a.get(Attribute.FACE_DETECTOR.key()) instanceof String d ? " (" + d + ")" : ""));
        }, () -> lines.put("Analysis", "in progress"));
        return lines;
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<Box> boxes(UUID ownerId, PhotoView photo) {
        var boxes = new ArrayList<Box>();
        analyses.findAnalysis(ownerId, photo.sha256()).map(AnalysisService.Analysis::attributes).ifPresent(a -> {
            for (Map<String, Object> face : (List<Map<String, Object>>) a.getOrDefault(Attribute.FACE_BOXES.key(), List.of())) {
                boxes.add(new Box(number(face, "x").intValue(), number(face, "y").intValue(), number(face, "w").intValue(),
                        number(face, "h").intValue(), "face " + Math.round(number(face, "confidence").doubleValue() * 100) + "%"));
            }
        });
        return boxes;
    }

    private static Number number(Map<String, Object> face, String key) {
        return face.get(key) instanceof Number n ? n : 0;
    }

    private static String rounded(@Nullable Object value, int decimals) {
        return value instanceof Number n ? String.format(java.util.Locale.ROOT, "%." + decimals + "f", n.doubleValue()) : "–";
    }

    private static String percent(@Nullable Object value) {
        return value instanceof Number n ? Math.round(n.doubleValue() * 100) + "%" : "–";
    }
}
