package dev.lightbox.scoring.service;

import dev.lightbox.scoring.domain.ScoringConfigRepository;
import dev.lightbox.scoring.service.ScoringException.Reason;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A user's scoring configs: the presets on first use, create, change, delete, and which one is active. */
@Service
public class ScoringConfigService {

    public static final int MAX_NAME = 100;

    private final ScoringConfigRepository repository;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    ScoringConfigService(ScoringConfigRepository repository, Clock clock, ApplicationEventPublisher events) {
        this.repository = repository;
        this.clock = clock;
        this.events = events;
    }

    /** The owner's configs, oldest first; the presets are created on first use, Balanced active. */
    @Transactional
    public List<ScoringConfig> list(UUID owner) {
        List<ScoringConfig> configs = query(owner, null);
        if (!configs.isEmpty()) return configs;
        repository.lockOwner(owner);
        configs = query(owner, null);
        if (!configs.isEmpty()) return configs;
        for (Presets.Preset preset : Presets.ALL.values()) {
            insert(owner, preset.name(), preset.weights(), preset.thresholds(), preset.name().equals("Balanced"));
        }
        return query(owner, null);
    }

    @Transactional
    public ScoringConfig active(UUID owner) {
        return list(owner).stream().filter(ScoringConfig::active).findFirst().orElseGet(() -> list(owner).getFirst());
    }

    @Transactional
    public Optional<ScoringConfig> find(UUID owner, UUID id) {
        list(owner);
        return query(owner, id).stream().findFirst();
    }

    @Transactional
    public ScoringConfig create(UUID owner, String name, Map<String, Double> weights, ScoringConfig.Thresholds thresholds) {
        list(owner);
        var clean = validate(name, weights, thresholds);
        try {
            return query(owner, insert(owner, name.strip(), clean, thresholds, false)).getFirst();
        } catch (DuplicateKeyException e) {
            throw new ScoringException(Reason.CONFLICT, "name: you already have a config called “" + name.strip() + "”.");
        }
    }

    @Transactional
    public ScoringConfig update(UUID owner, UUID id, String name, Map<String, Double> weights, ScoringConfig.Thresholds thresholds) {
        ScoringConfig before = find(owner, id).orElseThrow(ScoringConfigService::notFound);
        var clean = validate(name, weights, thresholds);
        try {
            repository.update(owner, id, name.strip(), clean, thresholds);
        } catch (DuplicateKeyException e) {
            throw new ScoringException(Reason.CONFLICT, "name: you already have a config called “" + name.strip() + "”.");
        }
        ScoringConfig after = query(owner, id).getFirst();
        boolean scoresChange = !after.weights().equals(before.weights()) || !after.thresholds().equals(before.thresholds());
        if (after.active() && scoresChange) events.publishEvent(new ActiveConfigChanged(owner));
        return after;
    }

    /** Deletes a config; deleting the active one makes the oldest remaining active. The last one stays. */
    @Transactional
    public void delete(UUID owner, UUID id) {
        ScoringConfig config = find(owner, id).orElseThrow(ScoringConfigService::notFound);
        if (list(owner).size() == 1) throw new ScoringException(Reason.CONFLICT, "This is your only config: create another before deleting it.");
        repository.delete(owner, id);
        if (config.active()) activate(owner, list(owner).getFirst().id());
    }

    @Transactional
    public ScoringConfig activate(UUID owner, UUID id) {
        if (find(owner, id).isEmpty()) throw notFound();
        repository.activate(owner, id);
        events.publishEvent(new ActiveConfigChanged(owner));
        return query(owner, id).getFirst();
    }

    static Map<String, Double> validate(String name, Map<String, Double> weights, ScoringConfig.Thresholds thresholds) {
        if (name == null || name.isBlank() || name.strip().length() > MAX_NAME) {
            throw new ScoringException(Reason.INVALID, "name: give the config a name of 1 to " + MAX_NAME + " characters.");
        }
        var clean = new LinkedHashMap<String, Double>();
        for (var entry : (weights == null ? Map.<String, Double>of() : weights).entrySet()) {
            if (!Reducer.ATTRIBUTES.contains(entry.getKey())) {
                throw new ScoringException(Reason.INVALID, "weights." + entry.getKey() + ": not an attribute; use one of " + String.join(", ", Reducer.ATTRIBUTES) + ".");
            }
            Double weight = entry.getValue();
            if (weight == null || !Double.isFinite(weight) || weight < 0 || weight > 1) {
                throw new ScoringException(Reason.INVALID, "weights." + entry.getKey() + ": must be between 0 and 1.");
            }
            if (weight > 0) clean.put(entry.getKey(), weight);
        }
        if (clean.isEmpty()) throw new ScoringException(Reason.INVALID, "weights: give at least one attribute a weight above 0.");
        if (thresholds.minSharpness() != null && (thresholds.minSharpness() < 0 || thresholds.minSharpness() > 1)) {
            throw new ScoringException(Reason.INVALID, "thresholds.minSharpness: must be between 0 and 1.");
        }
        if (thresholds.maxNoise() != null && (thresholds.maxNoise() < 0 || thresholds.maxNoise() > 1)) {
            throw new ScoringException(Reason.INVALID, "thresholds.maxNoise: must be between 0 and 1.");
        }
        return clean;
    }

    private UUID insert(UUID owner, String name, Map<String, Double> weights, ScoringConfig.Thresholds thresholds, boolean active) {
        return repository.insert(owner, name, weights, thresholds, active, clock.instant());
    }

    private List<ScoringConfig> query(UUID owner, @Nullable UUID id) {
        return repository.find(owner, id, ScoringConfig.Thresholds.class).stream()
                .map(row -> new ScoringConfig(row.id(), row.name(), row.weights(), row.thresholds(), row.active(), row.createdAt())).toList();
    }

    private static ScoringException notFound() {
        return new ScoringException(Reason.NOT_FOUND, "No such scoring config.");
    }
}
