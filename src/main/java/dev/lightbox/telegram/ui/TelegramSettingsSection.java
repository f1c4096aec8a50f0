package dev.lightbox.telegram.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AnchorTarget;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Paragraph;
import dev.lightbox.account.ui.SettingsSection;
import dev.lightbox.telegram.service.BotApi;
import dev.lightbox.telegram.service.TelegramLinkService;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.UUID;

/** "Connect Telegram" on the Settings page: a one-time t.me link with its QR code, or the linked chat and Disconnect. */
@org.springframework.stereotype.Component
class TelegramSettingsSection implements SettingsSection {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withZone(ZoneId.systemDefault());

    private final TelegramLinkService links;

    TelegramSettingsSection(TelegramLinkService links) {
        this.links = links;
    }

    @Override
    public int order() {
        return 20;
    }

    @Override
    public Component create(UUID userId) {
        return new Panel(userId);
    }

    private final class Panel extends Div {
        private final UUID userId;
        private final Div body = new Div();

        Panel(UUID userId) {
            this.userId = userId;
            setId("telegram-settings");
            add(new H2("Telegram"), body);
            show();
        }

        private void show() {
            body.removeAll();
            if (!links.botEnabled()) {
                body.add(new Paragraph("No Telegram bot is set up on this server (its operator sets LIGHTBOX_TELEGRAM_BOT_TOKEN)."));
                return;
            }
            var status = links.status(userId);
            if (status.linked()) {
                var text = new Paragraph("Connected" + (status.username() == null ? "" : " to Telegram user @" + status.username())
                        + ". Send the bot a selfie and it replies with your skin metrics.");
                text.setId("telegram-status");
                var disconnect = new Button("Disconnect", click -> {
                    links.unlink(userId);
                    show();
                });
                disconnect.setId("telegram-disconnect");
                disconnect.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
                body.add(text, disconnect);
                return;
            }
            var connect = new Button("Connect Telegram", click -> offer());
            connect.setId("telegram-connect");
            connect.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            body.add(new Paragraph("Send selfies to the Lightbox bot on Telegram and get your skin metrics back in the chat."), connect);
        }

        private void offer() {
            TelegramLinkService.LinkOffer offer;
            try {
                offer = links.createLink(userId);
            } catch (BotApi.BotApiException e) {
                body.add(new Paragraph("Telegram could not be reached just now; try again in a little while."));
                return;
            }
            body.removeAll();
            var link = new Anchor(offer.url(), offer.url(), AnchorTarget.BLANK);
            link.setId("telegram-link");
            var qr = new Image(QrCode.dataUrl(offer.url(), 220), "QR code of the Telegram link");
            qr.setId("telegram-qr");
            var done = new Button("Done", click -> show());
            body.add(new Paragraph("Open this link on the phone with Telegram, or scan the code, and press Start. It works once, until "
                    + TIME.format(offer.expiresAt()) + "."), link, new Div(qr), done);
        }
    }
}
