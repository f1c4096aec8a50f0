package dev.lightbox.account.domain;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ApiTokenRepository extends JpaRepository<ApiToken, UUID> {

    Optional<ApiToken> findByTokenHash(String tokenHash);

    List<ApiToken> findByUserIdAndRevokedAtIsNullOrderByCreatedAtDesc(UUID userId);

    List<ApiToken> findByUserIdAndKindAndRevokedAtIsNull(UUID userId, ApiToken.Kind kind);

    Optional<ApiToken> findByIdAndUserId(UUID id, UUID userId);
}
