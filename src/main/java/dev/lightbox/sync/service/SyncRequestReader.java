package dev.lightbox.sync.service;

import dev.lightbox.analysis.Attribute;
import dev.lightbox.analysis.service.AnalysisService;
import dev.lightbox.library.LibraryProperties;
import dev.lightbox.library.service.SyncedPhotos;
import dev.lightbox.library.service.SyncedPhotos.SyncedPhotoFacts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a sync call's JSON into checked items, or names every problem of the call (each with the item's
 * position and the field): the whole call is checked before anything is stored.
 */
@Component
public class SyncRequestReader {

    public static final int MAX_ITEMS = 1_000;
    static final int MAX_CAMERA = 200;
    static final int MAX_LENS = 200;
    static final int MAX_FILE_NAME = 255;
    static final int MAX_SIDE = 65_535;
    static final Duration MAX_FUTURE = Duration.ofDays(1);
    /** Problems named one by one; beyond this a call-level "and N more" keeps a hostile body's answer small. */
    static final int MAX_PROBLEMS = 1_000;
    /** Years a date may carry: wide enough for any photo, narrow enough for PostgreSQL and every client. */
    public static final int FIRST_YEAR = 1800;
    public static final int LAST_YEAR = 9999;
    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

    private final JsonMapper json;
    private final LibraryProperties library;
    private final Clock clock;

    SyncRequestReader(JsonMapper json, LibraryProperties library, Clock clock) {
        this.json = json;
        this.library = library;
        this.clock = clock;
    }

    /** The call's items, checked; throws {@link SyncRejectedException} with every problem found. */
    public List<SyncItem> read(JsonNode body) {
        JsonNode items = body.isObject() ? body.get("items") : null;
        if (items == null || !items.isArray()) throw rejected(null, "items", "is required: a list of 1 to " + MAX_ITEMS + " items.");
        if (items.isEmpty()) throw rejected(null, "items", "is empty: send 1 to " + MAX_ITEMS + " items.");
        if (items.size() > MAX_ITEMS) {
            throw rejected(null, "items", "holds " + items.size() + " items; send at most " + MAX_ITEMS + " a call.");
        }
        var problems = new Problems();
        var checked = new ArrayList<SyncItem>();
        Set<String> seen = new HashSet<>();
        Instant now = clock.instant();
        for (int index = 0; index < items.size(); index++) {
            var item = new ItemReader(index, problems);
            item(item, items.get(index), seen, now).ifPresent(checked::add);
        }
        if (problems.count() > 0) throw new SyncRejectedException(problems.list());
        return checked;
    }

    private Optional<SyncItem> item(ItemReader item, JsonNode node, Set<String> seen, Instant now) {
        if (!node.isObject()) {
            item.problem(null, "must be an object {sha256, analyzerVersion, attributes, metadata, analysedAt}.");
            return Optional.empty();
        }
        int before = item.problems.count();
        String sha256 = sha256(item, node.get("sha256"), seen);
        Integer version = version(item, node.get("analyzerVersion"));
        Map<String, Object> attributes = attributes(item, node.get("attributes"));
        SyncedPhotoFacts facts = metadata(item, node.get("metadata"), sha256 == null ? "" : sha256);
        Instant analysedAt = analysedAt(item, node.get("analysedAt"), now);
        if (item.problems.count() > before || sha256 == null || version == null || facts == null || analysedAt == null) return Optional.empty();
        return Optional.of(new SyncItem(sha256, version, attributes, facts, analysedAt));
    }

    private static @Nullable String sha256(ItemReader item, @Nullable JsonNode node, Set<String> seen) {
        if (node == null || !node.isString() || !SHA256.matcher(node.stringValue()).matches()) {
            item.problem("sha256", "must be the SHA-256 of the file's bytes, 64 hex digits.");
            return null;
        }
        String sha256 = node.stringValue().toLowerCase(Locale.ROOT);
        if (!seen.add(sha256)) {
            item.problem("sha256", "is already an earlier item of this call; send each file once.");
            return null;
        }
        return sha256;
    }

    private static @Nullable Integer version(ItemReader item, @Nullable JsonNode node) {
        int current = AnalysisService.currentVersion();
        if (node == null || !node.isIntegralNumber()) {
            item.problem("analyzerVersion", "is required: the version of the analyser that computed the attributes (this server runs " + current + ").");
            return null;
        }
        if (!node.canConvertToInt() || node.intValue() != current) {
            item.problem("analyzerVersion", "is " + node.asString() + ", but this server's analyser is version " + current
                    + ": use a client from this server's release (the same jar) so both compute the same attributes.");
            return null;
        }
        return current;
    }

