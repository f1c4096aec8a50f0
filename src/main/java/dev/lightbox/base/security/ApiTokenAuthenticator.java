package dev.lightbox.base.security;

import java.util.Optional;

/** Resolves the secret of an {@code Authorization: Bearer} header to its active token and user. */
public interface ApiTokenAuthenticator {

    Optional<ApiTokenAuthentication> authenticate(String bearerToken);
}
