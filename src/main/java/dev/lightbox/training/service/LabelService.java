package dev.lightbox.training.service;

import dev.lightbox.training.domain.PredictionRepository;
import dev.lightbox.library.service.PhotoLabels;
import dev.lightbox.library.service.PhotoSearch;
import dev.lightbox.library.service.PhotoService;
import dev.lightbox.training.service.LabelException.Reason;
import dev.lightbox.training.domain.LabelRepository;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Labels on a user's photos: lower case, 1–40 letters, digits, spaces, '-' or '_', at most
 * {@link #MAX_PER_PHOTO} per photo. Every read and write is scoped to the owner.
 */
@Service
public class LabelService implements PhotoLabels {

    public static final int MAX_LENGTH = 40;
    public static final int MAX_PER_PHOTO = 20;
    private static final Pattern ALLOWED = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} _-]*");

    private final LabelRepository repository;
    private final PhotoService photos;
    private final PredictionRepository predictions;
    private final PhotoSearch search;

    LabelService(LabelRepository repository, PhotoService photos, PredictionRepository predictions, PhotoSearch search) {
        this.repository = repository;
        this.photos = photos;
        this.predictions = predictions;
        this.search = search;
    }

    @Override
    @Transactional(readOnly = true)
    public List<LabelCount> predictedLabels(UUID ownerId) {
        return predictions.activeLabels(ownerId);
    }

    /** The label as stored, or why it cannot be one. */
    public static String normalise(String label) {
        String clean = label == null ? "" : label.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        if (clean.isEmpty() || clean.length() > MAX_LENGTH || !ALLOWED.matcher(clean).matches()) {
            throw new LabelException(Reason.INVALID, "labels: “" + label + "” is not a label; use 1 to " + MAX_LENGTH
                    + " letters, digits, spaces, '-' or '_', starting with a letter or digit.");
        }
        return clean;
    }

    /** Replaces a photo's labels; returns them as stored, sorted. */
    @Transactional
    public List<String> setLabels(UUID owner, UUID photoId, List<String> labels) {
        requirePhoto(owner, photoId);
        var clean = new LinkedHashSet<String>();
        for (String label : labels == null ? List.<String>of() : labels) clean.add(normalise(label));
        if (clean.size() > MAX_PER_PHOTO) throw new LabelException(Reason.INVALID, "labels: at most " + MAX_PER_PHOTO + " labels per photo.");
        repository.clear(owner, photoId);
        for (String label : clean) repository.insert(owner, photoId, label);
        List<String> stored = labelsOf(owner, photoId);
        search.replace(owner, photoId, "labels", String.join(" ", stored));
        return stored;
    }

    @Transactional(readOnly = true)
    public List<String> labelsOf(UUID owner, UUID photoId) {
        return repository.labelsOf(owner, photoId);
    }

    @Override
    @Transactional(readOnly = true)
    public List<LabelCount> labels(UUID ownerId) {
        return repository.counts(ownerId);
    }

    @Override
    @Transactional
    public int addLabel(UUID ownerId, Collection<UUID> photoIds, String label) {
        String clean = normalise(label);
        int added = 0;
        for (UUID photoId : photoIds) {
            if (photos.find(ownerId, photoId).isEmpty()) continue;
            List<String> existing = labelsOf(ownerId, photoId);
            if (existing.contains(clean)) continue;
            if (existing.size() >= MAX_PER_PHOTO) {
                throw new LabelException(Reason.INVALID, "labels: a photo already has " + MAX_PER_PHOTO + " labels, the most it can have.");
            }
            repository.insert(ownerId, photoId, clean);
            search.replace(ownerId, photoId, "labels", String.join(" ", labelsOf(ownerId, photoId)));
            added++;
        }
        return added;
    }

    /** The owner's photos with this label, for datasets. */
    @Transactional(readOnly = true)
    public List<UUID> photosWith(UUID owner, String label) {
        return repository.photosWith(owner, normalise(label));
    }

    private void requirePhoto(UUID owner, UUID photoId) {
        if (photos.find(owner, photoId).isEmpty()) throw new LabelException(Reason.NOT_FOUND, "No such photo.");
    }
}
