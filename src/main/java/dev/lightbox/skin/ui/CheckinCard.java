package dev.lightbox.skin.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import com.vaadin.flow.shared.Registration;
import dev.lightbox.jobs.JobEvents;
import dev.lightbox.jobs.JobStatus;
import dev.lightbox.jobs.ui.JobUpdates;
import dev.lightbox.skin.service.Checkin;
import dev.lightbox.skin.service.CheckinStatus;
import dev.lightbox.skin.service.SkinDiaryService;
import dev.lightbox.skin.service.SkinMetric;
import dev.lightbox.skin.service.SkinValues;
import dev.lightbox.skin.service.SkinWording;
import java.io.ByteArrayInputStream;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * One check-in: the face crop with its regions drawn, the date, the five metrics (or why there are none), and
 * while it is measured, the job's live progress. Choosing two cards compares them.
 */
final class CheckinCard extends Div {

    private final SkinDiaryService diary;
    private final UUID owner;
    private final JobEvents events;
    private final BiConsumer<UUID, Boolean> onChoose;
    private final Consumer<UUID> onRemoved;
    private final Consumer<UUID> onAnalysed;
    private final Checkbox compare = new Checkbox("Compare");
    private @Nullable Registration following;

    CheckinCard(Checkin checkin, SkinDiaryService diary, UUID owner, JobEvents events, BiConsumer<UUID, Boolean> onChoose,
                Consumer<UUID> onRemoved, Consumer<UUID> onAnalysed) {
        this.diary = diary;
        this.owner = owner;
        this.events = events;
        this.onChoose = onChoose;
        this.onRemoved = onRemoved;
        this.onAnalysed = onAnalysed;
        addClassName("skin-checkin");
        getElement().setAttribute("data-photo", checkin.photoId().toString());
        compare.addClassName("skin-compare-choice");
        compare.addValueChangeListener(e -> {
            if (e.isFromClient()) onChoose.accept(checkin.photoId(), e.getValue());
        });
        show(checkin);
    }

    void setChosen(boolean value) {
        compare.setValue(value);
    }

    private void show(Checkin checkin) {
        removeAll();
        getElement().setAttribute("data-status", checkin.status().json());
        add(face(checkin));
        var body = new Div();
        body.addClassName("skin-checkin-body");
        var date = new Anchor("photos/" + checkin.photoId(), SkinView.DAY.format(checkin.takenAt()));
        date.addClassName("skin-checkin-date");
        body.add(date);
        switch (checkin.status()) {
            case DONE -> body.add(metrics(checkin));
            case PENDING -> body.add(pending(checkin));
            default -> {
                var reason = new Span(reasonText(checkin));
                reason.addClassName("skin-checkin-reason");
                body.add(reason);
            }
        }
        var remove = new Button("Remove from diary", e -> {
            if (diary.remove(owner, checkin.photoId())) onRemoved.accept(checkin.photoId());
        });
        remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        remove.addClassName("skin-remove");
        remove.getElement().setAttribute("title", "Removes the check-in from your diary; the photo stays in your library");
        var actions = new Div(remove);
        if (checkin.status() == CheckinStatus.DONE) actions.addComponentAsFirst(compare);
        actions.addClassName("skin-checkin-actions");
        body.add(actions);
        add(body);
    }

    private Div face(Checkin checkin) {
        var holder = new Div();
        holder.addClassName("skin-face");
        if (checkin.status() == CheckinStatus.DONE) {
            UUID photoId = checkin.photoId();
            var image = new Image(DownloadHandler.fromInputStream(event -> diary.crop(owner, photoId, true)
                    .map(bytes -> new DownloadResponse(new ByteArrayInputStream(bytes), "face.jpg", "image/jpeg", bytes.length))
                    .orElseGet(() -> DownloadResponse.error(404))), "Face with the measured regions outlined");
            image.addClassName("skin-face-image");
            holder.add(image);
        } else {
            var thumbnail = new Image("media/photos/" + checkin.photoId() + "/thumbnail", "Check-in photo");
            thumbnail.addClassName("skin-face-image");
            holder.add(thumbnail);
        }
        return holder;
    }

    private static Div metrics(Checkin checkin) {
        var grid = new Div();
        grid.addClassName("skin-metrics");
        SkinValues values = checkin.metrics();
        if (values == null) return grid;
        for (SkinMetric metric : SkinMetric.values()) {
            var name = new Span(metric.title());
            var value = new Span(SkinWording.value(metric, values.get(metric)));
            value.addClassName("skin-metric-value");
            var cell = new Div(name, value);
            cell.addClassName("skin-metric");
            cell.getElement().setAttribute("data-metric", metric.key());
            grid.add(cell);
        }
        return grid;
    }

    private Div pending(Checkin checkin) {
        var bar = new ProgressBar();
        bar.setIndeterminate(true);
        var text = new Span("Measuring…");
        text.addClassName("skin-checkin-progress");
        var holder = new Div(text, bar);
        UUID photoId = checkin.photoId();
        @Nullable UUID jobId = checkin.jobId();
        // the skin job is queued once the photo's analysis exists: until then there is no job id, but its jobs are about the photo
        following = JobUpdates.follow(this, events, e -> e.id().equals(jobId) || photoId.equals(e.subjectId()), e -> {
            if (e.status() == JobStatus.RUNNING && SkinDiaryService.JOB_TYPE.equals(e.type())) {
                bar.setIndeterminate(false);
                bar.setValue(Math.max(0, Math.min(1, e.progress())));
                text.setText(e.message() != null ? e.message() : "Measuring…");
            } else if (e.status().finished()) {
                refresh(photoId);
            }
        });
        return holder;
    }

    private void refresh(UUID photoId) {
        if (following != null) {
            following.remove();
            following = null;
        }
        diary.find(owner, photoId).ifPresent(updated -> {
            show(updated);
            if (updated.status() == CheckinStatus.DONE) onAnalysed.accept(photoId);
        });
    }

    static String reasonText(Checkin checkin) {
        String reason = checkin.reason();
        return switch (checkin.status()) {
            case NO_FACE -> "No face found" + (reason == null ? "" : ": " + reason);
            case FACE_TOO_SMALL -> "The face is too small to measure" + (reason == null ? "" : ": " + reason);
            case FAILED -> "The analysis failed" + (reason == null ? "" : ": " + reason);
            default -> reason == null ? "" : reason;
        };
    }
}
