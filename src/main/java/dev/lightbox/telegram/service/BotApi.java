package dev.lightbox.telegram.service;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lightbox.telegram.TelegramProperties;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.methods.GetFile;
import org.telegram.telegrambots.meta.api.methods.GetMe;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.send.SendPhoto;
import org.telegram.telegrambots.meta.api.methods.updates.DeleteWebhook;
import org.telegram.telegrambots.meta.api.methods.updates.GetUpdates;
import org.telegram.telegrambots.meta.api.methods.updates.SetWebhook;
import org.telegram.telegrambots.meta.api.objects.File;
import org.telegram.telegrambots.meta.api.objects.InputFile;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

/**
 * The Bot API calls the bot makes, through TelegramBots' client against {@code LIGHTBOX_TELEGRAM_API_URL}. Files
 * are downloaded here from the same base ({@code /file/bot<token>/<path>}): the library's own download always
 * goes to api.telegram.org. Every failure it throws is {@link BotApiException}, whose message never holds the token.
 */
public class BotApi {

    /** Telegram lets bots download files up to this size; larger ones cannot be fetched at all. */
    public static final long MAX_DOWNLOAD_BYTES = 20L * 1024 * 1024;
    private static final Pattern FILE_PATH = Pattern.compile("[A-Za-z0-9_.\\-/]{1,256}");
    static final List<String> ALLOWED_UPDATES = List.of("message");

    private final TelegramProperties settings;
    private final String token;
    private final OkHttpTelegramClient client;
    private final OkHttpClient downloads;
    private final Redactor redactor;
    private volatile @Nullable String username;

    public BotApi(TelegramProperties settings) {
        this.settings = settings;
        this.token = settings.requireToken();
        this.redactor = new Redactor(token);
        URI base = settings.apiUrl();
        int port = base.getPort() != -1 ? base.getPort() : base.getScheme().equalsIgnoreCase("https") ? 443 : 80;
        Duration poll = settings.pollTimeout();
        OkHttpClient http = new OkHttpClient.Builder()
                .connectTimeout(10, TimeUnit.SECONDS)
                .readTimeout(poll.plusSeconds(15).toMillis(), TimeUnit.MILLISECONDS)
                .writeTimeout(30, TimeUnit.SECONDS)
                .build();
        ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        this.client = new OkHttpTelegramClient(json, http, token, new TelegramUrl(base.getScheme().toLowerCase(java.util.Locale.ROOT), base.getHost(), port, false));
        this.downloads = http.newBuilder().callTimeout(settings.downloadTimeout().toMillis(), TimeUnit.MILLISECONDS).build();
    }

    Redactor redactor() {
        return redactor;
    }

    /** The bot's @username (without @), asked once with getMe. */
    public String username() {
        String known = username;
        if (known != null) return known;
        var me = call("getMe", () -> client.execute(new GetMe()));
        String name = me.getUserName() == null ? "" : me.getUserName();
        username = name;
        return name;
    }

    List<Update> updates(long offset, Duration timeout) {
        var request = GetUpdates.builder().offset(Math.toIntExact(offset)).timeout(Math.toIntExact(timeout.toSeconds()))
                .limit(100).allowedUpdates(ALLOWED_UPDATES).build();
        return call("getUpdates", () -> client.execute(request));
    }

    void sendText(long chatId, String text) {
        call("sendMessage", () -> client.execute(SendMessage.builder().chatId(chatId).text(text).build()));
    }

    void sendPhoto(long chatId, byte[] image, String fileName, @Nullable String caption) {
        var photo = SendPhoto.builder().chatId(chatId).photo(new InputFile(new ByteArrayInputStream(image), fileName));
        if (caption != null) photo.caption(caption);
        call("sendPhoto", () -> client.execute(photo.build()));
    }

    void setWebhook(String url, String secret) {
        call("setWebhook", () -> client.execute(SetWebhook.builder().url(url).secretToken(secret).allowedUpdates(ALLOWED_UPDATES).build()));
    }

    void deleteWebhook() {
        call("deleteWebhook", () -> client.execute(new DeleteWebhook()));
    }

    File file(String fileId) {
        return call("getFile", () -> client.execute(new GetFile(fileId)));
    }

    /**
     * Streams the file at {@code filePath} (from getFile) from the configured base, refusing more than
     * {@link #MAX_DOWNLOAD_BYTES} and anything slower than {@code LIGHTBOX_TELEGRAM_DOWNLOAD_TIMEOUT} in all.
     */
    InputStream download(String filePath) {
        if (!FILE_PATH.matcher(filePath).matches() || filePath.contains("..")) throw new BotApiException("getFile answered an unusable file path");
        Request request = new Request.Builder().url(settings.apiBase() + "/file/bot" + token + "/" + filePath).get().build();
        Response response;
        try {
            response = downloads.newCall(request).execute();
        } catch (IOException e) {
            throw new BotApiException("The file download failed: " + redactor.scrub(e.toString()));
        }
        ResponseBody body = response.body();
        if (!response.isSuccessful() || body == null) {
            response.close();
            throw new BotApiException("The file download answered HTTP " + response.code());
        }
        if (body.contentLength() > MAX_DOWNLOAD_BYTES) {
            response.close();
            throw new FileTooLargeException();
        }
        return new Bounded(body.byteStream(), response);
    }

    /** A response body that stops with {@link FileTooLargeException} past the limit and closes the response. */
    private static final class Bounded extends FilterInputStream {
        private final Response response;
        private long read;

        Bounded(InputStream in, Response response) {
            super(in);
            this.response = response;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) count(1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int off, int len) throws IOException {
            int n = super.read(buffer, off, len);
            if (n > 0) count(n);
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > MAX_DOWNLOAD_BYTES) throw new FileTooLargeException();
        }

        @Override
        public void close() {
            response.close();
        }
    }

    private interface Call<T> {
        T run() throws TelegramApiException;
    }

    private <T> T call(String method, Call<T> call) {
        try {
            return call.run();
        } catch (TelegramApiException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new BotApiException(method + " failed: " + redactor.scrub(e.getMessage() + (cause == e ? "" : " (" + cause + ")")));
        } catch (RuntimeException e) {
            throw new BotApiException(method + " failed: " + redactor.scrub(e.toString()));
        }
    }

    /** A Bot API call that did not work; the message is safe to log. */
    public static class BotApiException extends RuntimeException {
        public BotApiException(String message) {
            super(message, null, false, false);
        }
    }

    /** A file over Telegram's 20 MB download limit. */
    public static final class FileTooLargeException extends BotApiException {
        public FileTooLargeException() {
            super("The file is larger than the 20 MB a bot may download");
        }
    }
}
