package dev.lightbox.library.ui;

import org.jspecify.annotations.Nullable;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinServletRequest;
import org.springframework.beans.factory.annotation.Value;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.UploadEvent;
import dev.lightbox.base.security.CurrentUser;
import dev.lightbox.library.LibraryProperties;
import dev.lightbox.library.service.PhotoUploadService;
import dev.lightbox.library.service.UploadOutcome;
import dev.lightbox.library.service.UploadRejectedException;
import jakarta.annotation.security.PermitAll;
import java.io.InputStream;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drop or pick many photos. Each file streams straight into the upload service; its one line below says
 * in Lightbox's words what became of it (stored, already in your library, or refused and why), pushed as it
 * happens. The upload component's own file list is hidden: it would show "Upload forbidden" with a retry
 * button for a refused file and a success tick for a duplicate.
 */
@Route("upload")
@PageTitle("Upload")
@Menu(order = 10, icon = "vaadin:upload", title = "Upload")
@PermitAll
public class UploadView extends Main {

    private static final Logger log = LoggerFactory.getLogger(UploadView.class);

    private final PhotoUploadService uploads;
    private final UUID owner;
    private final Div results = new Div();
    private final ProgressBar overall = new ProgressBar();
    private final Span overallText = new Span();
    private int filesChosen;
    private int filesDone;

    public UploadView(PhotoUploadService uploads, LibraryProperties limits, @Value("${lightbox.public-url:}") String publicUrl) {
        this.uploads = uploads;
        this.owner = CurrentUser.require().id();
        setId("upload-view");
        addClassName("page");

        var upload = new Upload(this::receive);
        upload.setId("photo-upload");
        upload.setMaxFileSize((int) Math.min(Integer.MAX_VALUE, limits.maxBytes()));
        upload.setDropAllowed(true);
        upload.addClassName("photo-upload");
        upload.addAllFinishedListener(finished -> upload.clearFileList());
        upload.getElement().addEventListener("files-changed", e -> {
            filesChosen = (int) e.getEventData().get("element.files.length").doubleValue();
            updateOverall();
        }).addEventData("element.files.length");

        results.setId("upload-results");
        results.addClassName("upload-results");
        overall.setId("upload-overall");
        overallText.setId("upload-overall-text");
        var progress = new Div(overallText, overall);
        progress.addClassName("upload-overall");
        progress.setVisible(false);

        add(new H2("Add photos"),
            new Paragraph("JPEG, PNG, WebP or TIFF, up to " + (limits.maxBytes() / (1024 * 1024)) + " MB and "
                    + (limits.maxPixels() / 1_000_000) + " megapixels each. Files are checked by their content, not their name."),
            upload, progress, results, syncInstead(publicUrl));
    }

    /**
     * The other way in: the same analysis run on the user's own computer by the command in this server's jar,
     * which sends hashes, metadata and attributes only (never pixels).
     */
    private static Details syncInstead(String publicUrl) {
        var command = new Pre("java -jar lightbox.jar sync ~/Pictures --server " + serverUrl(publicUrl) + " --token <your API token>");
        command.setId("sync-command");
        command.addClassName("sync-command");
        var tokens = new Anchor("settings", "Create an API token in Settings");
        var body = new Div(
                new Paragraph("Your photos can stay on your computer: the command below, from the same lightbox.jar this server runs, "
                        + "analyses a folder there with this server's analyser and sends only each file's SHA-256, its metadata and its "
                        + "attributes. They appear on your timeline as placeholders, scored and counted like any photo; upload a file later "
                        + "and it gains its original."),
                command,
                new Paragraph(tokens, new Span(", then run the command (add --dry-run to see what it would send). "
                        + "A second run only sends what is new.")));
        var details = new Details("Analyse on your computer instead", body);
        details.setId("sync-instead");
        details.addClassName("sync-instead");
        return details;
    }

    /** The address the command should use: the configured public URL, else the one this page was opened at. */
    private static String serverUrl(String publicUrl) {
        if (!publicUrl.isBlank()) return publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        if (VaadinRequest.getCurrent() instanceof VaadinServletRequest request) {
            var http = request.getHttpServletRequest();
            boolean defaultPort = ("http".equals(http.getScheme()) && http.getServerPort() == 80)
                    || ("https".equals(http.getScheme()) && http.getServerPort() == 443);
            return http.getScheme() + "://" + http.getServerName() + (defaultPort ? "" : ":" + http.getServerPort()) + http.getContextPath();
        }
        return "https://your-server";
    }

    /** Runs on the upload request's thread, outside the UI lock: UI changes go through {@code ui.access}. */
    private void receive(UploadEvent event) {
        UI ui = event.getUI();
        String name = event.getFileName();
        Div line;
        try (InputStream in = event.getInputStream()) {
            UploadOutcome outcome = uploads.upload(owner, name, in);
            line = outcome.duplicate()
                    ? resultLine(name, "Already in your library", "duplicate", outcome.photo().id())
                    : resultLine(name, "Stored", "stored", outcome.photo().id());
        } catch (UploadRejectedException e) {
            line = resultLine(name, "Refused: " + e.getMessage(), "rejected", null);
        } catch (Exception e) {
            log.error("Upload of a file failed", e);
            line = resultLine(name, "Not stored: the server could not store this file. Upload it again later.", "rejected", null);
        }
        Div finished = line;
        ui.access(() -> {
            results.addComponentAsFirst(finished);
            filesDone++;
            updateOverall();
        });
    }

    private static Div resultLine(String name, String status, String kind, @Nullable UUID photoId) {
        var line = new Div();
        line.addClassNames("upload-result", "upload-result-" + kind);
        line.add(new Span(name), new Span(" — "));
        if (photoId != null) line.add(new Anchor("photos/" + photoId, status));
        else line.add(new Span(status));
        return line;
    }

    private void updateOverall() {
        int total = Math.max(filesChosen, filesDone);
        overall.getParent().ifPresent(parent -> parent.setVisible(total > 0));
        overall.setValue(total == 0 ? 0 : (double) filesDone / total);
        overallText.setText(filesDone + " of " + total + (total == 1 ? " file" : " files") + " processed");
    }
}
