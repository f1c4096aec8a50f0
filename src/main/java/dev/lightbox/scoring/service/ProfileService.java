package dev.lightbox.scoring.service;

import dev.lightbox.analysis.Attribute;
import dev.lightbox.library.service.PhotoRanking;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The library profile, computed on demand from the cached attributes and stored scores and kept until
 * the library or its scores change (a fingerprint of the stored scores, read from the database, so a
 * worker node re-scoring or analysing invalidates it on every node).
 */
@Service
public class ProfileService {

    private static final int MAX_SUGGESTIONS = 5;

    private final ScoreStore store;
    private final ScoreInputs inputs;
    private final ScoringConfigService configs;
    private final Clock clock;
    private final Map<UUID, Cached> cache = new ConcurrentHashMap<>();

    ProfileService(ScoreStore store, ScoreInputs inputs, ScoringConfigService configs, Clock clock) {
        this.store = store;
        this.inputs = inputs;
        this.configs = configs;
        this.clock = clock;
    }

    private record Cached(String fingerprint, LibraryProfile profile) {
    }

    /** One analysed and scored photo, reduced to what the profile reads. */
    record Sample(double score, boolean passed, double brightness, double contrast, double sharpness, double noise, double thirds,
                  double tilt, double faces, double colorfulness, double saturation, String exposure) {
    }

    /** Empty while no photo of the owner is analysed and scored. (Read-write: the presets are created on first use.) */
    @Transactional
    public Optional<LibraryProfile> profile(UUID owner) {
        ScoringConfig config = configs.active(owner);
        String fingerprint = store.fingerprint(owner) + ":" + config.id();
        Cached cached = cache.get(owner);
        if (cached != null && cached.fingerprint().equals(fingerprint)) return Optional.of(cached.profile());
        List<Sample> samples = samples(owner);
        if (samples.isEmpty()) return Optional.empty();
        LibraryProfile profile = compute(samples, config, clock.instant());
        cache.put(owner, new Cached(fingerprint, profile));
        return Optional.of(profile);
    }

    private List<Sample> samples(UUID owner) {
        var scores = new HashMap<UUID, PhotoRanking.Ranked>();
        store.scores(owner).forEach(r -> scores.put(r.photoId(), r));
        var samples = new ArrayList<Sample>(scores.size());
        inputs.forEachAnalysed(owner, (photoId, a) -> {
            PhotoRanking.Ranked rank = scores.get(photoId);
            if (rank == null) return;
            samples.add(new Sample(rank.score(), rank.passed(), Attribute.BRIGHTNESS.number(a), Attribute.CONTRAST.number(a),
                    Attribute.SHARPNESS.number(a), Attribute.NOISE.number(a), Attribute.THIRDS.number(a), Attribute.HORIZON_TILT.number(a),
                    Attribute.FACE_COUNT.number(a), Attribute.COLORFULNESS.number(a), Attribute.SATURATION.number(a),
                    a.get(Attribute.EXPOSURE.key()) instanceof String e ? e : "ok"));
        });
        return samples;
    }

    static LibraryProfile compute(List<Sample> samples, ScoringConfig config, java.time.Instant now) {
        int n = samples.size();
        double[] scores = samples.stream().mapToDouble(Sample::score).sorted().toArray();
        int[] histogram = new int[10];
        for (double s : scores) histogram[Math.min(9, (int) (s / 10))]++;
        double meanScore = mean(samples, Sample::score);
        var scoreStats = new LibraryProfile.Scores(round(meanScore), round(spread(samples, Sample::score, meanScore)),
                round(scores[n / 2]), share(samples, Sample::passed), histogram);

        double brightness = mean(samples, Sample::brightness);
        var exposure = new LibraryProfile.Exposure(brightness < 0.38 ? "dark and moody" : brightness > 0.6 ? "bright and airy" : "balanced",
                round(brightness), share(samples, s -> s.exposure().equals("under")), share(samples, s -> s.exposure().equals("ok")),
                share(samples, s -> s.exposure().equals("over")));
        double contrast = mean(samples, Sample::contrast);
        var contrastStats = new LibraryProfile.Contrast(contrast > 0.45 ? "punchy" : contrast < 0.25 ? "soft" : "moderate", round(contrast));
        double thirds = mean(samples, Sample::thirds);
        double tilted = share(samples, s -> Math.abs(s.tilt()) >= 1.5);
        var composition = new LibraryProfile.Composition(
                thirds >= 0.5 ? "subjects on the thirds lines" : thirds < 0.3 ? "centred or spread-out subjects" : "mixed placement",
                round(thirds), tilted, round(mean(samples, s -> Math.abs(s.tilt()))));
        double withFaces = share(samples, s -> s.faces() >= 1);
        var subjects = new LibraryProfile.Subjects(withFaces >= 0.6 ? "mostly people" : withFaces <= 0.2 ? "mostly scenes without people" : "people and scenes",
                withFaces, round(1 - withFaces), round(mean(samples, Sample::faces)));
        double colourfulness = mean(samples, Sample::colorfulness);
        var colour = new LibraryProfile.Colour(colourfulness > 60 ? "vivid" : colourfulness < 25 ? "muted" : "natural", round(colourfulness),
                round(mean(samples, Sample::saturation)));

        var byScore = new ArrayList<>(samples);
        byScore.sort(Comparator.comparingDouble(Sample::score).reversed());
        int decile = Math.max(1, n / 10);
        List<Sample> top = byScore.subList(0, decile);
        List<Sample> bottom = byScore.subList(n - decile, n);
        List<String> topTraits = traits(top, samples, "Your best");
        List<String> bottomTraits = traits(bottom, samples, "Your weakest");
        return new LibraryProfile(n, config.name(), scoreStats, exposure, contrastStats, composition, subjects, colour, topTraits, bottomTraits,
                suggestions(samples, top, bottom, scoreStats, exposure, composition, subjects, config), now);
    }

