/** {@code DELETE /api/v1/auth/me} and {@code DELETE /api/v1/admin/users/{id}}. */
@NullMarked
package dev.lightbox.data.deletion.api;

import org.jspecify.annotations.NullMarked;
