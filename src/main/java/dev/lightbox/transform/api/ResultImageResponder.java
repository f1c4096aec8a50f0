package dev.lightbox.transform.api;

import dev.lightbox.transform.service.ResultImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    private static final Pattern RANGE = Pattern.compile("^bytes=(\\d*)-(\\d*)$");

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
        headers.set(HttpHeaders.ACCEPT_RANGES, "bytes");
        headers.setContentDisposition((download ? ContentDisposition.attachment() : ContentDisposition.inline())
                .filename(image.fileName(), StandardCharsets.UTF_8).build());
        long size = image.size();
        if (range == null) {
            headers.setContentLength(size);
            return new ResponseEntity<>(out -> copy(image.open(), out), headers, HttpStatus.OK);
        }
        Matcher m = RANGE.matcher(range.trim());
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) return unsatisfiable(size);
        long start;
        long end;
        if (m.group(1).isEmpty()) { // the last N bytes
            start = Math.max(0, size - position(m.group(2)));
            end = size - 1;
        } else {
            start = position(m.group(1));
            end = m.group(2).isEmpty() ? size - 1 : Math.min(position(m.group(2)), size - 1);
        }
        if (start >= size || end < start) return unsatisfiable(size);
        long length = end - start + 1;
        headers.set(HttpHeaders.CONTENT_RANGE, "bytes " + start + "-" + end + "/" + size);
        headers.setContentLength(length);
        long from = start;
        return new ResponseEntity<>(out -> copy(image.open(from, length), out), headers, HttpStatus.PARTIAL_CONTENT);
    }

    /** A byte position; one past any file's size when it has more digits than a long holds. */
    private static long position(String digits) {
        return digits.length() > 18 ? Long.MAX_VALUE : Long.parseLong(digits);
    }

    private static ResponseEntity<StreamingResponseBody> unsatisfiable(long size) {
        return ResponseEntity.status(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE).header(HttpHeaders.CONTENT_RANGE, "bytes */" + size).build();
    }

    private static void copy(InputStream in, OutputStream out) throws IOException {
        try (in) {
            in.transferTo(out);
        }
    }
}
