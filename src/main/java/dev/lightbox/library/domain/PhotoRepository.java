package dev.lightbox.library.domain;

import java.time.LocalDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** Every read is scoped to an owner. Timeline reads are keyset queries on (taken_at, id), newest first. */
public interface PhotoRepository extends JpaRepository<Photo, UUID> {

    Optional<Photo> findByIdAndOwnerId(UUID id, UUID ownerId);

    Optional<Photo> findByOwnerIdAndSha256(UUID ownerId, String sha256);

    long countBySha256(String sha256);

    /** Photos by {@code source} ('upload': the original is stored; 'sync': only hash, metadata and attributes). */
    long countBySha256AndSource(String sha256, String source);

    /** Uploaded photos of this content: the references that keep its stored original (synced rows hold none). */
    default long countOriginalReferences(String sha256) {
        return countBySha256AndSource(sha256, "upload");
    }

    List<Photo> findByOwnerIdAndSource(UUID ownerId, String source);

    List<Photo> findBySource(String source);

    List<Photo> findByOwnerId(UUID ownerId);

    long countByOwnerId(UUID ownerId);

    /** The count triggers keep in photo_counts: one row read, whatever the library's size. */
    @Query(value = "select coalesce((select photos from photo_counts where owner_id = :owner), 0)", nativeQuery = true)
    long countedPhotos(@Param("owner") UUID owner);

    /** Per owner among {@code owners}: [owner_id, photos, bytes of stored originals (synced photos hold none)]. */
    @Query(value = """
            select owner_id, count(*), coalesce(sum(size_bytes) filter (where source = 'upload'), 0) from photos
            where owner_id in (:owners) group by owner_id""", nativeQuery = true)
    List<Object[]> usageByOwner(@Param("owners") Collection<UUID> owners);

    @Modifying
    @Query(value = "update photos set flag = :flag where id = :id and owner_id = :owner", nativeQuery = true)
    int setFlag(@Param("owner") UUID owner, @Param("id") UUID id, @Param("flag") String flag);

    /** The owner's photos with one flag, newest first, after a keyset position (or from the newest when null). */
    @Query(value = """
            select * from photos where owner_id = :owner and flag = :flag and trashed_at is null
              and (cast(:takenAt as timestamp) is null or (taken_at, id) < (cast(:takenAt as timestamp), cast(:id as uuid)))
            order by taken_at desc, id desc limit :limit""", nativeQuery = true)
    List<Photo> flagged(@Param("owner") UUID owner, @Param("flag") String flag, @Param("takenAt") @Nullable LocalDateTime takenAt,
                        @Param("id") @Nullable UUID id, @Param("limit") int limit);

    @Query(value = "select count(*) from photos where owner_id = :owner and flag = :flag and trashed_at is null", nativeQuery = true)
    long countFlagged(@Param("owner") UUID owner, @Param("flag") String flag);

    /** Unflagged photos in one round trip: the kept count less the (few, indexed) flagged ones, not a scan of the library. */
    @Query(value = """
            select coalesce((select photos from photo_counts where owner_id = :owner), 0)
                 - (select count(*) from photos where owner_id = :owner and flag <> 'NONE' and trashed_at is null)""", nativeQuery = true)
    long countUnflagged(@Param("owner") UUID owner);

    @Query(value = """
            select * from photos where owner_id = :owner and trashed_at is null
            order by taken_at desc, id desc limit :limit""", nativeQuery = true)
    List<Photo> newest(@Param("owner") UUID owner, @Param("limit") int limit);

    /** The owner's photos not in the trash, by id after {@code after}: the export's walk over the library. */
    @Query(value = """
            select * from photos where owner_id = :owner and trashed_at is null and id > :after
            order by id limit :limit""", nativeQuery = true)
    List<Photo> liveAfter(@Param("owner") UUID owner, @Param("after") UUID after, @Param("limit") int limit);

    @Query(value = "select count(*) from photos where owner_id = :owner and trashed_at is null", nativeQuery = true)
    long countLive(@Param("owner") UUID owner);

    /** The page after a position: photos older than (takenAt, id). */
    @Query(value = """
            select * from photos where owner_id = :owner and trashed_at is null and (taken_at, id) < (:takenAt, :id)
            order by taken_at desc, id desc limit :limit""", nativeQuery = true)
    List<Photo> olderThan(@Param("owner") UUID owner, @Param("takenAt") LocalDateTime takenAt, @Param("id") UUID id,
                          @Param("limit") int limit);

