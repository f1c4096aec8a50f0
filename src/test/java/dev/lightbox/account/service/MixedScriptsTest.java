package dev.lightbox.account.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MixedScriptsTest {

    @Test
    void findsLookAlikeLettersInAnyPart() {
        assertThat(MixedScripts.inEmail("p\u0430ypal@example.com")).as("Cyrillic а in the local part").isTrue();
        assertThat(MixedScripts.inEmail("paypal@ex\u0430mple.com")).as("Cyrillic а in the domain").isTrue();
        assertThat(MixedScripts.inEmail("\u03bfwner@example.com")).as("Greek ο").isTrue();
    }

    @Test
    void allowsOneScriptPerPartDigitsAndCjkMixes() {
        assertThat(MixedScripts.inEmail("ann.lee-42@example.com")).isFalse();
        assertThat(MixedScripts.inEmail("\u0438\u0432\u0430\u043d@example.com")).isFalse();
        assertThat(MixedScripts.inEmail("\u0438\u0432\u0430\u043d@\u043f\u0440\u0438\u043c\u0435\u0440.\u0440\u0444")).isFalse();
        assertThat(MixedScripts.inEmail("\u5c71\u7530\u305f\u308d\u3046@example.jp")).as("Han with Hiragana").isFalse();
        assertThat(MixedScripts.inEmail("jos\u00e9@example.com")).as("é is Latin").isFalse();
    }
}
