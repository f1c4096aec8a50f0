package dev.lightbox.base.ui;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import dev.lightbox.base.security.LightboxUser;
import jakarta.annotation.security.PermitAll;

/** Where a signed-in user lands. */
@Route("")
@PageTitle("Home")
@Menu(order = 0, icon = "vaadin:home", title = "Home")
@PermitAll
public class HomeView extends Main {

    public HomeView(AuthenticationContext authentication) {
        setId("home-view");
        addClassName("page");
        String email = authentication.getAuthenticatedUser(LightboxUser.class).map(LightboxUser::email).orElse("");
        add(new H2("Welcome to Lightbox"),
            new Paragraph("Signed in as " + email + "."),
            new Paragraph("Lightbox is your self-hosted photo lab. Create API tokens under Settings to use the REST API at /api/v1."));
    }
}
