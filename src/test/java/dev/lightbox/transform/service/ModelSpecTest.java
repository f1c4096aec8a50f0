package dev.lightbox.transform.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The install spec: defaults filled in, every wrong field named at once, hostile text refused. */
class ModelSpecTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void defaultsAreFilledIn() {
        ModelSpec spec = ModelSpec.parse("{\"name\": \"mosaic-2\", \"kind\": \"style\", \"width\": 224, \"height\": 160}", JSON);
        assertThat(spec.title()).isEqualTo("mosaic-2");
        assertThat(spec.layout()).isEqualTo("NCHW");
        assertThat(spec.channels()).isEqualTo("RGB");
        assertThat(spec.scale()).isEqualTo(1.0 / 255);
        assertThat(spec.mean()).isEqualTo(List.of(0.0, 0.0, 0.0));
        assertThat(spec.std()).isEqualTo(List.of(1.0, 1.0, 1.0));
        assertThat(spec.nhwc()).isFalse();
        assertThat(spec.depth()).isFalse();
    }

    @Test
    void everyWrongFieldIsNamed() {
        assertThatThrownBy(() -> ModelSpec.parse("""
                {"name": "-Bad", "kind": "paint", "width": 0, "height": 5000, "layout": "CHW", "channels": "RGBA",
                 "scale": 0, "mean": [1, 2], "std": [1, 0, 1]}""", JSON))
                .isInstanceOf(InvalidModelException.class)
                .hasMessage("spec: name: 1–64 characters of a–z, 0–9 and '-', starting with a letter or digit; kind: 'style' or 'depth'; "
                        + "width: the model's input width in pixels, 1–4096; height: the model's input height in pixels, 1–4096; "
                        + "layout: 'NCHW' or 'NHWC'; channels: 'RGB' or 'BGR'; scale: a finite number other than 0; "
                        + "mean: three finite numbers, one per channel in the spec's channel order; "
                        + "std: three finite numbers, one per channel in the spec's channel order, none 0.");
    }

    @Test
    void notJsonOrMissingIsRefused() {
        assertThatThrownBy(() -> ModelSpec.parse(null, JSON)).hasMessageStartingWith("spec: send the model's spec");
        assertThatThrownBy(() -> ModelSpec.parse("{name", JSON)).hasMessage("spec: not valid JSON.");
        assertThatThrownBy(() -> ModelSpec.parse("[1]", JSON)).hasMessage("spec: must be a JSON object.");
        assertThatThrownBy(() -> ModelSpec.parse("{\"name\": \"a\", \"kind\": \"style\", \"width\": 8, \"height\": 8, \"title\": \"x\\u0000y\"}", JSON))
                .hasMessageContaining("title: at most 200 printable characters");
    }
}
