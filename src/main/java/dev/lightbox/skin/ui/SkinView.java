package dev.lightbox.skin.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.UploadEvent;
import dev.lightbox.base.security.CurrentUser;
import dev.lightbox.jobs.JobEvents;
import dev.lightbox.library.LibraryProperties;
import dev.lightbox.library.service.UploadRejectedException;
import dev.lightbox.skin.service.Checkin;
import dev.lightbox.skin.service.CheckinSource;
import dev.lightbox.skin.service.CheckinStarted;
import dev.lightbox.skin.service.SkinDiaryService;
import dev.lightbox.skin.service.SkinMetric;
import dev.lightbox.skin.service.SkinRegion;
import dev.lightbox.skin.service.SkinTrend;
import dev.lightbox.skin.service.SkinWording;
import jakarta.annotation.security.PermitAll;
import java.io.InputStream;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The skin diary: add a check-in (a selfie, camera-friendly at phone width), see each metric over time with
 * its change in plain words, compare two check-ins region by region, and the check-ins newest first.
 */
@Route("skin")
@PageTitle("Skin")
@Menu(order = 50, icon = "vaadin:smiley-o", title = "Skin")
@PermitAll
public class SkinView extends Main {

    static final int PAGE = 30;
    private static final Logger log = LoggerFactory.getLogger(SkinView.class);
    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

    private final SkinDiaryService diary;
    private final JobEvents events;
    private final UUID owner;
    private final Select<SkinMetric> metric = new Select<>();
    private final Select<Optional<SkinRegion>> region = new Select<>();
    private final DatePicker from = new DatePicker("From");
    private final DatePicker to = new DatePicker("To");
    private final Div chart = new Div();
    private final Div changes = new Div();
    private final Div compare = new Div();
    private final Div list = new Div();
    private final Div uploadResults = new Div();
    private final Button more = new Button("Show older check-ins");
    private final Map<UUID, CheckinCard> cards = new LinkedHashMap<>();
    private final List<UUID> chosen = new ArrayList<>();
    private @Nullable String nextCursor;

    public SkinView(SkinDiaryService diary, JobEvents events, LibraryProperties limits) {
        this.diary = diary;
        this.events = events;
        this.owner = CurrentUser.require().id();
        setId("skin-view");
        addClassNames("page", "skin-page");

        var upload = new Upload(this::receive);
        upload.setId("skin-upload");
        upload.setAcceptedFileTypes("image/*"); // phones offer the camera for image/*
        upload.setMaxFileSize((int) Math.min(Integer.MAX_VALUE, limits.maxBytes()));
        upload.setUploadButton(new Button("Add a check-in"));
        upload.setDropLabel(new Span("Take or drop a photo of your face, in the same light as last time"));
        upload.addAllFinishedListener(finished -> upload.clearFileList());
        uploadResults.setId("skin-upload-results");

        metric.setId("skin-metric");
        metric.setLabel("Metric");
        metric.setItems(SkinMetric.values());
        metric.setItemLabelGenerator(SkinMetric::title);
        metric.setValue(SkinMetric.REDNESS);
        region.setId("skin-region");
        region.setLabel("Area");
        var areas = new ArrayList<Optional<SkinRegion>>();
        areas.add(Optional.empty());
        for (SkinRegion r : SkinRegion.values()) areas.add(Optional.of(r));
        region.setItems(areas);
        region.setItemLabelGenerator(r -> r.map(SkinView::capitalised).orElse("Whole face"));
        region.setValue(Optional.empty());
        from.setId("skin-from");
        to.setId("skin-to");
        from.setClearButtonVisible(true);
        to.setClearButtonVisible(true);
        metric.addValueChangeListener(e -> refreshTrend());
        region.addValueChangeListener(e -> refreshTrend());
        from.addValueChangeListener(e -> refreshTrend());
        to.addValueChangeListener(e -> refreshTrend());
        var controls = new Div(metric, region, from, to);
        controls.addClassName("skin-controls");
        chart.setId("skin-chart");
        changes.setId("skin-changes");
        changes.addClassName("skin-changes");
        compare.setId("skin-compare");
        compare.addClassName("skin-compare");
        compare.setVisible(false);
        list.setId("skin-checkins");
        list.addClassName("skin-checkins");
        more.setId("skin-more");
        more.addClickListener(e -> loadMore());

        add(new H2("Skin diary"),
            new Paragraph("Check in every few days with a photo of your face — here, from any photo's page or through the "
                    + "Telegram bot — and watch how redness, blemishes, evenness, texture and shine change. Lighting is "
                    + "normalised, but similar light and distance make days easier to compare."),
            upload, uploadResults, controls, chart, changes, compare, new H3("Check-ins"), list, more);
        loadMore();
        refreshTrend();
    }

