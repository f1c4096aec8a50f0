package dev.lightbox.billing.api;

import dev.lightbox.base.security.CurrentUser;
import dev.lightbox.billing.service.CreditBalance;
import dev.lightbox.billing.service.CreditEntry;
import dev.lightbox.billing.service.CreditPage;
import dev.lightbox.billing.service.CreditService;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The caller's credits and ledger, and an admin's grants and adjustments. */
@RestController
class CreditController {

    private final CreditService credits;

    CreditController(CreditService credits) {
        this.credits = credits;
    }

    record BalanceJson(long balance, long reserved) {
        static BalanceJson of(CreditBalance b) {
            return new BalanceJson(b.balance(), b.reserved());
        }
    }

    record EntryJson(long id, String kind, long amount, long balanceAfter, String reason, @Nullable String reference, Instant createdAt) {
        static EntryJson of(CreditEntry e) {
            return new EntryJson(e.id(), e.kind().json(), e.amount(), e.balanceAfter(), e.reason(), e.reference(), e.createdAt());
        }
    }

    record PageJson(List<EntryJson> items, @Nullable String nextCursor) {
        static PageJson of(CreditPage page) {
            return new PageJson(page.items().stream().map(EntryJson::of).toList(), page.nextCursor());
        }
    }

    record AdjustJson(@Nullable Long amount, @Nullable String reason) {
    }

    @GetMapping("/api/v1/credits")
    BalanceJson balance() {
        return BalanceJson.of(credits.balance(CurrentUser.require().id()));
    }

    @GetMapping("/api/v1/credits/transactions")
    PageJson transactions(@RequestParam(required = false) @Nullable String cursor, @RequestParam(defaultValue = "50") int limit) {
        return PageJson.of(credits.entries(CurrentUser.require().id(), cursor, limit));
    }

    /** Admin: a positive amount grants, a negative one takes away (never below 0); 201 with the entry. */
    @PostMapping("/api/v1/admin/users/{id}/credits")
    ResponseEntity<EntryJson> adjust(@PathVariable UUID id, @RequestBody AdjustJson body) {
        Long amount = body.amount();
        if (amount == null) throw new IllegalArgumentException("amount: give a whole number of credits, positive to grant, negative to take away.");
        String reason = body.reason() == null ? "" : body.reason();
        CreditEntry entry = credits.adjustByAdmin(CurrentUser.require().id(), id, amount, reason);
        return ResponseEntity.status(HttpStatus.CREATED).body(EntryJson.of(entry));
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<ProblemDetail> badRequest(IllegalArgumentException e) {
        return ResponseEntity.badRequest().body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage()));
    }

    @ExceptionHandler(NoSuchElementException.class)
    ResponseEntity<ProblemDetail> notFound(NoSuchElementException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No such account."));
    }
}
