package dev.lightbox.vision.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightbox.base.LightboxStartupException;
import dev.lightbox.vision.VisionProperties;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The model's answer is checked here whatever the server did with the schema; a half-set-up provider stops startup. */
class VisionAnswerTest {

    private static final String VALID = """
            {"caption":"A dog\\u0007 on a  beach","subjects":["dog","sea"],"setting":"beach","mood":"happy",
             "tags":["Dog","dog","Beach"],"aesthetic":7}""";

    @Test
    void aValidAnswerIsCleanedAndBounded() throws Exception {
        var answer = VisionAnswer.parse(VALID);
        assertThat(answer.caption()).isEqualTo("A dog on a beach");
        assertThat(answer.tags()).containsExactly("dog", "beach");
        assertThat(answer.aesthetic()).isEqualTo(7);
        assertThat(VisionAnswer.parse("```json\n" + VALID + "\n```").caption()).isEqualTo("A dog on a beach");
    }

    @Test
    void answersOutsideTheSchemaAreRefused() {
        for (String bad : new String[] {
                "Sure, here it is: a dog.",
                "[1, 2]",
                VALID.replace("\"aesthetic\":7", "\"aesthetic\":11"),
                VALID.replace("\"aesthetic\":7", "\"aesthetic\":7.5"),
                VALID.replace("\"aesthetic\":7", "\"aesthetic\":\"7\""),
                VALID.replace(",\"mood\":\"happy\"", ""),
                VALID.replace("\"caption\":\"A dog\\u0007 on a  beach\"", "\"caption\":\"" + "x".repeat(501) + "\""),
                VALID.replace("[\"Dog\",\"dog\",\"Beach\"]", "[" + "\"t\",".repeat(20) + "\"t\"]"),
                VALID.replace("[\"Dog\",\"dog\",\"Beach\"]", "[\"" + "t".repeat(41) + "\"]"),
                VALID.replace("[\"dog\",\"sea\"]", "[\"dog\",3]"),
                "{\"caption\":\"" + "x".repeat(25_000) + "\"}"}) {
            assertThatThrownBy(() -> VisionAnswer.parse(bad)).as(bad.length() > 80 ? bad.substring(0, 80) : bad)
                    .isInstanceOf(VisionAnswer.Invalid.class);
        }
    }

    @Test
    void aUrlWithoutAModelStopsStartupWithOneSentence() {
        var halfSet = new VisionProperties("http://127.0.0.1:11434/v1", null, null, null);
        assertThatThrownBy(() -> new VisionClient(halfSet)).isInstanceOf(LightboxStartupException.class)
                .hasMessage("LIGHTBOX_VISION_URL is set but LIGHTBOX_VISION_MODEL is not: name the model the server should use (e.g. qwen2.5vl:7b).");
        assertThat(new VisionClient(new VisionProperties(null, null, null, null)).enabled()).isFalse();
        assertThat(new VisionProperties("ftp://host/v1", "m", null, Duration.ofSeconds(5)).problem()).startsWith("LIGHTBOX_VISION_URL must be");
    }
}
