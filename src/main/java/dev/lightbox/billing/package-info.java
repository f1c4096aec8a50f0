/**
 * Credits: an append-only ledger per user with a balance changed only under a row lock, paid work that
 * reserves first and settles by its job's outcome, admin grants, and credit packs bought through Stripe
 * Checkout. Lightbox's own analysis stays free; credits meter what costs real money (a remote vision model).
 */
@NullMarked
@ApplicationModule(displayName = "Billing")
package dev.lightbox.billing;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
