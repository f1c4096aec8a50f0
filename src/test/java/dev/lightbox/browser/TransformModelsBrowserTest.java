package dev.lightbox.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import dev.lightbox.transform.OnnxTestModels;
import dev.lightbox.transform.service.OnnxModelRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The admin's Models page at phone width in dark mode: install a model with its spec, see the refusal of a bad one, uninstall. */
class TransformModelsBrowserTest extends BrowserTest {

    @Autowired OnnxModelRegistry registry;

    @Test
    void anAdminInstallsAndUninstallsAModelAtPhoneWidthInDarkMode() throws Exception {
        String name = "browser-" + UUID.randomUUID().toString().substring(0, 8);
        Path dir = Files.createTempDirectory(newDataDir("models"), "files");
        Path model = Files.write(dir.resolve("invert.onnx"), OnnxTestModels.invert(1, 3, 32, 32));
        try {
            usePhoneViewport();
            page.navigate(url("/login"));
            logIn(ADMIN_EMAIL, ADMIN_PASSWORD);
            assertThat(page.locator("#timeline-view")).isVisible();
            page.locator("vaadin-drawer-toggle").click();
            page.locator("#theme-toggle").click();
            assertThat(page.locator("html")).hasAttribute("theme", "dark");
            page.locator("#main-nav").getByText("Models (admin)").click();
            assertThat(page.locator("#admin-models-view")).isVisible();

            page.waitForFileChooser(() -> page.locator("#model-upload vaadin-button").first().click()).setFiles(model);
            assertThat(page.locator("#model-status")).containsText("invert.onnx received");
            page.locator("#model-name input").fill(name);
            page.locator("#model-width input").fill("64");
            page.locator("#model-height input").fill("32");
            page.locator("#model-install").click();
            assertThat(page.locator("#model-status")).containsText("Not installed: spec: the model's input is 1×3×32×32");

            page.locator("#model-width input").fill("32");
            page.locator("#model-install").click();
            assertThat(page.locator("#model-status")).hasText("Installed " + name + ".");
            assertThat(page.locator("#admin-models")).containsText(name);
            screenshot("admin-models-phone-dark");

            page.locator("#uninstall-" + name).click();
            // the grid keeps the removed row's cells, hidden
            assertThat(page.locator("#uninstall-" + name)).isHidden();
            assertThat(page.locator("#admin-models vaadin-grid-cell-content:visible", new Page.LocatorOptions().setHasText(name))).hasCount(0);
            org.assertj.core.api.Assertions.assertThat(registry.find(name)).isEmpty();
        } finally {
            registry.uninstall(name, new dev.lightbox.base.security.LightboxUser(UUID.randomUUID(), ADMIN_EMAIL, java.util.List.of("ADMIN")));
        }
    }
}
