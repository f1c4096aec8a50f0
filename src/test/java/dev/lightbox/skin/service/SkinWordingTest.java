package dev.lightbox.skin.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class SkinWordingTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 1);

    @Test
    void changesAreSaidInPlainWordsWithTheRegionAndTheDay() {
        assertThat(SkinWording.change(SkinMetric.REDNESS, SkinRegion.LEFT_CHEEK, 10, 8.2, SkinWording.since(LocalDate.of(2026, 3, 3), TODAY)))
                .isEqualTo("Redness on your left cheek is down 18% since 3 March");
        assertThat(SkinWording.change(SkinMetric.EVENNESS, null, 0.5, 0.52, SkinWording.SINCE_PREVIOUS))
                .isEqualTo("Evenness is up 4% since the previous check-in");
        assertThat(SkinWording.change(SkinMetric.SHINE, SkinRegion.NOSE, 0.2, 0.2004, SkinWording.SINCE_PREVIOUS))
                .isEqualTo("Shine on your nose is unchanged since the previous check-in");
        assertThat(SkinWording.change(SkinMetric.BLEMISHES, null, 0, 3, SkinWording.since(LocalDate.of(2025, 11, 20), TODAY)))
                .isEqualTo("Blemishes went from 0 spots to 3 spots since 20 November 2025");
        assertThat(SkinWording.change(SkinMetric.TEXTURE, null, -2, -1, SkinWording.SINCE_PREVIOUS))
                .as("relative to the size of the earlier value").isEqualTo("Texture is up 50% since the previous check-in");
    }

    @Test
    void valuesReadAsTheirScale() {
        assertThat(SkinWording.value(SkinMetric.REDNESS, 14.24)).isEqualTo("a* 14.2");
        assertThat(SkinWording.value(SkinMetric.BLEMISHES, 1)).isEqualTo("1 spot");
        assertThat(SkinWording.value(SkinMetric.BLEMISHES, 3)).isEqualTo("3 spots");
        assertThat(SkinWording.value(SkinMetric.EVENNESS, 0.421)).isEqualTo("0.42");
        assertThat(SkinWording.value(SkinMetric.SHINE, 0.05)).isEqualTo("0.05");
    }
}
