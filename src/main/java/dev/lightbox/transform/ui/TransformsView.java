package dev.lightbox.transform.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import dev.lightbox.base.security.CurrentUser;
import dev.lightbox.base.ui.UiTasks;
import dev.lightbox.transform.pipeline.TransformStatus;
import dev.lightbox.transform.service.TransformPage;
import dev.lightbox.transform.service.TransformService;
import dev.lightbox.transform.service.TransformView;
import jakarta.annotation.security.PermitAll;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The user's restyles, newest first: thumbnail, style, status, when, and a link to each. */
@Route("transforms")
@PageTitle("Transforms")
@Menu(order = 38, icon = "vaadin:magic", title = "Transforms")
@PermitAll
public class TransformsView extends Main {

    private static final Logger log = LoggerFactory.getLogger(TransformsView.class);
    static final int PAGE = 48;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    private final TransformService transforms;
    private final UiTasks tasks;
    private final UUID owner;
    private final Div grid = new Div();
    private final Button more = new Button("Show more");
    private @Nullable String cursor;

    public TransformsView(TransformService transforms, UiTasks tasks) {
        this.transforms = transforms;
        this.tasks = tasks;
        this.owner = CurrentUser.require().id();
        addClassNames("page", "transforms-page");
        grid.addClassName("transform-grid");
        grid.setId("transform-grid");
        more.setId("transforms-more");
        more.addClickListener(click -> loadMore());
        add(grid, more);
        // the first page is read while the view is built, as the other list views (jobs, training) do
        show(transforms.list(owner, null, PAGE));
        if (grid.getComponentCount() == 0) {
            var empty = new Paragraph("No restyles yet. Open a photo and choose Restyle… to make one.");
            empty.setId("transforms-empty");
            empty.addClassName("muted");
            addComponentAsFirst(empty);
        }
    }

    /** The next page, read off the session lock. */
    private void loadMore() {
        String after = cursor;
        if (after == null) return;
        more.setEnabled(false);
        UI ui = UI.getCurrent();
        tasks.run(() -> {
            TransformPage page;
            try {
                page = transforms.list(owner, after, PAGE);
            } catch (RuntimeException e) {
                log.warn("Reading more transforms failed: {}", e.toString());
                UiTasks.push(ui, () -> {
                    more.setEnabled(true);
                    Notification.show("Could not load more restyles: try again.", 4000, Notification.Position.BOTTOM_START);
                });
                return;
            }
            UiTasks.push(ui, () -> {
                more.setEnabled(true);
                show(page);
            });
        });
    }

    private void show(TransformPage page) {
        page.items().forEach(t -> grid.add(card(t)));
        cursor = page.nextCursor();
        more.setVisible(cursor != null);
    }

    private Anchor card(TransformView t) {
        var picture = new Div();
        picture.addClassName("transform-card-picture");
        if (t.status() == TransformStatus.COMPLETED) {
            UUID id = t.id();
            picture.add(new Image(DownloadHandler.fromInputStream(event -> transforms.thumbnail(owner, id)
                    .map(image -> new DownloadResponse(image.open(), "thumbnail.jpg", "image/jpeg", image.size()))
                    .orElseGet(() -> DownloadResponse.error(404))), t.style() + " result"));
        } else {
            picture.add(new Image("media/photos/" + t.photoId() + "/thumbnail", "original photo"));
        }
        var status = new Span(t.status().id());
        status.getElement().getThemeList().add("badge" + switch (t.status()) {
            case COMPLETED -> " success";
            case FAILED -> " error";
            case CANCELLED, EXPIRED -> " contrast";
            default -> "";
        });
        var style = new Span(t.style());
        style.addClassName("transform-card-style");
        var when = new Span(WHEN.format(t.createdAt()));
        when.addClassName("muted");
        var card = new Anchor("transforms/" + t.id(), "");
        card.add(picture, new Div(style, status), when);
        card.addClassName("transform-card");
        card.getElement().setAttribute("data-transform", t.id().toString());
        return card;
    }
}
