package dev.lightbox.library.api;

import dev.lightbox.base.api.ByteRanges;
import dev.lightbox.library.service.PhotoService;
import dev.lightbox.library.service.PhotoService.Media;
import dev.lightbox.library.service.PhotoService.Rendition;
import dev.lightbox.library.service.PhotoView;
import java.io.InputStream;
import java.time.Duration;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * Streams a photo's rendition or original from the object store. The ETag is the content hash (the
 * bytes behind a photo never change), renditions are cacheable for a year, originals answer byte ranges.
 */
@Component
class MediaResponder {

    private final PhotoService photos;

    MediaResponder(PhotoService photos) {
        this.photos = photos;
    }

    /** The owner's photo's rendition ("thumbnail", "preview", "original"), or 404 when the owner has no such photo. */
    ResponseEntity<StreamingResponseBody> respond(UUID owner, UUID photoId, String rendition, @Nullable String ifNoneMatch,
                                                  @Nullable String range, boolean download) {
        var found = photos.media(owner, photoId, Rendition.valueOf(rendition.toUpperCase(java.util.Locale.ROOT)));
        if (found.isEmpty()) return ResponseEntity.notFound().build();
        PhotoView synced = found.get().synced();
        return synced == null ? respond(found.get(), ifNoneMatch, range, download) : placeholder(synced, found.get().rendition());
    }

    /**
     * A synced photo has nothing stored: its thumbnail and preview are a placeholder drawing (never cached for
     * long, and under its own ETag: the photo's real renditions replace it once the original is uploaded),
     * its original is a 404 problem.
     */
    private static ResponseEntity<StreamingResponseBody> placeholder(PhotoView photo, Rendition rendition) {
        if (rendition == Rendition.ORIGINAL) throw new SyncedWithoutOriginalException();
        byte[] svg = SyncedPlaceholder.svg(photo);
        var headers = new HttpHeaders();
        headers.setContentType(MediaType.parseMediaType("image/svg+xml"));
        headers.setContentLength(svg.length);
        headers.setCacheControl(CacheControl.noCache().cachePrivate());
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; sandbox");
        return new ResponseEntity<>(out -> out.write(svg), headers, HttpStatus.OK);
    }

    /** {@code …/original} of a photo synced without it: 404 problem+json (see {@link SyncedMediaProblems}). */
    static final class SyncedWithoutOriginalException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final String DETAIL = "This photo was synced without its original: only its attributes and metadata are on the server. "
                + "Upload the file to add it.";

        SyncedWithoutOriginalException() {
            super(DETAIL, null, false, false);
        }
    }

    private ResponseEntity<StreamingResponseBody> respond(Media media, @Nullable String ifNoneMatch, @Nullable String range, boolean download) {
        String filename = media.filename();
        String etag = "\"" + media.sha256() + (media.rendition() == Rendition.ORIGINAL ? "" : "-" + media.rendition().name().toLowerCase()) + "\"";
        CacheControl cache = media.rendition() == Rendition.ORIGINAL
                ? CacheControl.maxAge(Duration.ofHours(1)).cachePrivate()
                : CacheControl.maxAge(Duration.ofDays(365)).cachePrivate().immutable();
        if (ifNoneMatch != null && (ifNoneMatch.contains(etag) || ifNoneMatch.trim().equals("*"))) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).cacheControl(cache).build();
        }
        var stored = photos.size(media);
        if (stored.isEmpty()) return ResponseEntity.notFound().build();
        long size = stored.get();
        var headers = new HttpHeaders();
        headers.setETag(etag);
        headers.setCacheControl(cache);
        headers.setContentType(MediaType.parseMediaType(media.contentType()));
        headers.set("X-Content-Type-Options", "nosniff");
        if (media.rendition() == Rendition.ORIGINAL) {
            if (filename != null) {
                headers.setContentDisposition((download ? ContentDisposition.attachment() : ContentDisposition.inline())
                        .filename(filename, java.nio.charset.StandardCharsets.UTF_8).build());
            }
            return ByteRanges.respond(size, range, headers, (from, length) -> photos.open(media, from, length));
        }
        headers.setContentLength(size);
        return new ResponseEntity<>(out -> copy(photos.open(media), out), headers, HttpStatus.OK);
    }

    private static void copy(InputStream in, java.io.OutputStream out) throws java.io.IOException {
        try (in) {
            in.transferTo(out);
        }
    }
}
