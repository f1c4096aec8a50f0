/**
 * {@code java -jar lightbox.jar sync <folder>}: analyses photos on this computer with the server's own
 * analyser and sends only their hashes, metadata and attributes. Runs before (and without) Spring;
 * {@code Application.main} hands it the arguments.
 */
@NullMarked
@NamedInterface("cli")
package dev.lightbox.sync.cli;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