    /** The photos just newer than (takenAt, id), nearest first. */
    @Query(value = """
            select * from photos where owner_id = :owner and trashed_at is null and (taken_at, id) > (:takenAt, :id)
            order by taken_at asc, id asc limit :limit""", nativeQuery = true)
    List<Photo> newerThan(@Param("owner") UUID owner, @Param("takenAt") LocalDateTime takenAt, @Param("id") UUID id,
                          @Param("limit") int limit);

    /** Serialises everything that adds or removes a reference to one content hash, until commit. */
    @Query(value = "select 1 from (select pg_advisory_xact_lock(hashtextextended(:sha256, 0))) locked", nativeQuery = true)
    int lockContent(@Param("sha256") String sha256);

    /**
     * Which of these content hashes some uploaded photo references (for the storage sweep, in batches); a synced row
     * ('sync') holds no original, so it never keeps another user's stored content alive.
     */
    @Query(value = "select distinct sha256 from photos where sha256 in (:hashes) and source = 'upload'", nativeQuery = true)
    List<String> referencedAmong(@Param("hashes") java.util.Collection<String> hashes);

    /**
     * The contents of this owner's photos (trashed ones too) that no other owner's uploaded photo holds: what goes with
     * the owner's account.
     */
    @Query(value = """
            select distinct p.sha256 from photos p where p.owner_id = :owner
              and not exists (select 1 from photos o where o.sha256 = p.sha256 and o.owner_id <> :owner and o.source = 'upload')
            order by p.sha256""", nativeQuery = true)
    List<String> contentsOnlyOf(@Param("owner") UUID owner);

    /** Sets one source's searchable text of the owner's photo (nothing when the owner has no such photo); returns rows written. */
    @Modifying
    @Query(value = """
            insert into photo_search_text (photo_id, owner_id, source, text)
            select id, owner_id, :source, :text from photos where id = :photo and owner_id = :owner
            on conflict (photo_id, source) do update set text = excluded.text""", nativeQuery = true)
    int saveSearchText(@Param("owner") UUID owner, @Param("photo") UUID photo, @Param("source") String source, @Param("text") String text);

    @Modifying
    @Query(value = "delete from photo_search_text where photo_id = :photo and owner_id = :owner and source = :source", nativeQuery = true)
    int deleteSearchText(@Param("owner") UUID owner, @Param("photo") UUID photo, @Param("source") String source);

    /**
     * The owner's photos whose searchable text (any one source) matches {@code pattern} (ILIKE, backslash escapes),
     * optionally with one flag, newest first, after a keyset position (or from the newest when null).
     */
    @Query(value = """
            select * from photos p where p.owner_id = :owner and p.trashed_at is null
              and (cast(:flag as varchar) is null or p.flag = cast(:flag as varchar))
              and exists (select 1 from photo_search_text t where t.photo_id = p.id and t.text ilike :pattern escape '\\')
              and (cast(:takenAt as timestamp) is null or (p.taken_at, p.id) < (cast(:takenAt as timestamp), cast(:id as uuid)))
            order by p.taken_at desc, p.id desc limit :limit""", nativeQuery = true)
    List<Photo> searched(@Param("owner") UUID owner, @Param("pattern") String pattern, @Param("flag") @Nullable String flag,
                         @Param("takenAt") @Nullable LocalDateTime takenAt, @Param("id") @Nullable UUID id, @Param("limit") int limit);

    @Query(value = """
            select count(*) from photos p where p.owner_id = :owner and p.trashed_at is null
              and (cast(:flag as varchar) is null or p.flag = cast(:flag as varchar))
              and exists (select 1 from photo_search_text t where t.photo_id = p.id and t.text ilike :pattern escape '\\')""",
            nativeQuery = true)
    long countSearched(@Param("owner") UUID owner, @Param("pattern") String pattern, @Param("flag") @Nullable String flag);