    private record Trait(String name, String more, String less, ToDoubleFunction<Sample> value) {
    }

    private static final List<Trait> TRAITS = List.of(
            new Trait("sharpness", "sharper", "softer", Sample::sharpness),
            new Trait("brightness", "brighter", "darker", Sample::brightness),
            new Trait("contrast", "more contrasty", "flatter", Sample::contrast),
            new Trait("noise", "noisier", "cleaner", Sample::noise),
            new Trait("rule of thirds", "better placed on the thirds", "less well placed", Sample::thirds),
            new Trait("colourfulness", "more colourful", "less colourful", Sample::colorfulness),
            new Trait("faces", "more often of people", "less often of people", Sample::faces));

    /** The three attributes in which {@code group} differs most from the whole library (in standard deviations). */
    static List<String> traits(List<Sample> group, List<Sample> all, String who) {
        var differences = new LinkedHashMap<Trait, Double>();
        for (Trait trait : TRAITS) {
            double mean = mean(all, trait.value());
            double spread = spread(all, trait.value(), mean);
            if (spread < 1e-9) continue;
            differences.put(trait, (mean(group, trait.value()) - mean) / spread);
        }
        return differences.entrySet().stream()
                .filter(e -> Math.abs(e.getValue()) >= 0.2)
                .sorted(Comparator.comparingDouble((Map.Entry<Trait, Double> e) -> Math.abs(e.getValue())).reversed())
                .limit(3)
                .map(e -> {
                    Trait trait = e.getKey();
                    double groupMean = mean(group, trait.value());
                    double mean = mean(all, trait.value());
                    return String.format("%s photos are %s than your average (%s %s vs %s)", who, e.getValue() > 0 ? trait.more() : trait.less(),
                            trait.name(), format(groupMean), format(mean));
                }).toList();
    }

    static List<String> suggestions(List<Sample> all, List<Sample> top, List<Sample> bottom, LibraryProfile.Scores scores,
                                    LibraryProfile.Exposure exposure, LibraryProfile.Composition composition, LibraryProfile.Subjects subjects,
                                    ScoringConfig config) {
        var out = new ArrayList<String>();
        if (exposure.underShare() >= 0.2) {
            out.add(String.format("%.0f%% of your photos are underexposed: in dim light add +0.7 EV of exposure compensation or raise the ISO.",
                    100 * exposure.underShare()));
        }
        if (exposure.overShare() >= 0.15) {
            out.add(String.format("%.0f%% of your photos are overexposed: expose for the highlights (−0.7 EV) and lift shadows later.",
                    100 * exposure.overShare()));
        }
        double topSharp = mean(top, Sample::sharpness);
        double bottomSharp = mean(bottom, Sample::sharpness);
        if (topSharp - bottomSharp >= 0.2) {
            out.add(String.format("Your weakest photos are soft (sharpness %.2f vs %.2f in your best): use a faster shutter speed or steady the camera.",
                    bottomSharp, topSharp));
        }
        if (composition.tiltedShare() >= 0.15) {
            out.add(String.format("%.0f%% of your horizons tilt by 1.5° or more: turn on the camera's level or grid, or straighten when editing.",
                    100 * composition.tiltedShare()));
        }
        if (composition.meanThirds() < 0.3) {
            out.add(String.format("Subjects rarely sit on the rule-of-thirds lines (%.2f on average): try placing them off-centre.", composition.meanThirds()));
        }
        if (mean(all, Sample::noise) >= 0.4) out.add(String.format("Noise is high across the library (%.2f): use a lower ISO or more light.", mean(all, Sample::noise)));
        if (config.weights().getOrDefault("faces", 0.0) > 0 && subjects.withFacesShare() < 0.2) {
            out.add(String.format("Your active config “%s” rewards faces, but only %.0f%% of your photos show one: a config without the faces weight fits your library better.",
                    config.name(), 100 * subjects.withFacesShare()));
        }
        if (scores.passedShare() < 0.5) {
            out.add(String.format("Only %.0f%% of your photos pass the thresholds of “%s”: review the cull list, or loosen the thresholds.",
                    100 * scores.passedShare(), config.name()));
        }
        if (out.size() < 3 && scores.spread() < 8) {
            out.add(String.format("Scores bunch together (spread %.1f): culling the bottom 10%% would make your best stand out.", scores.spread()));
        }
        if (out.size() < 3) {
            out.add(String.format("Your best 10%% score %.0f or more: open “Best of” and keep shooting what they have in common.",
                    top.getLast().score()));
        }
        if (out.size() < 3) {
            out.add(String.format("Your weakest 10%% score %.0f or less: the cull list in “Best of” shows them with their reasons.",
                    bottom.getFirst().score()));
        }
        if (out.size() < 3) out.add("Try the Portrait, Landscape and Technical presets on the Scoring page to see your library through other eyes.");
        return out.stream().limit(MAX_SUGGESTIONS).toList();
    }

    private static double mean(List<Sample> samples, ToDoubleFunction<Sample> value) {
        return samples.stream().mapToDouble(value).average().orElse(0);
    }

    private static double spread(List<Sample> samples, ToDoubleFunction<Sample> value, double mean) {
        return Math.sqrt(samples.stream().mapToDouble(s -> Math.pow(value.applyAsDouble(s) - mean, 2)).average().orElse(0));
    }

    private static double share(List<Sample> samples, java.util.function.Predicate<Sample> test) {
        return round(samples.stream().filter(test).count() / (double) samples.size());
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    private static String format(double value) {
        return Math.abs(value) >= 10 ? String.format("%.0f", value) : String.format("%.2f", value);
    }
}
