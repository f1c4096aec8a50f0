package dev.lightbox.coach.demo;

import dev.lightbox.account.service.AccountException;
import dev.lightbox.account.service.AccountService;
import dev.lightbox.analysis.Attribute;
import dev.lightbox.library.service.PhotoLabels;
import dev.lightbox.library.service.PhotoUploadService;
import dev.lightbox.scoring.service.ScoringConfig;
import dev.lightbox.scoring.service.ScoringConfigService;
import dev.lightbox.skin.service.CheckinSource;
import dev.lightbox.skin.service.SkinDiaryService;
import dev.lightbox.training.service.ModelRequest;
import dev.lightbox.training.service.RatingService;
import dev.lightbox.training.service.TrainingService;
import java.io.ByteArrayInputStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The demo library ({@code LIGHTBOX_DEMO=true}): creates {@value #EMAIL} with a generated password, logged once, and fills
 * it through each module's own services (uploads, labels, ratings, a scoring config, skin check-ins, a model training), so
 * the analysis, scoring and skin jobs run as for anything a person adds. Does nothing once the account exists; when
 * several nodes start together, the one whose account creation wins fills it. A failing part is logged and the rest go on.
 */
@Service
public class DemoLibrary {

    public static final String EMAIL = "demo@lightbox.local";
    static final int PASSWORD_LENGTH = 20;
    private static final String PASSWORD_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
    private static final Logger log = LoggerFactory.getLogger(DemoLibrary.class);

    /** How much to seed: the real demo is {@link #FULL}; tests may ask for less. */
    public record Size(int photos, int checkins) {
        public static final Size FULL = new Size(DemoPlan.PHOTOS, DemoPlan.CHECKINS);
    }

    private final AccountService accounts;
    private final PhotoUploadService uploads;
    private final PhotoLabels labels;
    private final RatingService ratings;
    private final ScoringConfigService configs;
    private final SkinDiaryService skin;
    private final TrainingService training;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    DemoLibrary(AccountService accounts, PhotoUploadService uploads, PhotoLabels labels, RatingService ratings, ScoringConfigService configs,
                SkinDiaryService skin, TrainingService training, Clock clock) {
        this.accounts = accounts;
        this.uploads = uploads;
        this.labels = labels;
        this.ratings = ratings;
        this.configs = configs;
        this.skin = skin;
        this.training = training;
        this.clock = clock;
    }

    /** Creates and fills the demo account unless it exists; true when this call created it. */
    public boolean seed(Size size) {
        if (accounts.exists(EMAIL)) return false;
        String password = password();
        UUID owner;
        try {
            owner = accounts.createUser(EMAIL, password).id();
        } catch (AccountException e) {
            if (e.reason() == AccountException.Reason.EMAIL_TAKEN) return false; // another node made it first
            throw e;
        }
        log.info("Demo account: {} / {}", EMAIL, password);
        long started = System.nanoTime();
        DemoPlan plan = DemoPlan.of(LocalDateTime.now(clock), size.photos(), size.checkins());
        List<Uploaded> photos = uploadPhotos(owner, plan);
        part("labels", () -> label(owner, photos));
        part("ratings", () -> rate(owner, photos));
        part("scoring config", () -> scoringConfig(owner));
        part("skin diary", () -> skinDiary(owner, plan));
        part("model training", () -> train(owner, photos));
        log.info("Demo library filled: {} photos, {} skin check-ins in {} ms", photos.size(), plan.skin().size(),
                (System.nanoTime() - started) / 1_000_000);
        return true;
    }

    private record Uploaded(UUID id, DemoPlan.Shot shot) {
    }

    private List<Uploaded> uploadPhotos(UUID owner, DemoPlan plan) {
        var done = new ArrayList<Uploaded>();
        int failed = 0;
        for (DemoPlan.Shot shot : plan.photos()) {
            try {
                byte[] jpeg = DemoImages.photo(shot);
                String name = "demo-%03d-%s.jpg".formatted(shot.index(), shot.source().name().toLowerCase(java.util.Locale.ROOT));
                done.add(new Uploaded(uploads.upload(owner, name, new ByteArrayInputStream(jpeg)).photo().id(), shot));
            } catch (Exception e) {
                if (failed++ == 0) log.warn("Demo library: a photo upload failed ({}); going on with the others", e.toString());
            }
        }
        if (failed > 0) log.warn("Demo library: {} of {} photo uploads failed", failed, plan.photos().size());
        return done;
    }

    private void label(UUID owner, List<Uploaded> photos) {
        var byLabel = new LinkedHashMap<String, List<UUID>>();
        for (Uploaded photo : photos) {
            String label = photo.shot().label();
            if (label != null) byLabel.computeIfAbsent(label, l -> new ArrayList<>()).add(photo.id());
        }
        byLabel.forEach((label, ids) -> labels.addLabel(owner, ids, label));
    }

    /** About 20 ratings: sharper, unchanged photos rate higher than blurred, dark or noisy ones. */
    private void rate(UUID owner, List<Uploaded> photos) {
        int step = Math.max(1, photos.size() / 20);
        for (int i = 0; i < photos.size(); i += step) {
            Uploaded photo = photos.get(i);
            int stars = switch (photo.shot().variant()) {
                case ORIGINAL, CROP -> photo.shot().source().file == null ? 3 : 5;
                case WARM, COOL, BRIGHTER -> 4;
                case MUTED -> 3;
                case BLUR, NOISE, DARKER -> 2;
                case STRONG_BLUR -> 1;
            };
            ratings.rate(owner, photo.id(), stars);
        }
    }

    private void scoringConfig(UUID owner) {
        Map<String, Double> weights = new LinkedHashMap<>();
        weights.put(Attribute.COLORFULNESS.weight(), 1.0);
        weights.put(Attribute.BRIGHTNESS.weight(), 0.8);
        weights.put(Attribute.CONTRAST.weight(), 0.6);
        weights.put(Attribute.SATURATION.weight(), 0.5);
        weights.put(Attribute.SHARPNESS.weight(), 0.4);
        configs.create(owner, "Colour and light", weights, ScoringConfig.Thresholds.NONE);
    }

    private void skinDiary(UUID owner, DemoPlan plan) throws Exception {
        for (DemoPlan.SkinShot shot : plan.skin()) {
            skin.upload(owner, "demo-skin-%02d.jpg".formatted(shot.index()), new ByteArrayInputStream(DemoImages.face(shot)), CheckinSource.WEB);
        }
    }

    /** The smallest training on the two most used labels. */
    private void train(UUID owner, List<Uploaded> photos) {
        List<String> top = training.labelCounts(owner).stream()
                .filter(count -> count.photos() >= training.minPhotosPerLabel())
                .sorted(Comparator.comparingLong(PhotoLabels.LabelCount::photos).reversed())
                .limit(2).map(PhotoLabels.LabelCount::label).toList();
        if (top.size() < 2) {
            log.warn("Demo library: no model training, fewer than two labels have {} photos", training.minPhotosPerLabel());
            return;
        }
        training.start(owner, new ModelRequest("Demo: " + top.get(0) + " or " + top.get(1), top, "small-cnn", 16, 1, 8, null, null));
    }

    private interface Part {
        void run() throws Exception;
    }

    private static void part(String name, Part part) {
        try {
            part.run();
        } catch (Exception e) {
            log.warn("Demo library: the {} part failed: {}", name, e.toString());
        }
    }

    String password() {
        var chars = new char[PASSWORD_LENGTH];
        for (int i = 0; i < chars.length; i++) chars[i] = PASSWORD_CHARS.charAt(random.nextInt(PASSWORD_CHARS.length()));
        return new String(chars);
    }
}
