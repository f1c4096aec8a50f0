/**
 * The object store: one S3 bucket reached through the MinIO client, either an external S3 server
 * ({@code LIGHTBOX_S3_*}) or an embedded S3 server (s3proxy, filesystem backend) under the data directory.
 */
@NullMarked
@ApplicationModule(displayName = "Storage")
package dev.lightbox.storage;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
