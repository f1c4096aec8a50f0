/** Backup and restore: the writer and restorer the commands and the daily job share, and the admin's backups. */
@NullMarked
@NamedInterface("backup")
package dev.lightbox.data.backup.service;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
