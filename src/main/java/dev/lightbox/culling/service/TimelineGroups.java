package dev.lightbox.culling.service;

import dev.lightbox.library.service.PhotoGroups;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The timeline's view of the groups: each photo's group, a burst before a near-duplicate group when a
 * photo is in both (a burst is what the photographer shot as one moment).
 */
@Component
class TimelineGroups implements PhotoGroups {

    private final GroupService groups;

    TimelineGroups(GroupService groups) {
        this.groups = groups;
    }

    @Override
    public Map<UUID, Membership> memberships(UUID ownerId, Collection<UUID> photoIds) {
        var memberships = new HashMap<UUID, Membership>();
        if (photoIds.isEmpty()) return memberships;
        var asked = new java.util.HashSet<>(photoIds);
        for (PhotoGroup group : groups.containing(ownerId, photoIds)) {
            var membership = new Membership(group.id().toString(), group.kind(), group.photoIds().size(), group.suggested());
            for (UUID photo : group.photoIds()) {
                if (!asked.contains(photo)) continue;
                memberships.merge(photo, membership, (a, b) -> "burst".equals(a.kind()) ? a : b);
            }
        }
        return memberships;
    }
}
