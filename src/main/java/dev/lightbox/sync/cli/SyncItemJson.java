package dev.lightbox.sync.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.lightbox.library.service.FileNames;
import dev.lightbox.library.service.LocalPhotoFile;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * One item of {@code POST /api/v1/sync/attributes}, exactly what leaves this computer for a photo: its
 * hash, the analyser's version and attributes, a few facts from its header, its file name. Never pixels.
 */
record SyncItemJson(String sha256, int analyzerVersion, Map<String, Object> attributes, Metadata metadata, String analysedAt) {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final int MAX_TEXT = 200;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Metadata(@Nullable String takenAt, @Nullable String camera, @Nullable String lens, int width, int height,
                    @Nullable String fileName, String format, long sizeBytes) {
    }

    static SyncItemJson of(LocalPhotoFile file, int analyzerVersion, Map<String, Object> attributes, Instant analysedAt) {
        LocalDateTime takenAt = file.takenAt();
        var metadata = new Metadata(takenAt == null ? null : takenAt.toString(), camera(file.cameraMake(), file.cameraModel()),
                limit(file.lens()), file.uprightWidth(), file.uprightHeight(), FileNames.clean(String.valueOf(file.file().getFileName())),
                file.formatName(), file.sizeBytes());
        return new SyncItemJson(file.sha256(), analyzerVersion, attributes, metadata, analysedAt.toString());
    }

    /** "Make Model", without the make twice when the model already starts with it ("Canon Canon EOS R5"). */
    static @Nullable String camera(@Nullable String make, @Nullable String model) {
        String m = model == null ? "" : model.strip();
        String k = make == null ? "" : make.strip();
        String camera = k.isEmpty() || m.toLowerCase(Locale.ROOT).startsWith(k.toLowerCase(Locale.ROOT)) ? m : (k + " " + m).strip();
        return limit(camera);
    }

    private static @Nullable String limit(@Nullable String text) {
        if (text == null || text.isBlank()) return null;
        String t = text.strip();
        return t.length() > MAX_TEXT ? t.substring(0, MAX_TEXT) : t;
    }

    String toJson() {
        return JSON.writeValueAsString(this);
    }

    static SyncItemJson fromJson(String json) {
        return JSON.readValue(json, SyncItemJson.class);
    }
}
