package dev.lightbox.transform.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.data.value.ValueChangeMode;
import dev.lightbox.library.service.PhotoView;
import dev.lightbox.transform.pipeline.ParamSpec;
import dev.lightbox.transform.pipeline.StyleInfo;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A style's parameters as fields, drawn from its {@link ParamSpec}s (number, choice, colour, photo) with their
 * defaults; {@link #values()} is the {@code params} object the service checks. Only fields the person set
 * differently from the default are sent, so the server's defaults stay the one source of truth.
 */
class ParamForm extends Div {

    private interface Field {
        void write(ObjectNode params);
    }

    private final List<Field> fields = new ArrayList<>();

    ParamForm(StyleInfo style, List<PhotoView> photos, Runnable onChange) {
        addClassName("param-form");
        setId("style-params");
        if (style.params().isEmpty()) {
            var none = new Span("This style has no settings.");
            none.addClassName("muted");
            add(none);
        }
        for (ParamSpec spec : style.params()) add(field(spec, photos, onChange));
    }

    JsonNode values() {
        ObjectNode params = JsonNodeFactory.instance.objectNode();
        fields.forEach(field -> field.write(params));
        return params;
    }

    private Component field(ParamSpec spec, List<PhotoView> photos, Runnable onChange) {
        return switch (spec.type()) {
            case "number" -> number(spec, onChange);
            case "choice" -> choice(spec, onChange);
            case "photo" -> photo(spec, photos, onChange);
            default -> text(spec, onChange);
        };
    }

    private Component number(ParamSpec spec, Runnable onChange) {
        var field = new NumberField(spec.label());
        field.setHelperText(spec.description());
        if (spec.min() != null) field.setMin(spec.min());
        if (spec.max() != null) field.setMax(spec.max());
        if (spec.step() != null) field.setStep(spec.step());
        field.setStepButtonsVisible(true);
        @Nullable Double initial = spec.defaultValue() instanceof Number n ? n.doubleValue() : null;
        field.setValue(initial);
        field.setId("param-" + spec.name());
        field.setValueChangeMode(ValueChangeMode.ON_BLUR); // one preview when the person leaves the field, not one per step click
        field.addValueChangeListener(e -> onChange.run());
        fields.add(params -> {
            Double value = field.getValue();
            if (value != null && !value.equals(initial)) {
                if (value == Math.rint(value) && isWhole(spec)) params.put(spec.name(), value.longValue());
                else params.put(spec.name(), value);
            }
        });
        return field;
    }

    private static boolean isWhole(ParamSpec spec) {
        return spec.step() != null && spec.step() == Math.rint(spec.step());
    }

    private Component choice(ParamSpec spec, Runnable onChange) {
        var field = new Select<String>();
        field.setLabel(spec.label());
        field.setHelperText(spec.description());
        field.setItems(spec.choices());
        String initial = spec.defaultValue() != null ? spec.defaultValue().toString() : null;
        if (initial != null) field.setValue(initial);
        field.setId("param-" + spec.name());
        field.addValueChangeListener(e -> onChange.run());
        fields.add(params -> {
            String value = field.getValue();
            if (value != null && !value.equals(initial)) params.put(spec.name(), value);
        });
        return field;
    }

    private Component text(ParamSpec spec, Runnable onChange) {
        var field = new TextField(spec.label());
        field.setHelperText(spec.description());
        String initial = spec.defaultValue() != null ? spec.defaultValue().toString() : "";
        field.setValue(initial);
        if ("colour".equals(spec.type())) {
            field.setPattern("#[0-9a-fA-F]{6}");
            field.setPlaceholder("#rrggbb");
            var swatch = new Span();
            swatch.addClassName("colour-swatch");
            swatch.getStyle().set("background", initial);
            field.setPrefixComponent(swatch);
            field.addValueChangeListener(e -> swatch.getStyle().set("background", e.getValue()));
        }
        field.setId("param-" + spec.name());
        field.setValueChangeMode(ValueChangeMode.ON_BLUR);
        field.addValueChangeListener(e -> onChange.run());
        fields.add(params -> {
            String value = field.getValue().trim();
            if (!value.isEmpty() && !value.equals(initial)) params.put(spec.name(), value);
        });
        return field;
    }

    private Component photo(ParamSpec spec, List<PhotoView> photos, Runnable onChange) {
        var field = new ComboBox<PhotoView>(spec.label());
        field.setHelperText(spec.description());
        field.setItems(photos);
        field.setItemLabelGenerator(ParamForm::photoName);
        field.setRenderer(new ComponentRenderer<>(photo -> {
            var thumb = new Image("media/photos/" + photo.id() + "/thumbnail", photoName(photo));
            thumb.addClassName("param-photo-thumb");
            var row = new Div(thumb, new Span(photoName(photo)));
            row.addClassName("param-photo");
            return row;
        }));
        field.setRequired(spec.required());
        field.setClearButtonVisible(!spec.required());
        field.setId("param-" + spec.name());
        field.addValueChangeListener(e -> onChange.run());
        fields.add(params -> {
            PhotoView value = field.getValue();
            if (value != null) params.put(spec.name(), value.id().toString());
        });
        return field;
    }

    private static String photoName(PhotoView photo) {
        String name = photo.originalName();
        return (name != null ? name : "Photo") + " · " + photo.takenAt().toLocalDate();
    }
}
