package dev.lightbox.vision.service;

import dev.lightbox.analysis.Attribute;
import dev.lightbox.analysis.service.OwnerAttributes;
import dev.lightbox.vision.domain.VisionRepository;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * A described photo's {@code vision.*} attributes (only photos whose owner asked): shown with the photo, in its
 * JSON and weighable in scoring ({@code aesthetic}).
 */
@Component
class VisionAttributes implements OwnerAttributes {

    private final VisionRepository repository;

    VisionAttributes(VisionRepository repository) {
        this.repository = repository;
    }

    @Override
    public Map<String, Object> attributes(UUID ownerId, UUID photoId) {
        return repository.linked(ownerId, photoId).map(VisionAttributes::of).orElse(Map.of());
    }

    @Override
    public Map<UUID, Map<String, Object>> library(UUID ownerId) {
        var all = new HashMap<UUID, Map<String, Object>>();
        repository.linkedLibrary(ownerId).forEach((photo, d) -> all.put(photo, of(d)));
        return all;
    }

    static Map<String, Object> of(VisionRepository.Stored d) {
        var a = new LinkedHashMap<String, Object>();
        a.put(Attribute.VISION_CAPTION.key(), d.caption());
        a.put(Attribute.VISION_SUBJECTS.key(), d.subjects());
        a.put(Attribute.VISION_SETTING.key(), d.setting());
        a.put(Attribute.VISION_MOOD.key(), d.mood());
        a.put(Attribute.VISION_TAGS.key(), d.tags());
        a.put(Attribute.VISION_AESTHETIC.key(), d.aesthetic());
        a.put(Attribute.VISION_MODEL.key(), d.model());
        return a;
    }
}
