package dev.lightbox.account.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** LIGHTBOX_LOGIN_PASSWORD_HASH_COST: new hashes at that cost, hashes of any other cost still verify, nonsense refused. */
class PasswordHashCostTest {

    private final AccountConfiguration configuration = new AccountConfiguration();

    @Test
    void hashesAtTheSetCostAndVerifiesHashesOfAnotherCost() {
        var cheap = configuration.passwordEncoder(4);
        var standard = configuration.passwordEncoder(10);
        String hash = cheap.encode("tangerine-Orbit-harbor-58");
        assertThat(hash).startsWith("$2a$04$");
        assertThat(standard.matches("tangerine-Orbit-harbor-58", hash)).isTrue();
        assertThat(cheap.matches("tangerine-Orbit-harbor-58", standard.encode("tangerine-Orbit-harbor-58"))).isTrue();
        assertThat(cheap.matches("tangerine-Orbit-harbor-59", hash)).isFalse();
    }

    @Test
    void refusesACostOutsideFourToSixteen() {
        assertThatThrownBy(() -> configuration.passwordEncoder(3)).hasMessageContaining("LIGHTBOX_LOGIN_PASSWORD_HASH_COST")
                .hasMessageContaining("between 4 and 16");
        assertThatThrownBy(() -> configuration.passwordEncoder(17)).hasMessageContaining("not 17");
    }
}
