package dev.lightbox.vision.service;

import dev.lightbox.analysis.Attribute;
import dev.lightbox.library.service.PhotoDetails;
import dev.lightbox.library.service.PhotoView;
import dev.lightbox.vision.domain.VisionRepository;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** The photo page's lines for a described photo: caption, subjects, setting and mood, tags, the mark and the model. */
@Component
class VisionDetails implements PhotoDetails {

    private final VisionRepository repository;

    VisionDetails(VisionRepository repository) {
        this.repository = repository;
    }

    @Override
    public Map<String, Object> json(UUID ownerId, PhotoView photo) {
        return Map.of(); // the attributes travel in analysis.attributes, through VisionAttributes
    }

    @Override
    public Map<String, String> lines(UUID ownerId, PhotoView photo) {
        var lines = new LinkedHashMap<String, String>();
        repository.linked(ownerId, photo.id()).ifPresent(d -> {
            lines.put(Attribute.VISION_CAPTION.label(), d.caption());
            if (!d.subjects().isEmpty()) lines.put(Attribute.VISION_SUBJECTS.label(), String.join(", ", d.subjects()));
            lines.put(Attribute.VISION_SETTING.label(), d.setting() + (d.mood().isEmpty() ? "" : " · " + d.mood()));
            if (!d.tags().isEmpty()) lines.put(Attribute.VISION_TAGS.label(), String.join(", ", d.tags()));
            lines.put(Attribute.VISION_AESTHETIC.label(), d.aesthetic() + " / 10 (" + d.model() + ")");
        });
        return lines;
    }
}
