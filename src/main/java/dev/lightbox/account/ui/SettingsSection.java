package dev.lightbox.account.ui;

import com.vaadin.flow.component.Component;
import java.util.UUID;

/** A part of the Settings page another module adds under the account's own sections, e.g. "Connect Telegram". */
public interface SettingsSection {

    /** Ordered by this number, lowest first. */
    default int order() {
        return 0;
    }

    Component create(UUID userId);
}
