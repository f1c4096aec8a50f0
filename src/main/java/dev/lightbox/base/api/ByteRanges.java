package dev.lightbox.base.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * Streams a stored file of known size with single byte ranges ({@code Range: bytes=a-b}, {@code a-}, {@code -n}):
 * 200 with the whole file, 206 with the range, 416 with {@code Content-Range: bytes *}/size for one that starts
 * outside the file. A header this does not serve (malformed, several ranges, {@code b < a}) is ignored as RFC 9110
 * §14.2 allows: 200 with the whole file. Sets {@code Accept-Ranges}, {@code Content-Length} and {@code Content-Range}; the caller sets
 * the rest of the headers.
 */
public final class ByteRanges {

    private static final Pattern RANGE = Pattern.compile("^bytes=(\\d*)-(\\d*)$");

    /** Opens {@code length} bytes from {@code offset}; the responder closes the stream. */
    @FunctionalInterface
    public interface Opener {
        InputStream open(long offset, long length) throws IOException;
    }

    private ByteRanges() {
    }

    public static ResponseEntity<StreamingResponseBody> respond(long size, @Nullable String range, HttpHeaders headers, Opener opener) {
        headers.set(HttpHeaders.ACCEPT_RANGES, "bytes");
        Matcher m = range == null ? null : RANGE.matcher(range.trim());
        if (m == null || !m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())
                || (!m.group(1).isEmpty() && !m.group(2).isEmpty() && position(m.group(2)) < position(m.group(1)))) {
            headers.setContentLength(size);
            return new ResponseEntity<>(out -> copy(opener.open(0, size), out), headers, HttpStatus.OK);
        }
        long start;
        long end;
        if (m.group(1).isEmpty()) { // the last N bytes
            start = Math.max(0, size - position(m.group(2)));
            end = size - 1;
        } else {
            start = position(m.group(1));
            end = m.group(2).isEmpty() ? size - 1 : Math.min(position(m.group(2)), size - 1);
        }
        if (start >= size) return unsatisfiable(size);
        long length = end - start + 1;
        headers.set(HttpHeaders.CONTENT_RANGE, "bytes " + start + "-" + end + "/" + size);
        headers.setContentLength(length);
        long from = start;
        return new ResponseEntity<>(out -> copy(opener.open(from, length), out), headers, HttpStatus.PARTIAL_CONTENT);
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
