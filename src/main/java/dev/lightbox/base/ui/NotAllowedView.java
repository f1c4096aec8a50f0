package dev.lightbox.base.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.AccessDeniedException;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.ParentLayout;
import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletResponse;

/** A page the signed-in account may not open (an admin page for a user), shown in the shell instead of a bare error. */
@ParentLayout(MainLayout.class)
@PageTitle("Not allowed")
@PermitAll
public class NotAllowedView extends Main implements HasErrorParameter<AccessDeniedException> {

    public NotAllowedView() {
        setId("not-allowed-view");
        addClassName("page");
    }

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<AccessDeniedException> parameter) {
        removeAll();
        add(new H2("Not allowed"),
            new Paragraph("Your account may not open /" + event.getLocation().getPath()
                    + ". It is for administrators; ask this server's admin if you need it."),
            new Anchor("", "Your timeline"));
        return HttpServletResponse.SC_FORBIDDEN;
    }
}
