package dev.lightbox.transform.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.UploadEvent;
import dev.lightbox.base.security.CurrentUser;
import dev.lightbox.base.security.LightboxUser;
import dev.lightbox.base.ui.UiTasks;
import dev.lightbox.transform.service.InstalledModel;
import dev.lightbox.transform.service.InvalidModelException;
import dev.lightbox.transform.service.ModelNameTakenException;
import dev.lightbox.transform.service.ModelSpec;
import dev.lightbox.transform.service.OnnxModelRegistry;
import dev.lightbox.transform.service.StagedModel;
import dev.lightbox.transform.service.TransformModelProperties;
import jakarta.annotation.security.RolesAllowed;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The ONNX models an admin installed for restyle: list, install a file with its input spec (checked against the
 * file before anything is stored), uninstall. Admins only on the server.
 */
@Route("admin/models")
@PageTitle("Restyle models")
@Menu(order = 101, icon = "vaadin:cubes", title = "Models (admin)")
@RolesAllowed("ADMIN")
public class TransformModelsView extends Main {

    private static final Logger log = LoggerFactory.getLogger(TransformModelsView.class);

    private final OnnxModelRegistry registry;
    private final UiTasks tasks;
    private final JsonMapper json;
    private final LightboxUser admin;
    private final Grid<InstalledModel> grid = new Grid<>(InstalledModel.class, false);
    private final Paragraph status = new Paragraph();
    private final TextField name = new TextField("Name");
    private final Select<String> kind = new Select<>();
    private final TextField title = new TextField("Title");
    private final IntegerField width = new IntegerField("Input width");
    private final IntegerField height = new IntegerField("Input height");
    private final Select<String> layout = new Select<>();
    private final Select<String> channels = new Select<>();
    private final NumberField scale = new NumberField("Scale");
    private final TextField mean = new TextField("Mean (per channel)");
    private final TextField std = new TextField("Std (per channel)");
    private final Button install = new Button("Install");
    private volatile @Nullable StagedModel staged;

    public TransformModelsView(OnnxModelRegistry registry, UiTasks tasks, JsonMapper json, TransformModelProperties limits) {
        this.registry = registry;
        this.tasks = tasks;
        this.json = json;
        this.admin = CurrentUser.require();
        setId("admin-models-view");
        addClassName("page");

        grid.setId("admin-models");
        grid.addColumn(InstalledModel::name).setHeader("Name").setFlexGrow(1);
        grid.addColumn(InstalledModel::kind).setHeader("Kind").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(InstalledModel::title).setHeader("Title").setFlexGrow(2);
        grid.addColumn(m -> m.spec().width() + "×" + m.spec().height() + " " + m.spec().layout() + " " + m.spec().channels())
                .setHeader("Input").setAutoWidth(true);
        grid.addColumn(m -> String.format(Locale.ROOT, "%.1f MB", m.sizeBytes() / 1048576.0)).setHeader("Size").setAutoWidth(true);
        grid.addComponentColumn(m -> {
            var remove = new Button("Uninstall");
            remove.addClickListener(e -> uninstall(m, remove));
            remove.setId("uninstall-" + m.name());
            remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
            return remove;
        }).setHeader("").setAutoWidth(true).setFlexGrow(0);
        grid.setAllRowsVisible(true);
        grid.setItems(registry.list()); // the first read while the view is built, as the other admin and list views do

        add(new H2("Restyle models"),
            new Paragraph("ONNX models installed here run as the restyle styles onnx:<name> (kind style) or as the pipeline's depth "
                    + "step (kind depth; the most recently installed one is used)."),
            grid, new H3("Install a model"), installForm(limits));
    }

