package dev.lightbox.library.ui;

import dev.lightbox.base.ui.MenuBadge;
import dev.lightbox.library.service.TrashService;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** How many photos are in the user's trash, beside the menu's "Trash". */
@Component
class TrashMenuBadge implements MenuBadge {

    private final TrashService trash;

    TrashMenuBadge(TrashService trash) {
        this.trash = trash;
    }

    @Override
    public String path() {
        return "trash";
    }

    @Override
    public long count(UUID userId) {
        return trash.count(userId);
    }
}
