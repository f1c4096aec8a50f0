package dev.lightbox.admin.api;

import dev.lightbox.admin.service.EffectiveSetting;
import dev.lightbox.admin.service.SettingsService;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/admin/settings} (ADMIN): the effective settings, secrets masked. */
@RestController
class SettingsController {

    private final SettingsService settings;

    SettingsController(SettingsService settings) {
        this.settings = settings;
    }

    @GetMapping("/api/v1/admin/settings")
    List<EffectiveSetting> settings() {
        return settings.effective();
    }
}