    private void loadMore() {
        SkinDiaryService.CheckinPage page = diary.checkins(owner, nextCursor, PAGE);
        if (cards.isEmpty() && page.items().isEmpty()) {
            var empty = new Paragraph("No check-ins yet. Add a photo of your face above to start your diary.");
            empty.setId("skin-empty");
            list.add(empty);
        }
        for (Checkin checkin : page.items()) {
            if (cards.containsKey(checkin.photoId())) continue;
            var card = new CheckinCard(checkin, diary, owner, events, this::choose, this::removed, this::analysed);
            cards.put(checkin.photoId(), card);
            list.add(card);
        }
        nextCursor = page.nextCursor();
        more.setVisible(nextCursor != null);
    }

    /** Runs on the upload request's thread, outside the UI lock: UI changes go through {@code ui.access}. */
    private void receive(UploadEvent event) {
        UI ui = event.getUI();
        String name = event.getFileName();
        String message;
        @Nullable CheckinStarted started = null;
        try (InputStream in = event.getInputStream()) {
            started = diary.upload(owner, name, in, CheckinSource.WEB);
            message = name + " — added, measuring…";
        } catch (UploadRejectedException e) {
            message = name + " — refused: " + e.getMessage();
        } catch (Exception e) {
            log.error("A skin check-in upload failed", e);
            message = name + " — not stored: the server could not store this file. Try again later.";
        }
        String line = message;
        @Nullable CheckinStarted added = started;
        ui.access(() -> {
            var text = new Paragraph(line);
            text.addClassName(added == null ? "skin-upload-refused" : "skin-upload-added");
            uploadResults.removeAll();
            uploadResults.add(text);
            if (added != null) showNew(added.photoId());
        });
    }

    private void showNew(UUID photoId) {
        list.getChildren().filter(c -> "skin-empty".equals(c.getId().orElse(null))).toList().forEach(list::remove);
        CheckinCard existing = cards.remove(photoId);
        if (existing != null) list.remove(existing);
        diary.find(owner, photoId).ifPresent(checkin -> {
            var card = new CheckinCard(checkin, diary, owner, events, this::choose, this::removed, this::analysed);
            cards.put(photoId, card);
            list.addComponentAsFirst(card);
        });
    }

    private void analysed(UUID photoId) {
        refreshTrend();
        if (chosen.contains(photoId)) refreshCompare();
    }

    private void removed(UUID photoId) {
        CheckinCard card = cards.remove(photoId);
        if (card != null) list.remove(card);
        chosen.remove(photoId);
        refreshCompare();
        refreshTrend();
    }

    /** Keeps the two check-ins last chosen for comparison, oldest choice dropped first. */
    private void choose(UUID photoId, boolean selected) {
        chosen.remove(photoId);
        if (selected) chosen.add(photoId);
        while (chosen.size() > 2) {
            UUID dropped = chosen.remove(0);
            CheckinCard card = cards.get(dropped);
            if (card != null) card.setChosen(false);
        }
        refreshCompare();
    }

    private void refreshCompare() {
        compare.removeAll();
        if (chosen.size() < 2) {
            compare.setVisible(false);
            return;
        }
        Optional<Checkin> a = diary.find(owner, chosen.get(0));
        Optional<Checkin> b = diary.find(owner, chosen.get(1));
        if (a.isEmpty() || b.isEmpty()) {
            compare.setVisible(false);
            return;
        }
        Checkin older = a.get().takenAt().isAfter(b.get().takenAt()) ? b.get() : a.get();
        Checkin newer = older == a.get() ? b.get() : a.get();
        compare.add(new ComparePanel(older, newer, metric.getValue(), diary, owner));
        compare.setVisible(true);
    }

    private void refreshTrend() {
        SkinMetric m = metric.getValue();
        @Nullable SkinRegion r = region.getValue().orElse(null);
        SkinTrend trend = diary.trend(owner, m, r, from.getValue(), to.getValue());
        chart.removeAll();
        chart.add(TrendChart.of("skin-trend-chart", trend));
        changes.removeAll();
        SkinTrend.Change change = trend.change();
        if (change != null && trend.points().size() >= 2) {
            List<SkinTrend.Point> points = trend.points();
            SkinTrend.Point first = points.get(0);
            SkinTrend.Point last = points.get(points.size() - 1);
            SkinTrend.Point before = points.get(points.size() - 2);
            var sinceFirst = new Paragraph(SkinWording.change(m, r, first.value(), last.value(), "since " + DAY.format(first.takenAt())));
            sinceFirst.setId("skin-change-first");
            var sincePrevious = new Paragraph(SkinWording.change(m, r, before.value(), last.value(), "since the previous check-in"));
            sincePrevious.setId("skin-change-previous");
            changes.add(sinceFirst, sincePrevious);
        } else {
            var hint = new Paragraph(trend.points().isEmpty() ? "" : "One measured check-in so far: the change shows from the second on.");
            hint.setId("skin-change-hint");
            changes.add(hint);
        }
        if (chosen.size() == 2) refreshCompare();
    }

    static String capitalised(SkinRegion region) {
        String words = region.words();
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
