package dev.lightbox.base.security;

import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** The signed-in user as every module sees it: id, email and roles ("USER", "ADMIN"). */
public final class LightboxUser implements UserDetails {

    private final UUID id;
    private final String email;
    private final List<String> roles;

    public LightboxUser(UUID id, String email, List<String> roles) {
        this.id = id;
        this.email = email;
        this.roles = List.copyOf(roles);
    }

    public UUID id() {
        return id;
    }

    public String email() {
        return email;
    }

    public List<String> roles() {
        return roles;
    }

    public boolean isAdmin() {
        return roles.contains("ADMIN");
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return roles.stream().map(role -> new SimpleGrantedAuthority("ROLE_" + role)).toList();
    }

    /** Passwords are checked by the account module and never travel with the signed-in user. */
    @Override
    public @Nullable String getPassword() {
        return null;
    }

    @Override
    public String getUsername() {
        return email;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LightboxUser user && user.id.equals(id);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "LightboxUser[" + email + "]";
    }
}
