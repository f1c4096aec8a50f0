package dev.lightbox.skin.service;

/** How a photo came into the diary: the Skin page, the REST API, an existing photo's page or the Telegram bot. */
public enum CheckinSource {
    WEB, API, PHOTO, BOT
}
