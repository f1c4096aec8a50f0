package dev.lightbox.account.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.jspecify.annotations.Nullable;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;
import org.springframework.transaction.annotation.Transactional;

public interface UserRepository extends JpaRepository<User, UUID> {

    Optional<User> findByEmail(String email);

    boolean existsByEmail(String email);

    boolean existsByRole(Role role);

    List<User> findAllByOrderByCreatedAtAsc();

    /** Serialises account creation so exactly one first account becomes admin. Held until commit. */
    @Query(value = "select pg_advisory_xact_lock(7346201)", nativeQuery = true)
    void lockAccountCreation();

    /** Serialises changes of admin roles and disabling, so two concurrent changes cannot both remove the last admin. */
    @Query(value = "select pg_advisory_xact_lock(7346202)", nativeQuery = true)
    void lockAdminChanges();

    @Query(value = "select count(*) from users where role = 'ADMIN' and disabled_at is null", nativeQuery = true)
    long countEnabledAdmins();

    /**
     * Oldest first, after the keyset position (createdAt, id) when given; only emails containing {@code emailPattern}
     * (a LIKE pattern escaped with a backslash by the caller) when given.
     */
    @Query(value = """
            select * from users
            where (cast(:createdAt as timestamptz) is null or (created_at, id) > (cast(:createdAt as timestamptz), cast(:id as uuid)))
              and (cast(:emailPattern as varchar) is null or email like cast(:emailPattern as varchar) escape '\\')
            order by created_at, id limit :limit""", nativeQuery = true)
    List<User> page(@Param("createdAt") @Nullable Instant createdAt, @Param("id") @Nullable UUID id, @Param("emailPattern") @Nullable String emailPattern,
                    @Param("limit") int limit);

    /** One cheap write per successful password sign-in, outside any other transaction. */
    @Modifying
    @Transactional
    @Query(value = "update users set last_sign_in_at = :at where id = :id", nativeQuery = true)
    void markSignedIn(@Param("id") UUID id, @Param("at") Instant at);
}
