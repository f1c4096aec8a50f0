/** The "Delete account" section of the Settings page. */
@NullMarked
package dev.lightbox.data.deletion.ui;

import org.jspecify.annotations.NullMarked;
