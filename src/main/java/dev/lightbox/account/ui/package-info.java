/** The account's views, and {@link dev.lightbox.account.ui.SettingsSection} for modules that add to the Settings page. */
@NullMarked
@NamedInterface("ui")
package dev.lightbox.account.ui;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
