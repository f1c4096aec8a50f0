package dev.lightbox.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import dev.lightbox.library.service.PhotoGroups;
import dev.lightbox.library.service.PhotoService;
import dev.lightbox.library.service.PhotoView;
import dev.lightbox.support.TestImages;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.junit.jupiter.api.Test;

/**
 * "Collapse groups" on the timeline: one tile per group with a count badge. The groups come from a small
 * {@link PhotoGroups} that groups photos by the part of their file name before the dash (culling's real
 * implementation is tested on its own).
 */
@Import(CollapseGroupsBrowserTest.NameGroups.class)
class CollapseGroupsBrowserTest extends BrowserTest {

    /** Its own context (it adds a bean), so its own data directory: the shared one is held by the shared context. */
    @org.springframework.test.context.DynamicPropertySource
    static void ownDataDir(org.springframework.test.context.DynamicPropertyRegistry registry) {
        registry.add("lightbox.data-dir", () -> newDataDir("collapse-groups").toString());
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class NameGroups {

        @Bean
        PhotoGroups groupsByName(PhotoService photos) {
            return new PhotoGroups() {
                @Override
                public Map<UUID, Membership> memberships(UUID ownerId, Collection<UUID> photoIds) {
                    var members = new HashMap<String, java.util.List<PhotoView>>();
                    for (UUID id : photoIds) {
                        photos.find(ownerId, id).filter(p -> p.originalName() != null && p.originalName().contains("-"))
                                .ifPresent(p -> members.computeIfAbsent(p.originalName().substring(0, p.originalName().indexOf('-')), k -> new java.util.ArrayList<>()).add(p));
                    }
                    var found = new HashMap<UUID, Membership>();
                    members.forEach((name, group) -> {
                        if (group.size() < 2) return;
                        group.forEach(p -> found.put(p.id(), new Membership(name, "burst", group.size(), group.getFirst().id())));
                    });
                    return found;
                }
            };
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
