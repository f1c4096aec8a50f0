package dev.lightbox.vision.ui;

import com.vaadin.flow.component.icon.VaadinIcon;
import dev.lightbox.billing.service.CreditWords;
import dev.lightbox.billing.service.InsufficientCreditsException;
import dev.lightbox.library.service.PhotoWithoutOriginalException;
import dev.lightbox.library.ui.SelectionAction;
import dev.lightbox.vision.service.DescribeStarted;
import dev.lightbox.vision.service.VisionService;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** "Describe with AI" for the timeline's selection: one paid job per photo, until the credits run out. */
@Component
class DescribeSelection implements SelectionAction {

    private final VisionService vision;

    DescribeSelection(VisionService vision) {
        this.vision = vision;
    }

    @Override
    public String id() {
        return "describe-selected";
    }

    @Override
    public String label() {
        return "Describe with AI";
    }

    @Override
    public VaadinIcon icon() {
        return VaadinIcon.MAGIC;
    }

    @Override
    public boolean available(UUID ownerId) {
        return vision.enabled();
    }

    @Override
    public String apply(UUID ownerId, Set<UUID> photoIds) {
        int queued = 0;
        int cached = 0;
        int synced = 0;
        for (UUID photoId : photoIds) {
            try {
                Optional<DescribeStarted> started = vision.describe(ownerId, photoId);
                if (started.isEmpty()) continue;
                if (started.get().cached()) cached++;
                else queued++;
            } catch (PhotoWithoutOriginalException e) {
                synced++;
            } catch (InsufficientCreditsException e) {
                int left = photoIds.size() - queued - cached - synced;
                return summary(queued, cached) + left + (left == 1 ? " photo was" : " photos were") + " not queued: " + e.getMessage();
            }
        }
        String skipped = synced == 0 ? "" : synced + (synced == 1 ? " photo was" : " photos were") + " synced without the original (skipped). ";
        return summary(queued, cached) + skipped + "Follow them on the Jobs page.";
    }

    private String summary(int queued, int cached) {
        long price = vision.price();
        String text = "Describing " + queued + (queued == 1 ? " photo" : " photos") + " (" + CreditWords.count(price) + " each)";
        if (cached > 0) text += " and " + cached + " already described (free)";
        return text + ". ";
    }
}
