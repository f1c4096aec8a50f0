package dev.lightbox.admin.api;

import dev.lightbox.account.service.AccountService;
import dev.lightbox.account.service.AccountSummary;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/admin/**} is ADMIN-only in the security chain; the service checks the role again. */
@RestController
class AdminUsersController {

    private final AccountService accounts;

    AdminUsersController(AccountService accounts) {
        this.accounts = accounts;
    }

    @GetMapping("/api/v1/admin/users")
    List<AccountSummary> users() {
        return accounts.listAccounts();
    }
}