    private FormLayout installForm(TransformModelProperties limits) {
        var upload = new Upload(this::receive);
        upload.setId("model-upload");
        upload.setMaxFiles(1);
        upload.setAcceptedFileTypes(".onnx");
        upload.setMaxFileSize((int) Math.min(Integer.MAX_VALUE, limits.maxBytes()));
        upload.addFileRemovedListener(e -> discardStaged());

        name.setId("model-name");
        name.setPattern(ModelSpec.NAME.pattern());
        name.setMaxLength(64);
        name.setHelperText("a–z, 0–9 and '-'; the style is onnx:<name>");
        kind.setId("model-kind");
        kind.setLabel("Kind");
        kind.setItems(ModelSpec.STYLE, ModelSpec.DEPTH);
        kind.setValue(ModelSpec.STYLE);
        title.setId("model-title");
        title.setMaxLength(200);
        width.setId("model-width");
        height.setId("model-height");
        for (IntegerField side : List.of(width, height)) {
            side.setMin(1);
            side.setMax(ModelSpec.MAX_SIDE);
            side.setValue(256);
            side.setStepButtonsVisible(true);
        }
        layout.setId("model-layout");
        layout.setLabel("Layout");
        layout.setItems("NCHW", "NHWC");
        layout.setValue("NCHW");
        channels.setId("model-channels");
        channels.setLabel("Channel order");
        channels.setItems("RGB", "BGR");
        channels.setValue("RGB");
        scale.setId("model-scale");
        scale.setValue(1.0 / 255);
        scale.setHelperText("input = (pixel × scale − mean) / std");
        mean.setId("model-mean");
        mean.setValue("0, 0, 0");
        std.setId("model-std");
        std.setValue("1, 1, 1");

        install.setId("model-install");
        install.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        install.setEnabled(false);
        install.addClickListener(e -> install());
        status.setId("model-status");

        var form = new FormLayout(upload, name, kind, title, width, height, layout, channels, scale, mean, std, install, status);
        form.setId("model-form");
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("600px", 2));
        form.setColspan(upload, 2);
        form.setColspan(status, 2);
        return form;
    }

    /** Runs on the upload request's thread: the file is staged (bounded, hashed) until Install. */
    private void receive(UploadEvent event) {
        UI ui = event.getUI();
        String message;
        @Nullable StagedModel received = null;
        try (InputStream in = event.getInputStream()) {
            received = registry.stage(in);
            message = event.getFileName() + " received (" + received.sizeBytes() / 1024 + " KB). Fill in its spec and install it.";
        } catch (InvalidModelException e) {
            message = "Refused: " + e.getMessage();
        } catch (Exception e) {
            log.warn("Receiving a model upload failed: {}", e.toString());
            message = "The file could not be received: upload it again.";
        }
        StagedModel done = received;
        String text = message;
        ui.access(() -> {
            discardStaged();
            staged = done;
            install.setEnabled(done != null);
            status.setText(text);
        });
    }

    private void install() {
        StagedModel file = staged;
        if (file == null) return;
        ModelSpec spec;
        try {
            spec = ModelSpec.parse(specJson(), json);
        } catch (InvalidModelException e) {
            status.setText(e.getMessage());
            return;
        }
        install.setEnabled(false);
        status.setText("Checking " + spec.name() + ": loading the model and running it once…");
        UI ui = UI.getCurrent();
        CompletableFuture.supplyAsync(() -> {
            try {
                InstalledModel model = registry.install(file, spec, admin);
                return "Installed " + model.name() + ".";
            } catch (InvalidModelException | ModelNameTakenException e) {
                return "Not installed: " + e.getMessage();
            } catch (RuntimeException e) {
                log.warn("Installing model {} failed: {}", spec.name(), e.toString());
                return "Not installed: the server could not store the model. Try again later.";
            }
        }).thenAccept(text -> ui.access(() -> {
            status.setText(text);
            if (text.startsWith("Installed")) {
                discardStaged();
                refresh();
            } else {
                install.setEnabled(staged != null);
            }
        }));
    }

    private String specJson() {
        ObjectNode spec = json.createObjectNode();
        spec.put("name", name.getValue().strip());
        spec.put("kind", kind.getValue());
        spec.put("title", title.getValue().strip());
        if (width.getValue() != null) spec.put("width", width.getValue());
        if (height.getValue() != null) spec.put("height", height.getValue());
        spec.put("layout", layout.getValue());
        spec.put("channels", channels.getValue());
        if (scale.getValue() != null) spec.put("scale", scale.getValue());
        putTriple(spec, "mean", mean.getValue());
        putTriple(spec, "std", std.getValue());
        return spec.toString();
    }

    /** "0.485, 0.456, 0.406" as a JSON array; what does not parse goes in as text, so the spec check names the field. */
    private static void putTriple(ObjectNode spec, String field, String text) {
        var array = spec.putArray(field);
        for (String part : Arrays.stream(text.split("[,\\s]+")).filter(s -> !s.isBlank()).toList()) {
            try {
                array.add(Double.parseDouble(part));
            } catch (NumberFormatException e) {
                array.add(part);
            }
        }
    }

    /** Deletes the row and then the object: storage I/O, so off the session lock; the list is read again there too. */
    private void uninstall(InstalledModel model, Button button) {
        button.setEnabled(false);
        UI ui = UI.getCurrent();
        tasks.run(() -> {
            String text;
            try {
                text = registry.uninstall(model.name(), admin) ? "Uninstalled " + model.name() + "." : model.name() + " was already uninstalled.";
            } catch (RuntimeException e) {
                log.warn("Uninstalling model {} failed: {}", model.name(), e.toString());
                text = "Could not uninstall " + model.name() + ": try again later.";
            }
            String message = text;
            List<InstalledModel> now = registry.list();
            UiTasks.push(ui, () -> {
                Notification.show(message, 4000, Notification.Position.BOTTOM_START);
                grid.setItems(now);
            });
        });
    }

    /** Reads the list again off the session lock and shows it. */
    private void refresh() {
        UI ui = UI.getCurrent();
        tasks.run(() -> {
            List<InstalledModel> now = registry.list();
            UiTasks.push(ui, () -> grid.setItems(now));
        });
    }

    private void discardStaged() {
        StagedModel old = staged;
        staged = null;
        if (old != null) old.close();
    }

    @Override
    protected void onDetach(com.vaadin.flow.component.DetachEvent event) {
        super.onDetach(event);
        discardStaged();
    }
}
