/**
 * The admin audit trail's boundary: any module publishes {@link AdminActionPerformed} through
 * {@link AdminAudit} when an admin changes something; the admin module stores it in the audit log.
 */
@NullMarked
@NamedInterface("audit")
package dev.lightbox.base.audit;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
