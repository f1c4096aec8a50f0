package dev.lightbox.base.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

class ByteRangesTest {

    private static final byte[] FILE = new byte[100];

    static {
        for (int i = 0; i < FILE.length; i++) FILE[i] = (byte) i;
    }

    @Test
    void aRangeItDoesNotServeIsIgnored() throws IOException {
        for (String range : new String[] {"bytes=0-1,5-6", "bytes=0-1, 5-6", "bytes=5-1", "bytes=-", "items=0-5", "bytes=a-b",
                "bytes=-99999999999999999999999x", "bytes=0--1"}) {
            var response = respond(range);
            assertThat(response.getStatusCode().value()).as(range).isEqualTo(200);
            assertThat(response.getHeaders().getFirst(HttpHeaders.CONTENT_RANGE)).as(range).isNull();
            assertThat(response.getHeaders().getContentLength()).as(range).isEqualTo(FILE.length);
            assertThat(body(response)).as(range).isEqualTo(FILE);
        }
    }

    @Test
    void aRangeOutsideTheFileIsUnsatisfiable() {
        for (String range : new String[] {"bytes=100-", "bytes=100-200", "bytes=99999999999999999999999-", "bytes=-0"}) {
            var response = respond(range);
            assertThat(response.getStatusCode().value()).as(range).isEqualTo(416);
            assertThat(response.getHeaders().getFirst(HttpHeaders.CONTENT_RANGE)).as(range).isEqualTo("bytes */100");
        }
    }

    @Test
    void aSingleRangeIsServed() throws IOException {
        assertPartial("bytes=10-19", 10, 19);
        assertPartial("bytes=90-", 90, 99);
        assertPartial("bytes=-5", 95, 99);
        assertPartial("bytes=-500", 0, 99);
        assertPartial(" bytes=98-99999999999999999999999 ", 98, 99);
        var whole = respond(null);
        assertThat(whole.getStatusCode().value()).isEqualTo(200);
        assertThat(body(whole)).isEqualTo(FILE);
    }

    private static void assertPartial(String range, int start, int end) throws IOException {
        var response = respond(range);
        assertThat(response.getStatusCode().value()).as(range).isEqualTo(206);
        assertThat(response.getHeaders().getFirst(HttpHeaders.CONTENT_RANGE)).as(range).isEqualTo("bytes " + start + "-" + end + "/100");
        assertThat(body(response)).as(range).isEqualTo(Arrays.copyOfRange(FILE, start, end + 1));
    }

    private static ResponseEntity<StreamingResponseBody> respond(@org.jspecify.annotations.Nullable String range) {
        return ByteRanges.respond(FILE.length, range, new HttpHeaders(),
                (from, length) -> new ByteArrayInputStream(FILE, (int) from, (int) length));
    }

    private static byte[] body(ResponseEntity<StreamingResponseBody> response) throws IOException {
        var out = new ByteArrayOutputStream();
        var body = response.getBody();
        assertThat(body).isNotNull();
        body.writeTo(out);
        return out.toByteArray();
    }
}
