package dev.lightbox.skin.api;

import dev.lightbox.skin.service.SkinDiaryService;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * A skin check-in as the REST API shows it ({@code GET /api/v1/skin/checkins/{photoId}}), for copies of it elsewhere
 * (the export's sidecars), so both carry the same shape and values.
 */
@Component
public class SkinDocuments {

    private final SkinDiaryService diary;

    SkinDocuments(SkinDiaryService diary) {
        this.diary = diary;
    }

    /** The photo's check-in JSON value (serialise it with the app's JsonMapper); empty when it is not in the diary. */
    public Optional<Object> checkin(UUID ownerId, UUID photoId) {
        return diary.find(ownerId, photoId).map(SkinController.CheckinJson::of);
    }
}
