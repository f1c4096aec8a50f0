package dev.lightbox.scoring.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.card.Card;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.lightbox.analysis.service.AnalysisService;
import dev.lightbox.base.security.CurrentUser;
import dev.lightbox.scoring.service.LibraryProfile;
import dev.lightbox.scoring.service.ProfileService;
import jakarta.annotation.security.PermitAll;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** The library profile: tendencies, score distribution, what sets the best and weakest apart, suggestions; charts in SVG. */
@Route("profile")
@PageTitle("Library profile")
@Menu(order = 35, icon = "vaadin:chart", title = "Library profile")
@PermitAll
public class ProfileView extends Main {

    public ProfileView(ProfileService profiles, AnalysisService analyses) {
        UUID owner = CurrentUser.require().id();
        setId("profile-view");
        addClassName("page");
        addClassName("profile-page");
        add(new H2("Library profile"));
        add(coverage(analyses, owner));
        profiles.profile(owner).ifPresentOrElse(this::show, () -> {
            var empty = new Div(new Paragraph("No analysed photos yet: the profile appears once your photos are analysed."),
                    new Anchor("upload", "Upload photos"));
            empty.setId("profile-empty");
            add(empty);
        });
    }

    private static Component coverage(AnalysisService analyses, UUID owner) {
        AnalysisService.Coverage c = analyses.coverage(owner);
        var text = new Span(String.format("%d photos: %d analysed by the current analyzer (v%d)%s%s.", c.photos(), c.current(),
                AnalysisService.currentVersion(), c.outdated() > 0 ? ", " + c.outdated() + " by an older one" : "",
                c.pending() > 0 ? ", " + c.pending() + " waiting" : ""));
        text.setId("analysis-coverage");
        var reanalyse = new Button("Re-analyse library", e -> {
            analyses.reanalyse(owner);
            Notification.show("Re-analysis queued: follow it on the Jobs page.", 4000, Notification.Position.BOTTOM_START);
        });
        reanalyse.setId("reanalyse");
        reanalyse.setEnabled(c.outdated() + c.pending() > 0);
        var line = new Div(text, reanalyse);
        line.addClassName("coverage-line");
        return line;
    }

    private void show(LibraryProfile p) {
        add(new Paragraph(String.format("%d analysed photos, scored with “%s”.", p.photos(), p.config())));
        var cards = new Div();
        cards.addClassName("profile-cards");
        cards.add(scoreCard(p), exposureCard(p), compositionCard(p), subjectsCard(p), traitsCard(p), suggestionsCard(p));
        add(cards);
    }

    private static Card card(String title, Component... content) {
        var card = new Card();
        card.setTitle(title);
        card.add(content);
        card.addClassName("profile-card");
        return card;
    }

    private static Card scoreCard(LibraryProfile p) {
        var bars = new ArrayList<SvgCharts.Bar>();
        for (int i = 0; i < 10; i++) bars.add(new SvgCharts.Bar(Integer.toString(i * 10), p.scores().histogram()[i], Integer.toString(p.scores().histogram()[i])));
        return card("Scores", SvgCharts.columns("chart-scores", "Photos per score range", bars),
                facts(String.format(Locale.ROOT, "Mean %.1f · spread %.1f · median %.1f", p.scores().mean(), p.scores().spread(), p.scores().median()),
                        SvgCharts.percent(p.scores().passedShare()) + " pass the thresholds"));
    }

    private static Card exposureCard(LibraryProfile p) {
        var e = p.exposure();
        return card("Exposure: " + e.preference(),
                SvgCharts.shares("chart-exposure", "Exposure", List.of(new SvgCharts.Bar("under", e.underShare(), SvgCharts.percent(e.underShare())),
                        new SvgCharts.Bar("ok", e.okShare(), SvgCharts.percent(e.okShare())),
                        new SvgCharts.Bar("over", e.overShare(), SvgCharts.percent(e.overShare())))),
                facts(String.format(Locale.ROOT, "Mean brightness %.2f", e.meanBrightness()),
                        String.format(Locale.ROOT, "Contrast: %s (%.2f)", p.contrast().preference(), p.contrast().mean()),
                        String.format(Locale.ROOT, "Colour: %s (colourfulness %.0f, saturation %.2f)", p.colour().preference(),
                                p.colour().meanColorfulness(), p.colour().meanSaturation())));
    }

    private static Card compositionCard(LibraryProfile p) {
        var c = p.composition();
        return card("Composition: " + c.tendency(),
                SvgCharts.shares("chart-composition", "Horizons", List.of(
                        new SvgCharts.Bar("level", 1 - c.tiltedShare(), SvgCharts.percent(1 - c.tiltedShare())),
                        new SvgCharts.Bar("tilted", c.tiltedShare(), SvgCharts.percent(c.tiltedShare())))),
                facts(String.format(Locale.ROOT, "Rule of thirds %.2f on average", c.meanThirds()),
                        String.format(Locale.ROOT, "%s of horizons tilt 1.5° or more (mean %.1f°)", SvgCharts.percent(c.tiltedShare()), c.meanAbsoluteTilt())));
    }

    private static Card subjectsCard(LibraryProfile p) {
        var s = p.subjects();
        return card("Subjects: " + s.mix(),
                SvgCharts.shares("chart-subjects", "Subjects", List.of(new SvgCharts.Bar("faces", s.withFacesShare(), SvgCharts.percent(s.withFacesShare())),
                        new SvgCharts.Bar("none", s.withoutFacesShare(), SvgCharts.percent(s.withoutFacesShare())))),
                facts(String.format(Locale.ROOT, "%.1f faces per photo on average", s.meanFaces())));
    }

    private static Card traitsCard(LibraryProfile p) {
        var list = new UnorderedList();
        list.setId("profile-traits");
        p.topTraits().forEach(t -> list.add(new ListItem(t)));
        p.bottomTraits().forEach(t -> list.add(new ListItem(t)));
        if (p.topTraits().isEmpty() && p.bottomTraits().isEmpty()) list.add(new ListItem("Your best and weakest photos do not differ much yet."));
        return card("Best and weakest 10%", list);
    }

    private static Card suggestionsCard(LibraryProfile p) {
        var list = new UnorderedList();
        list.setId("profile-suggestions");
        p.suggestions().forEach(s -> list.add(new ListItem(s)));
        return card("Suggestions", list);
    }

    private static Component facts(String... lines) {
        var facts = new Div();
        facts.addClassName("profile-facts");
        for (String line : lines) facts.add(new Paragraph(line));
        return facts;
    }
}
