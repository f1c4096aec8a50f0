package dev.lightbox.account.service;

import dev.lightbox.base.security.LightboxUser;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/** The browser's login form checks passwords here, through the same throttled path as the REST login. */
@Component
class PasswordAuthenticationProvider implements AuthenticationProvider {

    private final AccountService accounts;

    PasswordAuthenticationProvider(AccountService accounts) {
        this.accounts = accounts;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String address = authentication.getDetails() instanceof WebAuthenticationDetails details && details.getRemoteAddress() != null
                ? details.getRemoteAddress() : "";
        try {
            LightboxUser user = accounts.authenticate(authentication.getName(), String.valueOf(authentication.getCredentials()), address);
            return UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities());
        } catch (AccountException e) {
            if (e.reason() == AccountException.Reason.THROTTLED) throw new LockedException(e.getMessage(), e);
            if (e.reason() == AccountException.Reason.DISABLED) throw new DisabledException(e.getMessage(), e);
            throw new BadCredentialsException(e.getMessage());
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
