package dev.lightbox.library.service;

import dev.lightbox.jobs.JobContext;
import dev.lightbox.jobs.JobHandler;
import dev.lightbox.jobs.JobQueue;
import dev.lightbox.jobs.JobRequest;
import dev.lightbox.jobs.JobType;
import dev.lightbox.library.domain.ImageFormat;
import dev.lightbox.library.domain.Photo;
import dev.lightbox.library.domain.LibraryUsageRepository;
import dev.lightbox.library.domain.PhotoRepository;
import dev.lightbox.storage.ObjectStore;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes a photo's preview (1600 px) and thumbnail (400 px) on the {@code cpu} queue. Keyed by content:
 * one job per SHA-256, and a re-run after a crash overwrites the same two objects.
 */
@Component
public class RenditionsJob implements JobHandler<RenditionsJob.Payload> {

    /** The stored content; {@code width}, {@code height}: as stored (before orientation). */
    public record Payload(String sha256, String format, long sizeBytes, int width, int height, int orientation) {
    }

    public static final JobType<Payload> TYPE = JobType.of("library.renditions", "Preview and thumbnail", JobQueue.CPU, Payload.class);

    private final ObjectStore store;
    private final PhotoRepository photos;
    private final TransactionTemplate transaction;
    private final LibraryUsageRepository usage;

    RenditionsJob(ObjectStore store, PhotoRepository photos, TransactionTemplate transaction, LibraryUsageRepository usage) {
        this.store = store;
        this.photos = photos;
        this.transaction = transaction;
        this.usage = usage;
    }

    /** What a finished run reports: the renditions' sizes, or why none were made. */
    record Result(int previewBytes, int thumbnailBytes, @org.jspecify.annotations.Nullable String skipped) {
        static Result skipped(String why) {
            return new Result(0, 0, why);
        }
    }

    static JobRequest<Payload> request(Photo photo) {
        return JobRequest.of(TYPE, photo.getOwnerId(), new Payload(photo.getSha256(), photo.getFormat().name(), photo.getSizeBytes(),
                        photo.getOrientation() >= 5 ? photo.getHeight() : photo.getWidth(),
                        photo.getOrientation() >= 5 ? photo.getWidth() : photo.getHeight(),
                        photo.getOrientation()))
                .withPriority(5) // a person is waiting to see it
                .about(photo.getId())
                .dedupedBy(dedupeKey(photo.getSha256()));
    }

    static String dedupeKey(String sha256) {
        return "renditions:" + sha256;
    }

    private void put(String key, byte[] jpeg) {
        store.put(key, new ByteArrayInputStream(jpeg), jpeg.length, "image/jpeg");
    }

    @Override
    public JobType<Payload> type() {
        return TYPE;
    }

    @Override
    public void run(JobContext context, Payload p) throws Exception {
        String sha256 = p.sha256();
        if (photos.countBySha256(sha256) == 0) { // deleted before its turn came: nothing to make
            context.result(Result.skipped("the photo was deleted"));
            return;
        }
        if (photos.countBySha256AndSource(sha256, PhotoSource.UPLOAD.parameter()) == 0) { // nothing to render from
            context.result(Result.skipped("the photo was synced without its original"));
            return;
        }
        context.progress(0.05, "decode", "Reading the original");
        Thumbnailer.Renditions renditions;
        try (InputStream in = store.get(PhotoKeys.original(sha256))) {
            renditions = Thumbnailer.render(in, p.sizeBytes(), ImageFormat.valueOf(p.format()), p.width(), p.height(), p.orientation());
        }
        context.progress(0.7, "save", "Storing preview and thumbnail");
        // under the content lock, and only while a photo still uses this content: a delete meanwhile leaves no orphans
        boolean kept = Boolean.TRUE.equals(transaction.execute(status -> {
            photos.lockContent(sha256);
            if (photos.countOriginalReferences(sha256) == 0) return false;
            put(PhotoKeys.preview(sha256), renditions.preview());
            put(PhotoKeys.thumbnail(sha256), renditions.thumbnail());
            usage.recordRenditions(sha256, (long) renditions.preview().length + renditions.thumbnail().length);
            return true;
        }));
        context.result(kept ? new Result(renditions.preview().length, renditions.thumbnail().length, null)
                : Result.skipped("the photo was deleted meanwhile"));
        context.progress(1, "done", null);
    }
}
