package dev.lightbox.account.service;

import dev.lightbox.account.domain.UserCountsRepository;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/** Account totals for the admin overview (kept apart from AccountService, which the users console changes). */
@Service
public class UserCounts {

    /** All accounts, those with the ADMIN role, and those an admin disabled. */
    public record Counts(long total, long admins, long disabled) {
    }

    private final UserCountsRepository repository;

    UserCounts(UserCountsRepository repository) {
        this.repository = repository;
    }

    @PreAuthorize("hasRole('ADMIN')")
    public Counts counts() {
        var counts = repository.counts();
        return new Counts(counts.total(), counts.admins(), counts.disabled());
    }
}
