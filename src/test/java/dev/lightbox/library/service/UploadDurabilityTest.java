package dev.lightbox.library.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.common.collect.HashMultimap;
import dev.lightbox.jobs.JobService;
import dev.lightbox.library.LibraryProperties;
import dev.lightbox.library.StorageSweepProperties;
import dev.lightbox.library.domain.PhotoRepository;
import dev.lightbox.storage.ObjectStore;
import dev.lightbox.support.IntegrationTest;
import dev.lightbox.support.TestImages;
import io.minio.MinioAsyncClient;
import java.io.ByteArrayInputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Storage effects never inside a transaction: failed commits, rolled-back deletes and crashed uploads leave no row without its object. */
class UploadDurabilityTest extends IntegrationTest {

    @Autowired PhotoRepository photos;
    @Autowired ObjectStore store;
    @Autowired TransactionTemplate transaction;
    @Autowired PhotoService photoService;
    @Autowired PhotoUploadService uploads;
    @Autowired JobService jobs;
    @Autowired Clock clock;
    @Autowired InFlightUploads inFlight;
    @Autowired UploadLeftovers leftovers;
    @Autowired ContentCleaner cleaner;
    @Autowired SweepLock sweepLock;
    @Autowired NodeIdentity node;
    @Autowired JdbcTemplate jdbc;
    @Value("${lightbox.data-dir}") String dataDir;

    private UUID newOwner() {
        var api = api();
        String email = api.signUpNewUser();
        return UUID.fromString(api.get("/api/v1/auth/me", api.login(email, dev.lightbox.support.ApiClient.USER_PASSWORD)).json().get("id").asString());
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private int recordsNaming(String key) {
        return jdbc.queryForObject("select count(*) from uploads_in_flight where temp_key = ? or original_key = ?", Integer.class, key, key);
    }

    @Test
    void aCommitThatFailsAfterTheOriginalWasCopiedLeavesNoRowAndNoObject() throws Exception {
        // the database refuses the commit itself (as when it dies at that moment): the row's transaction rolls back
        var failingCommit = new PhotoUploadService(photos, store, new LibraryProperties(100_000_000L, 100_000_000L), transaction, jobs,
                event -> TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void beforeCommit(boolean readOnly) {
                        throw new IllegalStateException("commit failed");
                    }
                }), clock, inFlight, leftovers);
        UUID owner = newOwner();
        byte[] jpeg = TestImages.jpeg(640, 480, 4242);
        String sha256 = sha256(jpeg);

        assertThatThrownBy(() -> failingCommit.upload(owner, "lost.jpg", new ByteArrayInputStream(jpeg)))
                .hasMessageContaining("commit failed");

