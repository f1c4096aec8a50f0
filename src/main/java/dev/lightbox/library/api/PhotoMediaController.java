package dev.lightbox.library.api;

import dev.lightbox.base.security.CurrentUser;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The browser's way to the same images: {@code /media/photos/{id}/…} sits behind the UI's session login
 * (plain {@code <img>} tags cannot send bearer tokens) and checks ownership the same way.
 */
@RestController
class PhotoMediaController {

    private final MediaResponder media;

    PhotoMediaController(MediaResponder media) {
        this.media = media;
    }

    @GetMapping("/media/photos/{id}/{rendition:thumbnail|preview|original}")
    ResponseEntity<StreamingResponseBody> media(@PathVariable UUID id, @PathVariable String rendition,
                                                @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) @Nullable String ifNoneMatch,
                                                @RequestHeader(value = HttpHeaders.RANGE, required = false) @Nullable String range,
                                                @RequestParam(defaultValue = "false") boolean download) {
        return media.respond(CurrentUser.require().id(), id, rendition, ifNoneMatch, range, download);
    }
}
