/** Admin console services the admin views and REST call: users, the audit log. */
@NullMarked
@NamedInterface("service")
package dev.lightbox.admin.service;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
