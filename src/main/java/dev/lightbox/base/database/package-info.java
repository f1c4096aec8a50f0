/** The database connection; {@link dev.lightbox.base.database.StandaloneDatabase} for commands run with the app stopped. */
@NullMarked
@NamedInterface("database")
package dev.lightbox.base.database;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
