package dev.lightbox.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import dev.lightbox.library.service.PhotoGroups;
import dev.lightbox.library.service.PhotoService;
import dev.lightbox.library.service.PhotoView;
import dev.lightbox.support.TestImages;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;

/**
 * "Collapse groups" on the timeline: one tile per group with a count badge. The groups come from a small
 * {@link PhotoGroups} that groups photos by the part of their file name before the dash, registered in the
 * shared context for this test only (a context of its own could not have its own data directory) and
 * ordered first, so the timeline uses it even beside culling's real implementation (tested on its own).
 */
class CollapseGroupsBrowserTest extends BrowserTest {

    private static final String BEAN = "collapseGroupsBrowserTest.nameGroups";

    @Autowired
    ConfigurableApplicationContext context;
    @Autowired
    PhotoService photos;

    @BeforeEach
    void groupByName() {
        context.getBeanFactory().registerSingleton(BEAN, new NameGroups(photos));
    }

    @AfterEach
    void noMoreGroups() {
        ((DefaultListableBeanFactory) context.getBeanFactory()).destroySingleton(BEAN);
    }

    record NameGroups(PhotoService photos) implements PhotoGroups, Ordered {

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }

        @Override
        public Map<UUID, Membership> memberships(UUID ownerId, Collection<UUID> photoIds) {
            var members = new HashMap<String, List<PhotoView>>();
            for (UUID id : photoIds) {
                photos.find(ownerId, id).filter(p -> p.originalName() != null && p.originalName().contains("-"))
                        .ifPresent(p -> members.computeIfAbsent(p.originalName().substring(0, p.originalName().indexOf('-')), k -> new ArrayList<>()).add(p));
            }
            var found = new HashMap<UUID, Membership>();
            members.forEach((name, group) -> {
                if (group.size() < 2) return;
                group.forEach(p -> found.put(p.id(), new Membership(name, "burst", group.size(), group.getFirst().id())));
            });
            return found;
        }
    }

    @Test
    void collapsingShowsOneTilePerGroupWithItsSize() {
        String email = api().signUpNewUser();
        String token = api().login(email, USER_PASSWORD);
        for (int i = 0; i < 3; i++) api().upload("burst-" + i + ".jpg", TestImages.jpeg(640, 480, 1100 + i), token);
        for (int i = 0; i < 2; i++) api().upload("pair-" + i + ".jpg", TestImages.jpeg(640, 480, 1200 + i), token);
        api().upload("single.jpg", TestImages.jpeg(640, 480, 1300), token);
        page.navigate(url("/login"));
        logIn(email, USER_PASSWORD);
        Locator tiles = page.locator("#timeline-days .tile");
        assertThat(tiles).hasCount(6);
        assertThat(page.locator("#timeline-collapse")).isVisible();

        page.locator("#timeline-collapse").click();
        assertThat(tiles).hasCount(3);
        assertThat(page.locator("#timeline-days .tile[data-group-size='3'] .group-badge")).hasText("3");
        assertThat(page.locator("#timeline-days .tile[data-group-size='2'] .group-badge")).hasText("2");
        assertThat(page.locator("#timeline-days .tile:not([data-group-size])")).hasCount(1);
        assertThat(page.locator("#photo-count")).hasText("6 photos");
        page.reload(); // the option lives in the URL
        assertThat(tiles).hasCount(3);
        screenshot("timeline-collapsed");

        page.locator("#timeline-collapse").click();
        assertThat(tiles).hasCount(6);
    }
}
