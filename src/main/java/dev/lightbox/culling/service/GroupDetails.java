package dev.lightbox.culling.service;

import dev.lightbox.library.service.PhotoDetails;
import dev.lightbox.library.service.PhotoView;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** The photo's groups in its JSON: {@code groups: [{id, kind, photoIds, suggested}]} (empty when in none). */
@Component
class GroupDetails implements PhotoDetails {

    private final GroupService groups;

    GroupDetails(GroupService groups) {
        this.groups = groups;
    }

    @Override
    public Map<String, Object> json(UUID ownerId, PhotoView photo) {
        List<PhotoGroup> found = groups.of(ownerId, photo.id());
        return Map.of("groups", found);
    }
}
