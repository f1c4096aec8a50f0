package dev.lightbox.telegram.service;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Takes the bot token out of text headed for a log: it is part of every Bot API URL. */
final class Redactor {

    private final String token;
    private final String encoded;

    Redactor(String token) {
        this.token = token;
        this.encoded = URLEncoder.encode(token, StandardCharsets.UTF_8);
    }

    String scrub(String text) {
        return text.replace(token, "<bot-token>").replace(encoded, "<bot-token>");
    }
}
