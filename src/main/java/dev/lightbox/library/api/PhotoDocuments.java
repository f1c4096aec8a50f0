package dev.lightbox.library.api;

import dev.lightbox.library.service.PhotoDetails;
import dev.lightbox.library.service.PhotoView;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A photo as the REST API shows it ({@code GET /api/v1/photos/{id}}: metadata and every module's fields: analysis
 * attributes, scores, labels, rating, groups), for the controller and for copies of it elsewhere (the export's
 * sidecars), so both carry the same shape and values.
 */
@Component
public class PhotoDocuments {

    private static final Logger log = LoggerFactory.getLogger(PhotoDocuments.class);

    private final List<PhotoDetails> details;

    PhotoDocuments(List<PhotoDetails> details) {
        this.details = details;
    }

    /** The photo's JSON value (serialise it with the app's JsonMapper), without its jobs. */
    public Object document(UUID ownerId, PhotoView photo) {
        return PhotoJson.document(photo, contributed(ownerId, photo));
    }

    /** The fields other modules add to the photo's JSON; one module's trouble does not hide the photo. */
    Map<String, Object> contributed(UUID ownerId, PhotoView photo) {
        var contributed = new LinkedHashMap<String, Object>();
        details.forEach(d -> {
            try {
                contributed.putAll(d.json(ownerId, photo));
            } catch (RuntimeException e) {
                log.warn("Photo details from {} failed: {}", d.getClass().getSimpleName(), e.toString());
            }
        });
        return contributed;
    }
}
