package dev.lightbox.base.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.Scroller;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.AfterNavigationEvent;
import com.vaadin.flow.router.AfterNavigationObserver;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.server.menu.MenuConfiguration;
import com.vaadin.flow.server.menu.MenuEntry;
import com.vaadin.flow.spring.security.AuthenticationContext;
import dev.lightbox.base.security.LightboxUser;
import jakarta.annotation.security.PermitAll;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The shell around every signed-in view. Navigation lists the {@code @Menu} views this user may open
 * (Vaadin filters entries by each view's access annotations), so it only ever shows views that exist.
 */
@Layout
@PermitAll
public final class MainLayout extends AppLayout implements AfterNavigationObserver {

    private final H1 viewTitle = new H1();
    private final List<MenuBadge> badges;
    private final UiTasks tasks;
    private final AuthenticationContext authentication;
    /** Menu items by route path without the leading slash. */
    private final Map<String, SideNavItem> items = new HashMap<>();

    public MainLayout(AuthenticationContext authentication, List<MenuBadge> badges, UiTasks tasks) {
        this.badges = badges;
        this.tasks = tasks;
        this.authentication = authentication;
        setPrimarySection(Section.DRAWER);
        viewTitle.addClassName("view-title");
        addToNavbar(new DrawerToggle(), viewTitle);
        addToDrawer(brand(), new Scroller(navigation()), userPanel(authentication));
    }

    private static Div brand() {
        var logo = new Span("◧ Lightbox");
        logo.addClassName("brand");
        return new Div(logo);
    }

    private SideNav navigation() {
        var nav = new SideNav();
        nav.setId("main-nav");
        MenuConfiguration.getMenuEntries().forEach(entry -> {
            SideNavItem item = item(entry);
            items.put(entry.path().replaceFirst("^/", ""), item);
            nav.addItem(item);
        });
        return nav;
    }

    /**
     * Refreshes the menu's numbers of the layout around the page shown in {@code ui}, after a change made on the page
     * (a restore, a delete): call it under the session lock; the numbers are read off it.
     */
    public static void refreshBadges(UI ui) {
        ui.getInternals().getActiveRouterTargetsChain().stream().filter(MainLayout.class::isInstance).map(MainLayout.class::cast)
                .findFirst().ifPresent(layout -> layout.refreshBadges());
    }

    /** Reads the menu's numbers off the session lock and shows them (none for 0). */
    private void refreshBadges() {
        if (badges.isEmpty()) return;
        UUID user = authentication.getAuthenticatedUser(LightboxUser.class).map(LightboxUser::id).orElse(null);
        if (user == null) return;
        UI ui = UI.getCurrent();
        tasks.run(() -> {
            var counts = new HashMap<String, Long>();
            for (MenuBadge badge : badges) {
                if (items.containsKey(badge.path())) counts.put(badge.path(), badge.count(user));
            }
            UiTasks.push(ui, () -> counts.forEach((path, count) -> {
                SideNavItem item = items.get(path);
                if (item == null) return;
                if (count == 0) {
                    item.setSuffixComponent(null);
                } else {
                    var number = new Span(Long.toString(count));
                    number.setId("menu-count-" + path);
                    number.addClassName("menu-count");
                    item.setSuffixComponent(number);
                }
            }));
        });
    }

    private static SideNavItem item(MenuEntry entry) {
        return entry.icon() != null
                ? new SideNavItem(entry.title(), entry.path(), new Icon(entry.icon()))
                : new SideNavItem(entry.title(), entry.path());
    }

    private static Div userPanel(AuthenticationContext authentication) {
        var panel = new Div();
        panel.addClassName("user-panel");
        authentication.getAuthenticatedUser(LightboxUser.class).ifPresent(user -> {
            var email = new Span(user.email());
            email.setId("signed-in-user");
            email.addClassName("user-email");
            panel.add(email);
        });
        var theme = new Button("Light / dark", new Icon(VaadinIcon.ADJUST), click -> toggleTheme());
        theme.setId("theme-toggle");
        theme.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        var logout = new Button("Log out", new Icon(VaadinIcon.SIGN_OUT), click -> authentication.logout());
        logout.setId("logout");
        logout.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        panel.add(theme, logout);
        return panel;
    }

    private static void toggleTheme() {
        UI.getCurrent().getPage().executeJs("""
                const root = document.documentElement;
                const dark = root.getAttribute('theme') !== 'dark';
                if (dark) root.setAttribute('theme', 'dark'); else root.removeAttribute('theme');
                localStorage.setItem('lightbox-theme', dark ? 'dark' : 'light');
                """);
    }

    @Override
    public void afterNavigation(AfterNavigationEvent event) {
        viewTitle.setText(MenuConfiguration.getPageHeader(getContent()).orElse(""));
        refreshBadges();
    }
}
