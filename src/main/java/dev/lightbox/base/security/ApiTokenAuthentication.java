package dev.lightbox.base.security;

import java.util.UUID;
import org.springframework.security.authentication.AbstractAuthenticationToken;

/** A request authenticated by an API token; knows which token, so logout can revoke it. */
public final class ApiTokenAuthentication extends AbstractAuthenticationToken {

    private final LightboxUser user;
    private final UUID tokenId;

    public ApiTokenAuthentication(LightboxUser user, UUID tokenId) {
        super(user.getAuthorities());
        this.user = user;
        this.tokenId = tokenId;
        setAuthenticated(true);
    }

    public UUID tokenId() {
        return tokenId;
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public LightboxUser getPrincipal() {
        return user;
    }
}
