package dev.lightbox.coach.demo;

import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jspecify.annotations.Nullable;

/**
 * What the demo library holds, decided up front and deterministically (seeded): each photo's source picture, variant,
 * camera and capture time over the last 12 months, and the skin diary's check-in times with a flare-up. Pure logic.
 */
record DemoPlan(List<Shot> photos, List<SkinShot> skin) {

    /** The real pictures shipped in resources/demo/photos, with the label a photo of each gets (null: unlabelled). */
    enum Source {
        ASTRONAUT("astronaut.jpg", "people"), CHELSEA("chelsea.jpg", "cat"), COFFEE("coffee.jpg", "coffee"), CAMERA("camera.jpg", null),
        ROCKET("rocket.jpg", "space"), HUBBLE("hubble_deep_field.jpg", "space"), BRICK("brick.jpg", "texture"),
        GRASS("grass.jpg", "texture"), GRAVEL("gravel.jpg", "texture"),
        /** Generated pictures: gradients, shapes, stripes. */
        GRADIENT(null, "abstract"), SHAPES(null, "abstract"), STRIPES(null, "abstract");

        final @Nullable String file;
        final @Nullable String label;

        Source(@Nullable String file, @Nullable String label) {
            this.file = file;
            this.label = label;
        }
    }

    /** How a picture is changed before upload, so attributes and scores spread out. */
    enum Variant { ORIGINAL, CROP, BRIGHTER, DARKER, BLUR, STRONG_BLUR, WARM, COOL, MUTED, NOISE }

    /** A camera: its EXIF make and model, and the variants its photos tend to get (so "compare by camera" differs). */
    enum Camera {
        FUJI("FUJIFILM", "X-T30", List.of(Variant.ORIGINAL, Variant.WARM, Variant.CROP, Variant.BRIGHTER, Variant.MUTED)),
        CANON("Canon", "Canon EOS R6", List.of(Variant.ORIGINAL, Variant.CROP, Variant.ORIGINAL, Variant.COOL, Variant.DARKER)),
        PIXEL("Google", "Pixel 7", List.of(Variant.BLUR, Variant.NOISE, Variant.DARKER, Variant.STRONG_BLUR, Variant.ORIGINAL, Variant.BRIGHTER));

        final String make;
        final String model;
        final List<Variant> variants;

        Camera(String make, String model, List<Variant> variants) {
            this.make = make;
            this.model = model;
            this.variants = variants;
        }
    }

    /** One library photo: {@code seed} varies crops, colours and generated shapes. */
    record Shot(int index, Source source, Variant variant, Camera camera, LocalDateTime takenAt, long seed) {
        @Nullable String label() {
            return source.label;
        }
    }

    /** One skin check-in: {@code flare} 0..1 is how much redness the cheeks get. */
    record SkinShot(int index, LocalDateTime takenAt, double flare) {
    }

    static final int PHOTOS = 150;
    static final int CHECKINS = 42;
    static final int MONTHS = 12;

    static DemoPlan of(LocalDateTime now, int photoCount, int checkinCount) {
        var random = new Random(19);
        LocalDateTime start = now.minusMonths(MONTHS).plusDays(2).truncatedTo(ChronoUnit.DAYS);
        long spanMinutes = ChronoUnit.MINUTES.between(start, now.minusHours(2));
        var photos = new ArrayList<Shot>(photoCount);
        Source[] sources = Source.values();
        Camera[] cameras = Camera.values();
        for (int i = 0; i < photoCount; i++) {
            // evenly spread with a little jitter, between 07:00 and 21:59
            long at = spanMinutes * i / Math.max(1, photoCount - 1);
            LocalDateTime day = start.plusMinutes(at).truncatedTo(ChronoUnit.DAYS);
            LocalDateTime taken = day.plusHours(7 + random.nextInt(15)).plusMinutes(random.nextInt(60)).plusSeconds(random.nextInt(60));
            if (taken.isAfter(now.minusHours(1))) taken = now.minusHours(1).truncatedTo(ChronoUnit.SECONDS);
            Source source = sources[i % sources.length];
            Camera camera = cameras[(i / sources.length + i) % cameras.length];
            Variant variant = camera.variants.get(random.nextInt(camera.variants.size()));
            photos.add(new Shot(i, source, variant, camera, taken, random.nextLong()));
        }
        var skin = new ArrayList<SkinShot>(checkinCount);
        LocalDateTime at = now.minusDays(2).truncatedTo(ChronoUnit.DAYS).plusHours(8);
        var times = new ArrayList<LocalDateTime>();
        for (int i = 0; i < checkinCount; i++) {
            times.addFirst(at.plusMinutes(random.nextInt(90)));
            at = at.minusDays(7 + random.nextInt(3)); // every 7 to 9 days
        }
        int flareFrom = checkinCount / 2;
        for (int i = 0; i < checkinCount; i++) skin.add(new SkinShot(i, times.get(i), flare(i - flareFrom)));
        return new DemoPlan(photos, skin);
    }

    /**
     * The flare-up over about three weeks: rising for two check-ins, a peak, then two check-ins of recovery;
     * 0 before and after.
     */
    static double flare(int sinceStart) {
        return switch (sinceStart) {
            case 0 -> 0.4;
            case 1 -> 0.8;
            case 2 -> 1.0;
            case 3 -> 0.6;
            case 4 -> 0.25;
            default -> 0.0;
        };
    }
}
