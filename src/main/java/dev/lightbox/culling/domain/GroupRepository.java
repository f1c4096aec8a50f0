package dev.lightbox.culling.domain;

import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code culling_groups} and their members, and what grouping reads of a library (photos and their perceptual hashes). */
@Repository
public class GroupRepository {

    private final JdbcClient jdbc;

    GroupRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A group to store: members in display order (by capture time). */
    public record NewGroup(UUID id, GroupKind kind, LocalDateTime takenAt, List<UUID> photoIds) {
    }

    /** A stored group with its current members (2 or more), each with its content hash. */
    public record StoredGroup(UUID id, GroupKind kind, LocalDateTime takenAt, List<Member> members) {
    }

    public record Member(UUID photoId, String sha256) {
    }

    /** Where a page of groups starts: after this group in (taken_at, id) descending order. */
    public record Position(LocalDateTime takenAt, UUID id) {
    }

    /**
     * Every photo of the owner with its capture facts and the perceptual hash of its effective analysis, if any
     * (for an uploaded photo the server's newest analysis of the bytes, else the owner's synced one; a synced row's only).
     * Photos in the trash are kept (the reads hide them), so a regroup while one is there does not drop its memberships
     * and a restore brings it back into its groups.
     */
    public List<Shot> shots(UUID owner) {
        return jdbc.sql("""
                select p.id, p.taken_at, p.taken_at_source, p.camera_make, p.camera_model,
                       coalesce(a.attributes, s.attributes) ->> 'perceptualHash'
                from photos p left join lateral (
                    select attributes from photo_attributes a where a.sha256 = p.sha256 and p.source = 'upload'
                    order by analyzer_version desc limit 1) a on true
                left join synced_analyses s on s.owner_id = p.owner_id and s.sha256 = p.sha256
                where p.owner_id = :owner""").param("owner", owner).query((rs, n) -> {
                    String hex = rs.getString(6);
                    long hash = 0;
                    boolean hashed = false;
                    if (hex != null && hex.length() == 16) {
                        try {
                            hash = Long.parseUnsignedLong(hex, 16);
                            hashed = true;
                        } catch (NumberFormatException ignored) {
                            // not a hash this server wrote: the photo is simply not compared by content
                        }
                    }
                    return new Shot(rs.getObject(1, UUID.class), rs.getTimestamp(2).toLocalDateTime(), "EXIF".equals(rs.getString(3)),
                            camera(rs.getString(4), rs.getString(5)), hash, hashed);
                }).list();
    }

    private static @Nullable String camera(@Nullable String make, @Nullable String model) {
        if (make == null && model == null) return null;
        return (make == null ? "" : make.trim()) + "\u0000" + (model == null ? "" : model.trim());
    }

    /** Replaces all the owner's groups (in the caller's transaction) and records when. */
    public void replace(UUID owner, List<NewGroup> groups) {
        jdbc.sql("delete from culling_groups where owner_id = :owner").param("owner", owner).update();
        if (!groups.isEmpty()) {
            var ids = new ArrayList<UUID>();
            var kinds = new ArrayList<String>();
            var times = new ArrayList<Timestamp>();
            var memberGroups = new ArrayList<UUID>();
            var memberPhotos = new ArrayList<UUID>();
            var positions = new ArrayList<Integer>();
            for (NewGroup g : groups) {
                ids.add(g.id());
                kinds.add(g.kind().key());
                times.add(Timestamp.valueOf(g.takenAt()));
                for (int i = 0; i < g.photoIds().size(); i++) {
                    memberGroups.add(g.id());
                    memberPhotos.add(g.photoIds().get(i));
                    positions.add(i);
                }
            }
            jdbc.sql("""
                    insert into culling_groups (id, owner_id, kind, taken_at)
                    select g.id, :owner, g.kind, g.taken_at from unnest(:ids, :kinds, :times) as g(id, kind, taken_at)""")
                    .param("owner", owner).param("ids", ids.toArray(UUID[]::new)).param("kinds", kinds.toArray(String[]::new))
                    .param("times", times.toArray(Timestamp[]::new)).update();
            // photos deleted since they were read are left out (the regrouping their deletion queued runs next)
            jdbc.sql("""
                    insert into culling_group_members (group_id, photo_id, position)
                    select m.group_id, m.photo_id, m.position from unnest(:groups, :photos, :positions) as m(group_id, photo_id, position)
                    where exists (select 1 from photos p where p.id = m.photo_id and p.owner_id = :owner)""")
                    .param("owner", owner).param("groups", memberGroups.toArray(UUID[]::new))
                    .param("photos", memberPhotos.toArray(UUID[]::new)).param("positions", positions.toArray(Integer[]::new)).update();
        }
        jdbc.sql("""
                insert into culling_runs (owner_id, grouped_at) values (:owner, now())
                on conflict (owner_id) do update set grouped_at = excluded.grouped_at""").param("owner", owner).update();
    }

