package dev.lightbox.base.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.ParentLayout;
import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletResponse;

/** An address that is no page of Lightbox, shown in the shell (signed-out visitors go to the login page first). */
@ParentLayout(MainLayout.class)
@PageTitle("Page not found")
@PermitAll
public class NotFoundView extends Main implements HasErrorParameter<NotFoundException> {

    public NotFoundView() {
        setId("not-found-view");
        addClassName("page");
    }

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<NotFoundException> parameter) {
        removeAll();
        add(new H2("Page not found"),
            new Paragraph("There is no page at /" + event.getLocation().getPath() + " in Lightbox. Check the address, or go on from here:"),
            new Anchor("", "Your timeline"));
        return HttpServletResponse.SC_NOT_FOUND;
    }
}
