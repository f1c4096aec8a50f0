package dev.lightbox.account.domain;

import java.util.List;

public enum Role {
    USER, ADMIN;

    /** The roles a user of this role holds: an admin is also a user. */
    public List<Role> granted() {
        return this == ADMIN ? List.of(USER, ADMIN) : List.of(USER);
    }
}
