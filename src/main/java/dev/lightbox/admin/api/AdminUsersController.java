package dev.lightbox.admin.api;

import dev.lightbox.admin.service.AdminUser;
import dev.lightbox.admin.service.AdminUserService;
import dev.lightbox.admin.service.UserPage;
import dev.lightbox.admin.service.UserUpdate;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/admin/**} is ADMIN-only in the security chain; the service checks the role again. */
@RestController
class AdminUsersController {

    private final AdminUserService users;

    AdminUsersController(AdminUserService users) {
        this.users = users;
    }

    @GetMapping("/api/v1/admin/users")
    UserPage users(@RequestParam(required = false) @Nullable String cursor, @RequestParam(defaultValue = "50") int limit,
                   @RequestParam(required = false) @Nullable String email) {
        if (email != null && email.length() > 254) throw new IllegalArgumentException("email: at most 254 characters.");
        return users.page(email, cursor, limit);
    }

    /** Any subset of {disabled, admin, reason}; omitted fields stay as they are. */
    @PutMapping("/api/v1/admin/users/{id}")
    AdminUser update(@PathVariable UUID id, @RequestBody UserUpdate body) {
        return users.update(id, body);
    }
}
