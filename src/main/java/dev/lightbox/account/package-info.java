/**
 * Accounts: users with roles USER and ADMIN, signup and login (browser and REST), login throttling,
 * and named API tokens stored hashed.
 */
@NullMarked
@ApplicationModule(displayName = "Accounts")
package dev.lightbox.account;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