    private Map<String, Object> attributes(ItemReader item, @Nullable JsonNode node) {
        var attributes = new LinkedHashMap<String, Object>();
        if (node == null || node.isNull()) return attributes;
        if (!node.isObject()) {
            item.problem("attributes", "must be an object of attribute names and values.");
            return attributes;
        }
        if (node.size() > Attribute.values().length) {
            item.problem("attributes", "holds " + node.size() + " keys, more than the " + Attribute.values().length
                    + " attributes this server's analyser knows.");
            return attributes;
        }
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String field = "attributes." + entry.getKey();
            Optional<Attribute> attribute = Attribute.byKey(entry.getKey());
            if (attribute.isEmpty()) {
                item.problem(field, "is not an attribute of this server's analyser.");
                continue;
            }
            Object value = json.treeToValue(entry.getValue(), Object.class);
            Optional<String> problem = attribute.get().problem(value);
            if (problem.isPresent()) item.problem(field, problem.get());
            else attributes.put(entry.getKey(), value);
        }
        return attributes;
    }

    private @Nullable SyncedPhotoFacts metadata(ItemReader item, @Nullable JsonNode node, String sha256) {
        if (node == null || !node.isObject()) {
            item.problem("metadata", "is required: an object with at least width and height.");
            return null;
        }
        int before = item.problems.count();
        LocalDateTime takenAt = null;
        JsonNode taken = node.get("takenAt");
        if (taken != null && !taken.isNull()) {
            try {
                if (!taken.isString()) throw new DateTimeParseException("not a string", taken.toString(), 0);
                LocalDateTime parsed = LocalDateTime.parse(taken.stringValue());
                if (parsed.getYear() < FIRST_YEAR || parsed.getYear() > LAST_YEAR) {
                    item.problem("metadata.takenAt", "is in the year " + parsed.getYear() + "; a photo's date lies between " + FIRST_YEAR + " and " + LAST_YEAR + ".");
                } else {
                    takenAt = parsed;
                }
            } catch (DateTimeParseException e) {
                item.problem("metadata.takenAt", "must be a local date-time without a zone, like 2024-06-01T14:30:00.");
            }
        }
        String camera = text(item, node.get("camera"), "metadata.camera", MAX_CAMERA);
        String lens = text(item, node.get("lens"), "metadata.lens", MAX_LENS);
        String fileName = text(item, node.get("fileName"), "metadata.fileName", MAX_FILE_NAME);
        int width = side(item, node.get("width"), "metadata.width");
        int height = side(item, node.get("height"), "metadata.height");
        if (width > 0 && height > 0 && (long) width * height > library.maxPixels()) {
            item.problem("metadata.width", width + " × " + height + " is more than this server's limit of " + library.maxPixels() + " pixels.");
        }
        String format = null;
        JsonNode formatNode = node.get("format");
        if (formatNode != null && !formatNode.isNull()) {
            if (formatNode.isString() && SyncedPhotos.isFormat(formatNode.stringValue())) format = formatNode.stringValue();
            else item.problem("metadata.format", "must be one of jpeg, png, webp, tiff.");
        }
        long sizeBytes = 0;
        JsonNode size = node.get("sizeBytes");
        if (size != null && !size.isNull()) {
            if (size.isIntegralNumber() && size.canConvertToLong() && size.longValue() >= 0) sizeBytes = size.longValue();
            else item.problem("metadata.sizeBytes", "must be the file's size in bytes, a whole number ≥ 0.");
        }
        if (item.problems.count() > before) return null;
        return new SyncedPhotoFacts(sha256, takenAt, camera, lens, width, height, fileName, format, sizeBytes);
    }

    private static @Nullable String text(ItemReader item, @Nullable JsonNode node, String field, int max) {
        if (node == null || node.isNull()) return null;
        if (!node.isString() || node.stringValue().length() > max) {
            item.problem(field, "must be text of at most " + max + " characters.");
            return null;
        }
        String text = node.stringValue().strip();
        return text.isEmpty() ? null : text;
    }

    private static int side(ItemReader item, @Nullable JsonNode node, String field) {
        if (node == null || !node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 1 || node.intValue() > MAX_SIDE) {
            item.problem(field, "is required: the upright size in pixels, 1 to " + MAX_SIDE + ".");
            return 0;
        }
        return node.intValue();
    }

    private static @Nullable Instant analysedAt(ItemReader item, @Nullable JsonNode node, Instant now) {
        if (node == null || node.isNull()) return now;
        try {
            if (!node.isString()) throw new DateTimeParseException("not a string", node.toString(), 0);
            Instant at = Instant.parse(node.stringValue());
            if (!withinYears(at)) {
                item.problem("analysedAt", "must lie between the years " + FIRST_YEAR + " and " + LAST_YEAR + ".");
                return null;
            }
            if (at.isAfter(now.plus(MAX_FUTURE))) {
                item.problem("analysedAt", "is more than a day in the future; check the device's clock.");
                return null;
            }
            return at;
        } catch (DateTimeParseException e) {
            item.problem("analysedAt", "must be an instant like 2024-06-01T12:30:00Z.");
            return null;
        }
    }

    /** Whether an instant lies within {@link #FIRST_YEAR}..{@link #LAST_YEAR} (UTC). */
    public static boolean withinYears(Instant at) {
        int year = at.atOffset(java.time.ZoneOffset.UTC).getYear();
        return year >= FIRST_YEAR && year <= LAST_YEAR;
    }

    private static SyncRejectedException rejected(@Nullable Integer index, String field, String problem) {
        return new SyncRejectedException(List.of(new SyncProblem(index, field, problem)));
    }

    /** Collects one item's problems into the call's list. */
    private record ItemReader(int index, Problems problems) {
        void problem(@Nullable String field, String problem) {
            problems.add(new SyncProblem(index, field, problem));
        }
    }

    /** The call's problems: the first {@link #MAX_PROBLEMS} named, the rest counted. */
    private static final class Problems {
        private final List<SyncProblem> named = new ArrayList<>();
        private int count;

        void add(SyncProblem problem) {
            if (named.size() < MAX_PROBLEMS) named.add(problem);
            count++;
        }

        int count() {
            return count;
        }

        List<SyncProblem> list() {
            if (count == named.size()) return named;
            var list = new ArrayList<>(named);
            list.add(new SyncProblem(null, null, "and " + (count - named.size()) + " more problems; fix the ones named and send again."));
            return list;
        }
    }
}