    /** How many members of group {@code g} are not in the trash (a trashed photo leaves its groups until it is restored). */
    private static final String LIVE_MEMBERS = """
            (select count(*) from culling_group_members c join photos lp on lp.id = c.photo_id where c.group_id = g.id and lp.trashed_at is null)""";

    /** A page of the owner's groups of this kind that still have 2 or more members, newest first, after {@code after}. */
    public List<StoredGroup> page(UUID owner, GroupKind kind, @Nullable Position after, int limit) {
        return read("""
                with page as (
                    select g.id, g.kind, g.taken_at from culling_groups g
                    where g.owner_id = :owner and g.kind = :kind
                      and (cast(:afterTime as timestamp) is null or (g.taken_at, g.id) < (cast(:afterTime as timestamp), :afterId))
                      and %s >= 2
                    order by g.taken_at desc, g.id desc limit :limit)
                select page.id, page.kind, page.taken_at, m.photo_id, p.sha256 from page
                join culling_group_members m on m.group_id = page.id join photos p on p.id = m.photo_id and p.trashed_at is null
                order by page.taken_at desc, page.id desc, m.position""".formatted(LIVE_MEMBERS), spec -> spec.param("owner", owner).param("kind", kind.key())
                .param("afterTime", after == null ? null : Timestamp.valueOf(after.takenAt()))
                .param("afterId", after == null ? new UUID(0, 0) : after.id()).param("limit", limit));
    }

    /** The owner's groups (2 or more members) that any of these photos is in. */
    public List<StoredGroup> containing(UUID owner, UUID[] photoIds) {
        return read("""
                with found as (
                    select distinct g.id, g.kind, g.taken_at from culling_groups g join culling_group_members c on c.group_id = g.id
                    where g.owner_id = :owner and c.photo_id = any(:photos)
                      and %s >= 2)
                select found.id, found.kind, found.taken_at, m.photo_id, p.sha256 from found
                join culling_group_members m on m.group_id = found.id join photos p on p.id = m.photo_id and p.trashed_at is null
                order by found.taken_at desc, found.id desc, m.position""".formatted(LIVE_MEMBERS), spec -> spec.param("owner", owner).param("photos", photoIds));
    }

    /** How many groups of this kind (2 or more members) the owner has. */
    public long count(UUID owner, GroupKind kind) {
        return jdbc.sql("""
                select count(*) from culling_groups g where g.owner_id = :owner and g.kind = :kind
                and %s >= 2""".formatted(LIVE_MEMBERS))
                .param("owner", owner).param("kind", kind.key()).query(Long.class).single();
    }

    /** Every owner of a photo with these bytes. */
    public List<UUID> ownersOf(String sha256) {
        return jdbc.sql("select distinct owner_id from photos where sha256 = :sha and source = 'upload'").param("sha", sha256).query((rs, n) -> rs.getObject(1, UUID.class)).list();
    }

    /** Owners with photos whose library has never been grouped. */
    public List<UUID> ownersNeverGrouped() {
        return jdbc.sql("""
                select u.id from users u where exists (select 1 from photos p where p.owner_id = u.id)
                and not exists (select 1 from culling_runs r where r.owner_id = u.id)""").query((rs, n) -> rs.getObject(1, UUID.class)).list();
    }

    /**
     * Orders a regrouping request against the run that answers it: requests take this lock shared in their
     * transaction, a starting run takes it exclusively (waiting for requests not yet committed) before it
     * lets the next request queue a new run.
     */
    public void lockRequests(UUID owner, boolean exclusive) {
        jdbc.sql(exclusive ? "select pg_advisory_xact_lock(hashtextextended(:key, 17))" : "select pg_advisory_xact_lock_shared(hashtextextended(:key, 17))")
                .param("key", "culling:" + owner).query((rs, n) -> 1).list();
    }

    private List<StoredGroup> read(String sql, java.util.function.UnaryOperator<JdbcClient.StatementSpec> params) {
        var groups = new LinkedHashMap<UUID, StoredGroup>();
        params.apply(jdbc.sql(sql)).query(rs -> {
            UUID id = rs.getObject(1, UUID.class);
            StoredGroup group = groups.computeIfAbsent(id, g -> {
                try {
                    return new StoredGroup(id, GroupKind.byKey(rs.getString(2)).orElseThrow(), rs.getTimestamp(3).toLocalDateTime(),
                            new ArrayList<>());
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            group.members().add(new Member(rs.getObject(4, UUID.class), rs.getString(5)));
        });
        return groups.values().stream().map(g -> new StoredGroup(g.id(), g.kind(), g.takenAt(), List.copyOf(g.members()))).toList();
    }
}
