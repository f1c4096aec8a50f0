package dev.lightbox.account.domain;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface UserRepository extends JpaRepository<User, UUID> {

    Optional<User> findByEmail(String email);

    boolean existsByEmail(String email);

    List<User> findAllByOrderByCreatedAtAsc();

    /** Serialises account creation so exactly one first account becomes admin. Held until commit. */
    @Query(value = "select pg_advisory_xact_lock(7346201)", nativeQuery = true)
    void lockAccountCreation();
}
