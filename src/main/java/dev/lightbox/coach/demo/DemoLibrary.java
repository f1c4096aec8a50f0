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
import java.util.HashSet;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
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
    /** Skin check-ins made before the photos, so the skin page has content as early as the timeline. */
    static final int FIRST_CHECKINS = 3;
    static final int RATINGS = 20;
    private static final int UPLOAD_THREADS = 3;
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
        // what makes every page non-empty first: a config, the diary's first check-ins, enough labelled photos to train
        // on; then the rest
        List<DemoPlan.Shot> first = firstPhotos(plan.photos(), training.minPhotosPerLabel());
        var firstSet = new HashSet<>(first);
        List<DemoPlan.Shot> later = plan.photos().stream().filter(shot -> !firstSet.contains(shot)).toList();
        int earlyCheckins = Math.min(plan.skin().size(), FIRST_CHECKINS);
        int ratingStep = Math.max(1, plan.photos().size() / RATINGS);
        part("scoring config", () -> scoringConfig(owner));
        part("skin diary", () -> skinDiary(owner, plan.skin().subList(0, earlyCheckins)));
        List<Uploaded> photos = new ArrayList<>(uploadPhotos(owner, first));
        part("labels", () -> label(owner, photos));
        part("ratings", () -> rate(owner, photos, ratingStep));
        part("model training", () -> train(owner));
        log.info("Demo library: every page has content ({} photos, {} skin check-ins, a scoring config, a training) after {} ms",
                photos.size(), earlyCheckins, (System.nanoTime() - started) / 1_000_000);
        part("skin diary", () -> skinDiary(owner, plan.skin().subList(earlyCheckins, plan.skin().size())));
        List<Uploaded> rest = uploadPhotos(owner, later);
        part("labels", () -> label(owner, rest));
        part("ratings", () -> rate(owner, rest, ratingStep));
        photos.addAll(rest);
        log.info("Demo library filled: {} photos, {} skin check-ins in {} ms", photos.size(), plan.skin().size(),
                (System.nanoTime() - started) / 1_000_000);
        return true;
    }

    private record Uploaded(UUID id, DemoPlan.Shot shot) {
    }

    /**
     * The photos that go up first, in plan order: enough of the plan's two biggest labels for a training to start, and
     * one of every source, so the timeline, the label filter and the profile have variety from the start.
     */
    static List<DemoPlan.Shot> firstPhotos(List<DemoPlan.Shot> shots, int perLabel) {
        Map<String, Long> sizes = shots.stream().map(DemoPlan.Shot::label).filter(Objects::nonNull)
                .collect(Collectors.groupingBy(label -> label, LinkedHashMap::new, Collectors.counting()));
        List<String> trained = sizes.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(2).map(Map.Entry::getKey).toList();
        var taken = new LinkedHashMap<String, Integer>();
        var sources = new HashSet<DemoPlan.Source>();
        var first = new ArrayList<DemoPlan.Shot>();
        for (DemoPlan.Shot shot : shots) {
            String label = shot.label();
            boolean forTraining = label != null && trained.contains(label) && taken.getOrDefault(label, 0) < perLabel;
            if (forTraining || sources.add(shot.source())) {
                first.add(shot);
                sources.add(shot.source());
                if (label != null) taken.merge(label, 1, Integer::sum);
            }
        }
        return first;
    }

    /** Made and uploaded a few at a time (uploads wait on storage as much as on the CPU); in plan order. */
    private List<Uploaded> uploadPhotos(UUID owner, List<DemoPlan.Shot> shots) {
        var failed = new AtomicInteger();
        List<Uploaded> done = inParallel(shots, shot -> upload(owner, shot, failed)).stream().flatMap(Optional::stream).toList();
        if (failed.get() > 0) log.warn("Demo library: {} of {} photo uploads failed", failed.get(), shots.size());
        return done;
    }

    private static <T, R> List<R> inParallel(List<T> items, Function<T, R> work) {
        try (ExecutorService pool = Executors.newFixedThreadPool(UPLOAD_THREADS, Thread.ofPlatform().daemon().name("demo-upload-", 0).factory())) {
            List<Future<R>> futures = items.stream().map(item -> pool.submit(() -> work.apply(item))).toList();
            var results = new ArrayList<R>(items.size());
            for (Future<R> future : futures) results.add(future.get());
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Demo library interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Demo library upload failed", e.getCause());
        }
    }

    private Optional<Uploaded> upload(UUID owner, DemoPlan.Shot shot, AtomicInteger failed) {
        try {
            byte[] jpeg = DemoImages.photo(shot);
            String name = "demo-%03d-%s.jpg".formatted(shot.index(), shot.source().name().toLowerCase(Locale.ROOT));
            return Optional.of(new Uploaded(uploads.upload(owner, name, new ByteArrayInputStream(jpeg)).photo().id(), shot));
        } catch (Exception e) {
            if (failed.getAndIncrement() == 0) log.warn("Demo library: a photo upload failed ({}); going on with the others", e.toString());
            return Optional.empty();
        }
    }

    private void label(UUID owner, List<Uploaded> photos) {
        var byLabel = new LinkedHashMap<String, List<UUID>>();
        for (Uploaded photo : photos) {
            String label = photo.shot().label();
            if (label != null) byLabel.computeIfAbsent(label, l -> new ArrayList<>()).add(photo.id());
        }
        byLabel.forEach((label, ids) -> labels.addLabel(owner, ids, label));
    }

    /** Every {@code step}-th planned photo: sharper, unchanged photos rate higher than blurred, dark or noisy ones. */
    private void rate(UUID owner, List<Uploaded> photos, int step) {
        for (Uploaded photo : photos) {
            if (photo.shot().index() % step != 0) continue;
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

    private void skinDiary(UUID owner, List<DemoPlan.SkinShot> checkins) {
        long failed = inParallel(checkins, shot -> {
            try {
                skin.upload(owner, "demo-skin-%02d.jpg".formatted(shot.index()), new ByteArrayInputStream(DemoImages.face(shot)), CheckinSource.WEB);
                return false;
            } catch (Exception e) {
                log.warn("Demo library: a skin check-in failed: {}", e.toString());
                return true;
            }
        }).stream().filter(Boolean::booleanValue).count();
        if (failed > 0) log.warn("Demo library: {} of {} skin check-ins failed", failed, checkins.size());
    }

    /** The smallest training on the two most used labels. */
    private void train(UUID owner) {
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