    /** Of these photos of the owner, those whose searchable text matches {@code pattern} (to filter a ranked page). */
    @Query(value = """
            select distinct t.photo_id from photo_search_text t
            where t.owner_id = :owner and t.photo_id in (:ids) and t.text ilike :pattern escape '\\'
              and exists (select 1 from photos p where p.id = t.photo_id and p.trashed_at is null)""", nativeQuery = true)
    List<UUID> searchedAmong(@Param("owner") UUID owner, @Param("ids") java.util.Collection<UUID> ids, @Param("pattern") String pattern);

    /** Moves the owner's live photos among {@code ids} to the trash at {@code now}; returns how many moved. */
    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query(value = """
            update photos set trashed_at = :now where owner_id = :owner and id in (:ids) and trashed_at is null""", nativeQuery = true)
    int trash(@Param("owner") UUID owner, @Param("ids") Collection<UUID> ids, @Param("now") java.time.Instant now);

    /** Brings the owner's photo back from the trash; 0 when it is not in their trash. */
    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query(value = "update photos set trashed_at = null where owner_id = :owner and id = :id and trashed_at is not null", nativeQuery = true)
    int restore(@Param("owner") UUID owner, @Param("id") UUID id);

    /** The owner's trash, newest trashed first, after a keyset position (or from the start when null). */
    @Query(value = """
            select * from photos where owner_id = :owner and trashed_at is not null
              and (cast(:trashedAt as timestamptz) is null or (trashed_at, id) < (cast(:trashedAt as timestamptz), cast(:id as uuid)))
            order by trashed_at desc, id desc limit :limit""", nativeQuery = true)
    List<Photo> trashed(@Param("owner") UUID owner, @Param("trashedAt") java.time.@Nullable Instant trashedAt, @Param("id") @Nullable UUID id,
                        @Param("limit") int limit);

    @Query(value = "select count(*) from photos where owner_id = :owner and trashed_at is not null", nativeQuery = true)
    long countTrashed(@Param("owner") UUID owner);

    /**
     * The owner's photos among {@code ids} that are in the trash, locked until commit: what deleting from the trash may
     * delete (a photo restored meanwhile, or already purged, is not returned).
     */
    @Query(value = """
            select * from photos where owner_id = :owner and id in (:ids) and trashed_at is not null order by id for update""", nativeQuery = true)
    List<Photo> lockTrashed(@Param("owner") UUID owner, @Param("ids") Collection<UUID> ids);

    /** Up to {@code limit} ids of the owner's trash (to empty it a batch at a time). */
    @Query(value = "select id from photos where owner_id = :owner and trashed_at is not null order by trashed_at, id limit :limit", nativeQuery = true)
    List<UUID> trashedIds(@Param("owner") UUID owner, @Param("limit") int limit);

    /**
     * Those of these photos still trashed before {@code cutoff}, locked until commit; rows another node holds are skipped,
     * so sweeps on several nodes share the work.
     */
    @Query(value = """
            select * from photos where id in (:ids) and trashed_at < :cutoff
            order by trashed_at, id for update skip locked""", nativeQuery = true)
    List<Photo> lockExpiredTrash(@Param("ids") Collection<UUID> ids, @Param("cutoff") java.time.Instant cutoff);

    /** Up to {@code limit} ids of photos (anyone's, or only {@code owner}'s when given) trashed before {@code cutoff}, unlocked. */
    @Query(value = """
            select id from photos where trashed_at < :cutoff and (cast(:owner as uuid) is null or owner_id = cast(:owner as uuid))
            order by trashed_at, id limit :limit""", nativeQuery = true)
    List<UUID> expiredTrashIds(@Param("cutoff") java.time.Instant cutoff, @Param("owner") @Nullable UUID owner, @Param("limit") int limit);

    /**
     * Takes the content locks (as {@link #lockContent} does) of the trashed photos among {@code ids}, in sha256 order, in
     * one statement and before any of their rows is locked. Every writer takes a content's lock before the rows of that
     * content (a renditions job updates them under it), so a delete that locked the rows first could deadlock with it.
     */
    @Query(value = """
            select count(*) from (select pg_advisory_xact_lock(hashtextextended(s, 0)) from
                (select distinct sha256 s from photos where id in (:ids) and trashed_at is not null
                 and (cast(:owner as uuid) is null or owner_id = cast(:owner as uuid)) order by s) sorted) locked""", nativeQuery = true)
    long lockTrashedContents(@Param("owner") @Nullable UUID owner, @Param("ids") Collection<UUID> ids);
}
