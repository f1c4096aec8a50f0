package dev.lightbox.billing.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinServletRequest;
import com.vaadin.flow.shared.Registration;
import dev.lightbox.base.security.CurrentUser;
import dev.lightbox.base.ui.LineChart;
import dev.lightbox.base.ui.UiTasks;
import dev.lightbox.billing.service.BillingService;
import dev.lightbox.billing.service.CreditBalance;
import dev.lightbox.billing.service.CreditEntry;
import dev.lightbox.billing.service.CreditKind;
import dev.lightbox.billing.service.CreditPack;
import dev.lightbox.billing.service.CreditPage;
import dev.lightbox.billing.service.CreditService;
import dev.lightbox.billing.service.CreditWords;
import dev.lightbox.billing.service.CreditsProperties;
import jakarta.annotation.security.PermitAll;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The owner's credits: the balance (and what running work holds), its course over time, credit packs to buy
 * through Stripe Checkout (or who to ask when buying is off), and every ledger entry, newest first.
 */
@Route("billing")
@PageTitle("Billing")
@Menu(order = 80, icon = "vaadin:wallet", title = "Billing")
@PermitAll
public class BillingView extends Main implements BeforeEnterObserver {

    static final int PAGE = 50;
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.ENGLISH)
            .withZone(ZoneId.systemDefault());
    private static final Logger log = LoggerFactory.getLogger(BillingView.class);

    private final CreditService credits;
    private final BillingService billing;
    private final UiTasks tasks;
    private final UUID owner;
    private final Span balance = new Span();
    private final Span reserved = new Span();
    private final Div chart = new Div();
    private final Div notice = new Div();
    private final Grid<CreditEntry> history = new Grid<>(CreditEntry.class, false);
    private final List<CreditEntry> entries = new ArrayList<>();
    private final Button more = new Button("Show older entries");
    private @Nullable String nextCursor;
    private @Nullable Registration polling;

    public BillingView(CreditService credits, BillingService billing, CreditsProperties prices, UiTasks tasks) {
        this.credits = credits;
        this.billing = billing;
        this.tasks = tasks;
        this.owner = CurrentUser.require().id();
        setId("billing-view");
        addClassNames("page", "billing-page");

        balance.setId("credit-balance");
        balance.addClassName("credit-balance");
        reserved.setId("credit-reserved");
        reserved.addClassName("muted");
        var summary = new Div(new Span("Balance"), balance, reserved);
        summary.addClassName("credit-summary");
        var price = new Paragraph("Describing a photo with AI costs " + CreditWords.count(prices.priceVision())
                + ". Lightbox's own analysis, scoring and training are free: they run on this server.");
        price.addClassName("muted");
        chart.setId("credit-chart");
        notice.setId("checkout-notice");
        notice.setVisible(false);

        more.setId("credit-history-more");
        more.addClickListener(e -> loadMore());
        add(new H2("Billing"), notice, summary, price, chart, packs(), new H3("History"), historyGrid(), more);
        addDetachListener(detach -> {
            if (polling != null) stopFollowing(detach.getUI());
        });
        refresh();
    }

    /** Back from Stripe Checkout: say what happens next, and follow the balance until the payment is credited. */
    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        String checkout = event.getLocation().getQueryParameters().getSingleParameter("checkout").orElse("");
        switch (checkout) {
            case "success" -> {
                Optional<CreditEntry> latest = latestPurchase(entries); // the newest page, loaded by the constructor
                if (latest.isPresent() && latest.get().createdAt().isAfter(Instant.now().minus(Duration.ofMinutes(10)))) {
                    showPaymentReceived(); // Stripe's webhook often arrives before the buyer is back
                } else {
                    showNotice("Thank you. Your credits are added as soon as Stripe confirms the payment, usually within seconds.");
                    followPayment(event.getUI(), latest.map(CreditEntry::id).orElse(0L));
                }
            }
            case "cancelled" -> showNotice("Checkout cancelled: nothing was charged.");
            default -> notice.setVisible(false);
        }
    }

    private void showNotice(String text) {
        notice.setText(text);
        notice.addClassName("notice");
        notice.setVisible(true);
    }

    private static Optional<CreditEntry> latestPurchase(List<CreditEntry> newestFirst) {
        return newestFirst.stream().filter(e -> e.kind() == CreditKind.PURCHASE).findFirst();
    }

    private void showPaymentReceived() {
        showNotice("Payment received: your balance is now " + balance.getText() + ".");
    }

    /** Polls every 3 s for up to 2 minutes for a purchase newer than {@code lastSeen}; the database is read off the session lock. */
    private void followPayment(UI ui, long lastSeen) {
        stopFollowing(ui);
        ui.setPollInterval(3000);
        long until = System.nanoTime() + 120_000_000_000L;
        polling = ui.addPollListener(poll -> tasks.run(() -> {
            boolean arrived = latestPurchase(credits.entries(owner, null, PAGE).items()).map(e -> e.id() > lastSeen).orElse(false);
            UiTasks.push(ui, () -> {
                if (!arrived && System.nanoTime() < until) return;
                stopFollowing(ui);
                if (arrived) {
                    refresh();
                    showPaymentReceived();
                }
            });
        }));
    }

    private void stopFollowing(UI ui) {
        ui.setPollInterval(-1);
        if (polling != null) polling.remove();
        polling = null;
    }

    private Div packs() {
        var section = new Div(new H3("Buy credits"));
        section.setId("credit-packs");
        if (!billing.buyingEnabled()) {
            var off = new Paragraph("Buying credits is not set up on this server: ask your admin for credits.");
            off.setId("buying-off");
            off.addClassName("notice");
            section.add(off);
            return section;
        }
        var cards = new Div();
        cards.addClassName("pack-cards");
        for (CreditPack pack : billing.packs()) {
            var buy = new Button("Buy for " + Money.format(pack.amount(), pack.currency()));
            buy.setId("buy-" + pack.id());
            buy.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            buy.addClickListener(e -> buy(pack, buy));
            var card = new Div(new Span(CreditWords.count(pack.credits())), buy);
            card.addClassName("pack-card");
            cards.add(card);
        }
        var stripe = new Paragraph("Payment is handled by Stripe; card details never reach this server.");
        stripe.addClassName("muted");
        section.add(cards, stripe);
        return section;
    }

    /** Creating the Checkout Session calls Stripe: off the session lock, then the browser goes to Stripe's page. */
    private void buy(CreditPack pack, Button button) {
        UI ui = UI.getCurrent();
        URI returnBase = requestBase();
        button.setEnabled(false);
        tasks.run(() -> {
            try {
                String url = billing.checkout(owner, pack.id(), returnBase).url();
                UiTasks.push(ui, () -> ui.getPage().setLocation(url));
            } catch (RuntimeException failure) {
                log.warn("Could not start a checkout: {}", failure.toString());
                UiTasks.push(ui, () -> {
                    button.setEnabled(true);
                    showNotice("Could not reach the payment provider: try again in a minute. Nothing was charged.");
                });
            }
        });
    }

    /** The address this page was reached at (forwarded headers count only when LIGHTBOX_FORWARD_HEADERS says so, as for the API). */
    private static URI requestBase() {
        VaadinServletRequest request = VaadinServletRequest.getCurrent();
        if (request == null) return URI.create("http://localhost");
        return ServletUriComponentsBuilder.fromContextPath(request.getHttpServletRequest()).build().toUri();
    }

    private Grid<CreditEntry> historyGrid() {
        history.setId("credit-history");
        history.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
        history.addColumn(e -> DAY_TIME.format(e.createdAt())).setHeader("When").setAutoWidth(true).setFlexGrow(0);
        history.addColumn(e -> e.kind().json()).setHeader("Kind").setAutoWidth(true).setFlexGrow(0);
        history.addColumn(e -> (e.amount() > 0 ? "+" : "") + e.amount()).setHeader("Amount").setAutoWidth(true).setFlexGrow(0)
                .setPartNameGenerator(e -> e.amount() < 0 ? "debit" : "credit");
        history.addColumn(CreditEntry::balanceAfter).setHeader("Balance").setAutoWidth(true).setFlexGrow(0);
        history.addColumn(CreditEntry::reason).setHeader("Reason").setFlexGrow(1);
        history.setAllRowsVisible(true);
        history.setEmptyStateText("No credits yet: grants, purchases and usage appear here.");
        return history;
    }

    private void refresh() {
        CreditBalance now = credits.balance(owner);
        balance.setText(CreditWords.count(now.balance()));
        reserved.setText(now.reserved() > 0 ? CreditWords.count(now.reserved()) + " held for work in progress" : "");
        entries.clear();
        nextCursor = null;
        append(credits.entries(owner, null, PAGE));
    }

    private void loadMore() {
        if (nextCursor != null) append(credits.entries(owner, nextCursor, PAGE));
    }

    private void append(CreditPage page) {
        entries.addAll(page.items());
        nextCursor = page.nextCursor();
        history.setItems(entries);
        more.setVisible(nextCursor != null);
        drawChart();
    }

    /** The balance after each entry loaded, oldest first. */
    private void drawChart() {
        chart.removeAll();
        if (entries.size() < 2) return;
        List<Double> values = new ArrayList<>();
        for (int i = entries.size() - 1; i >= 0; i--) values.add((double) entries.get(i).balanceAfter());
        chart.add(LineChart.of("credit-balance-chart", "Balance after each entry", List.of(
                new LineChart.Series("balance", "line-balance", values)), 0));
    }
}
