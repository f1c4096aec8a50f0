package dev.lightbox.skin.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.icon.VaadinIcon;
import dev.lightbox.library.service.PhotoWithoutOriginalException;
import dev.lightbox.library.service.PhotoView;
import dev.lightbox.library.ui.PhotoPageSection;
import dev.lightbox.skin.service.CheckinSource;
import dev.lightbox.skin.service.SkinDiaryService;
import java.util.UUID;

/** On the photo page: "Add to skin diary", or a link to the diary once the photo is in it. */
@org.springframework.stereotype.Component
class SkinDiarySection implements PhotoPageSection {

    private final SkinDiaryService diary;

    SkinDiarySection(SkinDiaryService diary) {
        this.diary = diary;
    }

    @Override
    public int order() {
        return 30;
    }

    @Override
    public Component create(UUID owner, PhotoView photo) {
        var holder = new Div();
        holder.setId("photo-skin");
        holder.addClassName("photo-skin");
        show(holder, owner, photo.id());
        return holder;
    }

    private void show(Div holder, UUID owner, UUID photoId) {
        holder.removeAll();
        if (diary.find(owner, photoId).isPresent()) {
            var link = new Anchor("skin", "In your skin diary");
            link.setId("photo-skin-link");
            holder.add(link);
            return;
        }
        var add = new Button("Add to skin diary", VaadinIcon.PLUS.create(), e -> {
            try {
                diary.add(owner, photoId, CheckinSource.PHOTO);
            } catch (PhotoWithoutOriginalException synced) {
                holder.removeAll();
                holder.add(new com.vaadin.flow.component.html.Span(synced.getMessage()));
                return;
            }
            show(holder, owner, photoId);
        });
        add.setId("photo-skin-add");
        add.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        holder.add(add);
    }
}
