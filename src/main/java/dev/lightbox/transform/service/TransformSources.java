package dev.lightbox.transform.service;

import dev.lightbox.library.service.PhotoService;
import dev.lightbox.library.service.PhotoService.Media;
import dev.lightbox.library.service.PhotoService.Rendition;
import dev.lightbox.transform.pipeline.InvalidStyleException;
import dev.lightbox.transform.pipeline.Restyler;
import dev.lightbox.transform.pipeline.SourceImages;
import dev.lightbox.transform.pipeline.StyleRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The bytes a restyle works on: the owner's photo and, when the style names one, the owner's reference photo, as
 * originals (the job) or preview renditions (the dialog's preview). A reference photo that is not the owner's, or
 * has no stored image, is a bad value of the style's photo parameter.
 */
@Component
class TransformSources {

    private final PhotoService photos;
    private final Restyler restyler;

    TransformSources(PhotoService photos, Restyler restyler) {
        this.photos = photos;
        this.restyler = restyler;
    }

    SourceImages load(UUID owner, UUID photoId, StyleRequest request, Rendition rendition) throws IOException {
        Media media = photos.media(owner, photoId, rendition)
                .orElseThrow(() -> new TransformNotFoundException("No photo " + photoId + " in your library."));
        if (media.synced() != null) throw new dev.lightbox.library.service.PhotoWithoutOriginalException("Restyling");
        byte[] original = read(media);
        byte[] reference = null;
        if (request.referencePhotoId().isPresent()) reference = read(reference(owner, request, rendition));
        return new SourceImages(original, reference);
    }

    /** Checks the reference photo (if any) is the owner's and stored; throws {@link InvalidStyleException} naming the param. */
    void checkReference(UUID owner, StyleRequest request) {
        if (request.referencePhotoId().isPresent()) reference(owner, request, Rendition.ORIGINAL);
    }

    private Media reference(UUID owner, StyleRequest request, Rendition rendition) {
        UUID id = request.referencePhotoId().orElseThrow();
        String param = photoParam(request.style());
        Media media = photos.media(owner, id, rendition)
                .orElseThrow(() -> new InvalidStyleException(param, param + ": no photo " + id + " in your library."));
        if (media.synced() != null) {
            throw new InvalidStyleException(param, param + ": photo " + id + " was synced without its original; upload it to use it here.");
        }
        return media;
    }

    /** The name of the style's photo parameter (the one a reference photo id comes in). */
    private String photoParam(String style) {
        return restyler.styles().stream().filter(s -> s.id().equals(style)).flatMap(s -> s.params().stream())
                .filter(p -> "photo".equals(p.type())).map(p -> p.name()).findFirst().orElse("reference");
    }

    private byte[] read(Media media) throws IOException {
        try (InputStream in = photos.open(media)) {
            return in.readAllBytes();
        }
    }
}
