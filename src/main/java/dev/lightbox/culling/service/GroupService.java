package dev.lightbox.culling.service;

import dev.lightbox.culling.domain.GroupKind;
import dev.lightbox.culling.domain.GroupRepository;
import dev.lightbox.culling.domain.GroupRepository.StoredGroup;
import dev.lightbox.library.service.KeysetCursor;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A user's groups of similar photos, newest first, in keyset pages; a photo's groups. Groups are kept by
 * {@link GroupingJob}; the suggested keeper is chosen when read (see {@link Keeper}).
 */
@Service
public class GroupService {

    public static final int MAX_PAGE = 100;

    private final GroupRepository groups;
    private final Keeper keeper;

    GroupService(GroupRepository groups, Keeper keeper) {
        this.groups = groups;
        this.keeper = keeper;
    }

    public record Page(List<PhotoGroup> items, @Nullable String nextCursor) {
    }

    /** {@code limit}: 1..{@link #MAX_PAGE}; {@code cursor}: a previous page's nextCursor for the same kind (else IllegalArgumentException). */
    @Transactional(readOnly = true)
    public Page page(UUID owner, GroupKind kind, @Nullable String cursor, int limit) {
        if (limit < 1 || limit > MAX_PAGE) throw new IllegalArgumentException("limit: between 1 and " + MAX_PAGE);
        GroupRepository.@Nullable Position after = cursor == null || cursor.isBlank() ? null : decode(cursor, kind);
        List<StoredGroup> rows = groups.page(owner, kind, after, limit + 1);
        List<StoredGroup> items = rows.stream().limit(limit).toList();
        String next = rows.size() > limit ? KeysetCursor.encode(kind.key(), items.getLast().takenAt().toString(), items.getLast().id()) : null;
        return new Page(withKeepers(owner, items), next);
    }

    /** All the owner's groups of this kind, newest first (the Review page walks them). */
    @Transactional(readOnly = true)
    public List<PhotoGroup> all(UUID owner, GroupKind kind) {
        return withKeepers(owner, groups.page(owner, kind, null, Integer.MAX_VALUE));
    }

    /** The groups the owner's photo is in (none for another user's photo). */
    @Transactional(readOnly = true)
    public List<PhotoGroup> of(UUID owner, UUID photoId) {
        return withKeepers(owner, groups.containing(owner, new UUID[] {photoId}));
    }

    /** The groups any of these photos of the owner is in. */
    @Transactional(readOnly = true)
    public List<PhotoGroup> containing(UUID owner, Collection<UUID> photoIds) {
        return withKeepers(owner, groups.containing(owner, photoIds.toArray(UUID[]::new)));
    }

    public long count(UUID owner, GroupKind kind) {
        return groups.count(owner, kind);
    }

    private List<PhotoGroup> withKeepers(UUID owner, List<StoredGroup> stored) {
        if (stored.isEmpty()) return List.of();
        var members = new LinkedHashMap<UUID, List<GroupRepository.Member>>();
        stored.forEach(g -> members.put(g.id(), g.members()));
        Map<UUID, UUID> suggested = keeper.suggestions(owner, members);
        return stored.stream().map(g -> new PhotoGroup(g.id(), g.kind().key(),
                g.members().stream().map(GroupRepository.Member::photoId).toList(), java.util.Objects.requireNonNull(suggested.get(g.id())))).toList();
    }

    private static GroupRepository.Position decode(String cursor, GroupKind kind) {
        return KeysetCursor.decode(cursor, 3).filter(parts -> parts[0].equals(kind.key())).flatMap(parts -> {
            try {
                return java.util.Optional.of(new GroupRepository.Position(LocalDateTime.parse(parts[1]), UUID.fromString(parts[2])));
            } catch (RuntimeException malformed) {
                return java.util.Optional.empty();
            }
        }).orElseThrow(() -> new IllegalArgumentException("cursor: not a cursor this server issued for this kind"));
    }
}
