/**
 * {@code java -jar lightbox.jar backup <dir>} and {@code restore <dir>}, with the app stopped. Runs before (and
 * without) Spring; {@code Application.main} hands it the arguments.
 */
@NullMarked
@NamedInterface("cli")
package dev.lightbox.data.backup.cli;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
