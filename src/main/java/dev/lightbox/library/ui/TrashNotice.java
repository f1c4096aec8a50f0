package dev.lightbox.library.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import dev.lightbox.base.ui.MainLayout;
import dev.lightbox.base.ui.UiTasks;
import dev.lightbox.library.service.TrashService;
import java.util.List;
import java.util.UUID;

/**
 * What a page shows after the owner deleted photos: "Moved to trash" with an Undo that restores them (off the session
 * lock), or, when the trash is off ({@code LIGHTBOX_TRASH_DAYS=0}), that they were deleted.
 */
public final class TrashNotice {

    private TrashNotice() {
    }

    /**
     * Shows the notice for {@code count} photos among {@code ids} just deleted; {@code trashed}: whether they went to the
     * trash. {@code afterUndo} runs under the session lock once they are back.
     */
    public static void show(UI ui, UiTasks tasks, TrashService trash, UUID owner, List<UUID> ids, int count, boolean trashed,
                            Runnable afterUndo) {
        MainLayout.refreshBadges(ui);
        if (!trashed) {
            Notification.show(count == 1 ? "1 photo deleted." : count + " photos deleted.", 4000, Notification.Position.BOTTOM_START);
            return;
        }
        var notification = new Notification();
        notification.setDuration(8000);
        notification.setPosition(Notification.Position.BOTTOM_START);
        var text = new Span(count == 1 ? "Moved to trash" : count + " photos moved to trash");
        text.setId("trash-notice");
        var undo = new Button("Undo", e -> {
            notification.close();
            tasks.run(() -> {
                int restored = 0;
                for (UUID id : ids) restored += trash.restore(owner, id).isPresent() ? 1 : 0;
                int back = restored;
                UiTasks.push(ui, () -> {
                    afterUndo.run();
                    MainLayout.refreshBadges(ui);
                    Notification.show(back == 1 ? "Restored" : back + " photos restored", 3000, Notification.Position.BOTTOM_START);
                });
            });
        });
        undo.setId("trash-undo");
        undo.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
        var row = new HorizontalLayout(text, undo);
        row.setAlignItems(FlexComponent.Alignment.CENTER);
        notification.add(row);
        notification.open();
    }

    /** The confirm dialog's text for deleting {@code count} photos under this trash setting. */
    public static String confirmText(int count, int trashDays) {
        String them = count == 1 ? "It" : "They";
        return trashDays > 0
                ? them + " move" + (count == 1 ? "s" : "") + " to the trash, where you can restore " + (count == 1 ? "it" : "them")
                        + " for " + trashDays + (trashDays == 1 ? " day." : " days.")
                : them + (count == 1 ? " is" : " are") + " removed from your library, with " + (count == 1 ? "its original" : "their originals")
                        + ". This cannot be undone.";
    }
}
