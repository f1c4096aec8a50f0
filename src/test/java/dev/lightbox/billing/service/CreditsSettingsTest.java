package dev.lightbox.billing.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightbox.support.ApiClient;
import dev.lightbox.support.AppRunner;
import dev.lightbox.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** LIGHTBOX_CREDITS_*: welcome credits on signup, and settings that cannot work stop startup. */
class CreditsSettingsTest {

    private static String messages(Throwable e) {
        var text = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) text.append(t.getMessage()).append('\n');
        return text.toString();
    }

    @Test
    void aNewAccountStartsWithTheSignupGrant() {
        try (var app = AppRunner.start(IntegrationTest.newDataDir("credits-grant"), "lightbox.credits.signup-grant=5",
                "lightbox.admin.email=" + IntegrationTest.ADMIN_EMAIL, "lightbox.admin.password=" + IntegrationTest.ADMIN_PASSWORD)) {
            ApiClient api = AppRunner.api(app);
            ApiClient.User user = api.newUser();
            var balance = api.get("/api/v1/credits", user.token()).json();
            assertThat(balance.get("balance").asLong()).isEqualTo(5);
            assertThat(balance.get("reserved").asLong()).isZero();
            var items = api.get("/api/v1/credits/transactions", user.token()).json().get("items");
            assertThat(items).hasSize(1);
            assertThat(items.get(0).get("kind").asString()).isEqualTo("grant");
            assertThat(items.get(0).get("amount").asLong()).isEqualTo(5);
            assertThat(items.get(0).get("reason").asString()).isEqualTo("Welcome credits");
            String admin = api.login(IntegrationTest.ADMIN_EMAIL, IntegrationTest.ADMIN_PASSWORD);
            assertThat(api.get("/api/v1/credits", admin).json().get("balance").asLong())
                    .as("the admin made from settings at startup is welcomed too").isEqualTo(5);
        }
    }

    @Test
    void aNegativeSignupGrantStopsTheAppsStartup() {
        assertThatThrownBy(() -> AppRunner.start(IntegrationTest.newDataDir("credits-neg"), "lightbox.credits.signup-grant=-1"))
                .satisfies(e -> assertThat(messages(e)).contains("LIGHTBOX_CREDITS_SIGNUP_GRANT is -1"));
    }

    /** The credit settings bound as the app binds them (no database, no server): each negative one is refused with its sentence. */
    @Test
    void negativeCreditSettingsStopStartup() {
        var credits = new ApplicationContextRunner().withUserConfiguration(CreditSettings.class);
        credits.withPropertyValues("lightbox.credits.signup-grant=-1").run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure())).contains("LIGHTBOX_CREDITS_SIGNUP_GRANT is -1");
        });
        credits.withPropertyValues("lightbox.credits.price-vision=-3").run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure())).contains("LIGHTBOX_CREDITS_PRICE_VISION is -3");
        });
        credits.withPropertyValues("lightbox.credits.signup-grant=0", "lightbox.credits.price-vision=0")
                .run(context -> assertThat(context).as("0 is allowed").hasNotFailed());
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(CreditsProperties.class)
    static class CreditSettings {
    }
}
