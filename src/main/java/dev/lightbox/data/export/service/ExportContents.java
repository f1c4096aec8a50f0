package dev.lightbox.data.export.service;

import dev.lightbox.billing.service.CreditEntry;
import dev.lightbox.billing.service.CreditPage;
import dev.lightbox.billing.service.CreditService;
import dev.lightbox.library.api.PhotoDocuments;
import dev.lightbox.library.service.PhotoService;
import dev.lightbox.library.service.PhotoView;
import dev.lightbox.scoring.service.ScoringConfigService;
import dev.lightbox.skin.api.SkinDocuments;
import dev.lightbox.skin.service.Checkin;
import dev.lightbox.skin.service.SkinDiaryService;
import dev.lightbox.skin.service.SkinMetric;
import dev.lightbox.skin.service.SkinRegion;
import dev.lightbox.skin.service.SkinValues;
import dev.lightbox.training.service.ModelView;
import dev.lightbox.training.service.TrainingService;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * What goes into a user's export, written entry by entry into an {@link ExportZip}: each photo outside the trash
 * ({@code photos/<original name>} and {@code photos/<original name>.json}, the photo and its skin check-in as the REST
 * API answers them), the scoring configs, the models (list with metrics, each version's files), the skin diary and
 * the credit history as CSV, and a README. Reads a page of rows at a time, so memory does not grow with the library.
 */
@Component
class ExportContents {

    static final int PAGE = 100;
    static final String PHOTOS = "photos/";

    private final PhotoService photos;
    private final PhotoDocuments photoDocuments;
    private final SkinDocuments skinDocuments;
    private final SkinDiaryService diary;
    private final ScoringConfigService configs;
    private final TrainingService training;
    private final CreditService credits;
    private final JsonMapper json;

    ExportContents(PhotoService photos, PhotoDocuments photoDocuments, SkinDocuments skinDocuments, SkinDiaryService diary,
                   ScoringConfigService configs, TrainingService training, CreditService credits, JsonMapper json) {
        this.photos = photos;
        this.photoDocuments = photoDocuments;
        this.skinDocuments = skinDocuments;
        this.diary = diary;
        this.configs = configs;
        this.training = training;
        this.credits = credits;
        this.json = json;
    }

    /** Told after each photo: how many are done of how many. */
    interface Progress {
        void photos(long done, long total);
    }

    /** Writes everything of {@code owner} into {@code zip}; returns how many photos it holds. */
    int write(UUID owner, ExportZip zip, Progress progress) throws IOException {
        zip.addText("README.txt", README);
        long total = photos.countLive(owner);
        int done = 0;
        progress.photos(0, total);
        UUID after = null;
        while (true) {
            List<PhotoView> page = photos.liveAfter(owner, after, PAGE);
            for (PhotoView photo : page) {
                writePhoto(owner, photo, zip);
                progress.photos(++done, Math.max(total, done));
            }
            if (page.size() < PAGE) break;
            after = page.getLast().id();
        }
        zip.addBytes("scoring-configs.json", json.writerWithDefaultPrettyPrinter().writeValueAsBytes(configs.list(owner)));
        writeModels(owner, zip);
        writeSkinDiary(owner, zip);
        writeCredits(owner, zip);
        return done;
    }

    private void writePhoto(UUID owner, PhotoView photo, ExportZip zip) throws IOException {
        String name = zip.uniqueName(PHOTOS, photo.fileName(), ".json");
        if (photo.hasOriginal()) zip.addStored(name, photos.openOriginal(photo.sha256()));
        var sidecar = new LinkedHashMap<String, @Nullable Object>();
        sidecar.put("photo", photoDocuments.document(owner, photo));
        sidecar.put("skinCheckin", skinDocuments.checkin(owner, photo.id()).orElse(null));
        zip.addBytes(name + ".json", json.writerWithDefaultPrettyPrinter().writeValueAsBytes(sidecar));
    }

    private void writeModels(UUID owner, ExportZip zip) throws IOException {
        List<ModelView> models = training.list(owner);
        zip.addBytes("models/models.json", json.writerWithDefaultPrettyPrinter().writeValueAsBytes(models));
        for (ModelView model : models) {
            for (ModelView.Version version : model.versions()) {
                OutputStream entry = zip.openCompressed("models/" + model.id() + "/v" + version.version() + ".zip");
                training.download(owner, model.id(), version.version(), entry);
                zip.closeEntry();
            }
        }
    }

    private void writeSkinDiary(UUID owner, ExportZip zip) throws IOException {
        Writer csv = new OutputStreamWriter(zip.openCompressed("skin-diary.csv"), StandardCharsets.UTF_8);
        var header = new ArrayList<>(List.of("photoId", "takenAt", "addedAt", "source", "status", "reason"));
        for (SkinMetric metric : SkinMetric.values()) header.add(metric.key());
        for (SkinRegion region : SkinRegion.values()) {
            for (SkinMetric metric : SkinMetric.values()) header.add(region.key() + "." + metric.key());
        }
        Csv.row(csv, header);
        String cursor = null;
        do {
            SkinDiaryService.CheckinPage page = diary.checkins(owner, cursor, SkinDiaryService.MAX_PAGE);
            for (Checkin c : page.items()) {
                var row = new ArrayList<@Nullable Object>(List.of(c.photoId(), c.takenAt(), c.addedAt(),
                        c.source().name().toLowerCase(Locale.ROOT), c.status().json()));
                row.add(c.reason());
                addValues(row, c.metrics());
                for (SkinRegion region : SkinRegion.values()) addValues(row, c.regions().get(region));
                Csv.row(csv, row);
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        csv.flush();
        zip.closeEntry();
    }

    private static void addValues(List<@Nullable Object> row, @Nullable SkinValues values) {
        for (SkinMetric metric : SkinMetric.values()) row.add(values == null ? null : values.get(metric));
    }

    private void writeCredits(UUID owner, ExportZip zip) throws IOException {
        Writer csv = new OutputStreamWriter(zip.openCompressed("credits.csv"), StandardCharsets.UTF_8);
        Csv.row(csv, List.of("id", "createdAt", "kind", "amount", "balanceAfter", "reason", "reference"));
        String cursor = null;
        do {
            CreditPage page = credits.entries(owner, cursor, CreditService.MAX_PAGE);
            for (CreditEntry e : page.items()) {
                Csv.row(csv, java.util.Arrays.asList(e.id(), e.createdAt(), e.kind().json(), e.amount(), e.balanceAfter(), e.reason(), e.reference()));
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        csv.flush();
        zip.closeEntry();
    }

    static final String README = """
            Lightbox export
            ===============

            Everything this Lightbox server kept for your account when the export was made (photos in the trash
            are left out).

            photos/                 every photo's original file under the name it was uploaded with; when two
                                    photos share a name the later ones get " (2)", " (3)"... before the extension.
            photos/<name>.json      next to each photo: {"photo": ..., "skinCheckin": ...}, the photo as the REST
                                    API answers GET /api/v1/photos/{id} (metadata, analysis attributes including the
                                    vision provider's, score and its explanation, labels, rating, groups) and its
                                    skin check-in as GET /api/v1/skin/checkins/{photoId} (null when none).
                                    Photos synced without their original have only this file.
            scoring-configs.json    your scoring configs (GET /api/v1/scoring-configs).
            models/models.json      your trained models with their metrics and versions (GET /api/v1/models).
            models/<id>/v<n>.zip    each model version's files (parameters, labels, input spec, metrics, config).
            skin-diary.csv          the skin diary: one check-in a row, overall and per-region metrics.
            credits.csv             your credit history, oldest last.
            """;
}
