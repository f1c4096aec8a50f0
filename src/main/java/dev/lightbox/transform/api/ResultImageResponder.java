package dev.lightbox.transform.api;

import dev.lightbox.base.api.ByteRanges;
import dev.lightbox.transform.service.ResultImage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * Sends a result image the way the library sends originals: a strong ETag (a transform's images never change, so
 * If-None-Match answers 304), byte ranges (206, or 416 for a range outside the file), private caching.
 */
final class ResultImageResponder {

    private ResultImageResponder() {
    }

    static ResponseEntity<StreamingResponseBody> respond(ResultImage image, @Nullable String ifNoneMatch, @Nullable String range, boolean download) {
        CacheControl cache = CacheControl.maxAge(Duration.ofHours(1)).cachePrivate();
        if (ifNoneMatch != null && (ifNoneMatch.contains(image.etag()) || ifNoneMatch.trim().equals("*"))) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(image.etag()).cacheControl(cache).build();
        }
        var headers = new HttpHeaders();
        headers.setETag(image.etag());
        headers.setCacheControl(cache);
        headers.setContentType(MediaType.parseMediaType(image.contentType()));
        headers.set("X-Content-Type-Options", "nosniff");
        headers.setContentDisposition((download ? ContentDisposition.attachment() : ContentDisposition.inline())
                .filename(image.fileName(), StandardCharsets.UTF_8).build());
        return ByteRanges.respond(image.size(), range, headers, image::open);
    }
}