        assertThat(photos.countBySha256(sha256)).isZero();
        assertThat(store.stat(PhotoKeys.original(sha256))).as("no original without its row").isEmpty();
        assertThat(store.list(PhotoKeys.UPLOADS_PREFIX)).isEmpty();
        assertThat(recordsNaming(PhotoKeys.original(sha256))).isZero();
    }

    @Test
    void aDeleteThatRollsBackKeepsTheOriginalsOfTheRestoredRows() throws Exception {
        UUID owner = newOwner();
        byte[] jpeg = TestImages.jpeg(640, 480, 4343);
        var photo = uploads.upload(owner, "kept.jpg", new ByteArrayInputStream(jpeg)).photo();
        String original = PhotoKeys.original(sha256(jpeg));

        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
            photoService.deleteForever(owner, Set.of(photo.id()));
            throw new IllegalStateException("a later step of the same transaction fails");
        })).hasMessageContaining("later step");

        assertThat(photos.findById(photo.id())).as("the row is back").isPresent();
        assertThat(store.stat(original)).as("and so is its original").isPresent();
        // the deletion job of the rolled-back delete was never committed, so nothing deletes it later either
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> store.stat(original).isPresent());
    }

    @Test
    void aDeletedPhotosObjectsGoAfterTheCommitButNotWhileTheContentIsInUseAgain() throws Exception {
        UUID owner = newOwner();
        UUID other = newOwner();
        byte[] jpeg = TestImages.jpeg(640, 480, 4444);
        String sha256 = sha256(jpeg);
        var mine = uploads.upload(owner, "a.jpg", new ByteArrayInputStream(jpeg)).photo();
        uploads.upload(other, "b.jpg", new ByteArrayInputStream(jpeg));

        photoService.deleteForever(owner, Set.of(mine.id()));
        assertThat(cleaner.deleteIfUnreferenced(sha256, null)).as("the other user's photo still references it").isFalse();
        assertThat(store.stat(PhotoKeys.original(sha256))).isPresent();

        photoService.deleteForever(other, photos.findByOwnerId(other).stream().map(p -> p.getId()).toList());
        await().atMost(Duration.ofSeconds(30)).until(() -> store.stat(PhotoKeys.original(sha256)).isEmpty());
        assertThat(store.stat(PhotoKeys.thumbnail(sha256))).isEmpty();
    }

    @Test
    void anOriginalClaimedByAnUploadInFlightIsNotDeleted() throws Exception {
        byte[] jpeg = TestImages.jpeg(320, 240, 4545);
        String sha256 = sha256(jpeg);
        store.put(PhotoKeys.original(sha256), new ByteArrayInputStream(jpeg), jpeg.length, "image/jpeg");
        var record = inFlight.claimOriginal(inFlight.begin(PhotoKeys.UPLOADS_PREFIX + UUID.randomUUID()), PhotoKeys.original(sha256));

        assertThat(cleaner.deleteIfUnreferenced(sha256, null)).isFalse();
        assertThat(store.stat(PhotoKeys.original(sha256))).isPresent();

        leftovers.remove(record, false); // the upload fails: its cleanup removes the unreferenced original
        assertThat(store.stat(PhotoKeys.original(sha256))).isEmpty();
        assertThat(recordsNaming(PhotoKeys.original(sha256))).isZero();
    }

    @Test
    void aRestartedNodeRemovesExactlyWhatItsEarlierProcessLeftWithoutWaiting() throws Exception {
        UUID owner = newOwner();
        byte[] kept = TestImages.jpeg(320, 240, 4646);
        uploads.upload(owner, "kept.jpg", new ByteArrayInputStream(kept));
        byte[] lost = TestImages.jpeg(320, 240, 4747);
        String lostSha = sha256(lost);

        // what a process of this node killed mid-upload leaves: records, a temporary object, a copied original
        // whose row was never committed, and an unfinished multipart upload of a second temporary object
        UUID earlier = UUID.randomUUID();
        String temp = PhotoKeys.UPLOADS_PREFIX + UUID.randomUUID();
        String streaming = PhotoKeys.UPLOADS_PREFIX + UUID.randomUUID();
        store.put(temp, new ByteArrayInputStream(lost), lost.length, "image/jpeg");
        store.put(PhotoKeys.original(lostSha), new ByteArrayInputStream(lost), lost.length, "image/jpeg");
        beginMultipartUpload(streaming);
        insertRecord(node.nodeId(), earlier, temp, PhotoKeys.original(lostSha));
        insertRecord(node.nodeId(), earlier, temp + "-2", PhotoKeys.original(sha256(kept))); // its row did commit: the original stays
        insertRecord(node.nodeId(), earlier, streaming, null);
        // another node's upload in flight is not this node's to remove
        String strangers = PhotoKeys.UPLOADS_PREFIX + UUID.randomUUID();
        store.put(strangers, new ByteArrayInputStream(lost), lost.length, "image/jpeg");
        insertRecord("another-node", UUID.randomUUID(), strangers, null);
        assertThat(store.incompleteUploads(streaming)).as("the S3 server lists unfinished multipart uploads").isEqualTo(1);

        assertThat(leftovers.removeLeftByEarlierIncarnations()).isEqualTo(3);

        assertThat(store.stat(temp)).isEmpty();
        assertThat(store.incompleteUploads(streaming)).isZero();
        assertThat(store.stat(PhotoKeys.original(lostSha))).isEmpty();
        assertThat(store.stat(PhotoKeys.original(sha256(kept)))).isPresent();
        assertThat(store.stat(strangers)).isPresent();
        assertThat(jdbc.queryForObject("select count(*) from uploads_in_flight where incarnation = ?", Integer.class, earlier)).isZero();
        jdbc.update("delete from uploads_in_flight where temp_key = ?", strangers);
        store.delete(strangers);
    }

    @Test
    void theSweepRemovesOrphansButNeitherUploadsInFlightNorReferencedContent() throws Exception {
        var sweep = new StorageSweep(store, inFlight, leftovers, cleaner, photos, sweepLock,
                new StorageSweepProperties(Duration.ofHours(1), Duration.ZERO), clock);
        UUID owner = newOwner();
        byte[] kept = TestImages.jpeg(320, 240, 4848);
        uploads.upload(owner, "kept.jpg", new ByteArrayInputStream(kept));
        byte[] bytes = TestImages.jpeg(320, 240, 4949);
        String orphanSha = sha256(bytes);
        String claimedSha = sha256(TestImages.jpeg(320, 240, 5050));
        String orphanTemp = PhotoKeys.UPLOADS_PREFIX + UUID.randomUUID();
        String orphanStreaming = PhotoKeys.UPLOADS_PREFIX + UUID.randomUUID();
        for (String key : new String[] {orphanTemp, PhotoKeys.original(orphanSha), PhotoKeys.thumbnail(orphanSha), PhotoKeys.original(claimedSha)}) {
            store.put(key, new ByteArrayInputStream(bytes), bytes.length, "image/jpeg");
        }
        beginMultipartUpload(orphanStreaming);
        var live = inFlight.claimOriginal(inFlight.begin(PhotoKeys.UPLOADS_PREFIX + UUID.randomUUID()), PhotoKeys.original(claimedSha));
        store.put(live.tempKey(), new ByteArrayInputStream(bytes), bytes.length, "image/jpeg");
        await().atMost(Duration.ofSeconds(5)).until(() -> store.list("").stream().allMatch(o -> o.lastModified().isBefore(clock.instant())));

        var removed = sweep.sweep();

        assertThat(removed.temporaryObjects()).isGreaterThanOrEqualTo(1);
        assertThat(store.stat(orphanTemp)).isEmpty();
        assertThat(store.incompleteUploads(orphanStreaming)).isZero();
        assertThat(store.stat(PhotoKeys.original(orphanSha))).isEmpty();
        assertThat(store.stat(PhotoKeys.thumbnail(orphanSha))).isEmpty();
        assertThat(store.stat(live.tempKey())).as("an upload in flight keeps its temporary object").isPresent();
        assertThat(store.stat(PhotoKeys.original(claimedSha))).as("and the original it claimed").isPresent();
        assertThat(store.stat(PhotoKeys.original(sha256(kept)))).isPresent();
        leftovers.remove(live, false);
    }

    private void insertRecord(String nodeId, UUID incarnation, String tempKey, String originalKey) {
        jdbc.update("insert into uploads_in_flight (id, node_id, incarnation, temp_key, original_key) values (?, ?, ?, ?, ?)",
                UUID.randomUUID(), nodeId, incarnation, tempKey, originalKey);
    }

    /** An unfinished multipart upload with one 5 MiB part, as a process killed while streaming leaves it. */
    private void beginMultipartUpload(String key) throws Exception {
        var credentials = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of(dataDir).resolve("s3-credentials.properties"))) {
            credentials.load(reader);
        }
        var async = MinioAsyncClient.builder().endpoint(store.endpoint())
                .credentials(credentials.getProperty("accessKey"), credentials.getProperty("secretKey")).region("us-east-1").build();
        String uploadId = async.createMultipartUploadAsync(store.bucket(), null, key, HashMultimap.create(), null).get().result().uploadId();
        byte[] part = new byte[5 * 1024 * 1024];
        async.uploadPartAsync(store.bucket(), null, key, part, part.length, uploadId, 1, null, null).get();
    }
}
