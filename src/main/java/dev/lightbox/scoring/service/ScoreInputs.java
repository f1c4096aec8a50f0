package dev.lightbox.scoring.service;

import dev.lightbox.analysis.service.AnalysisService;
import dev.lightbox.scoring.domain.ScoreInputRepository;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** What scoring reads of a library: each analysed photo's inputs with its user-specific attributes added. */
@Component
class ScoreInputs {

    private final ScoreInputRepository repository;
    private final AnalysisService analyses;

    ScoreInputs(ScoreInputRepository repository, AnalysisService analyses) {
        this.repository = repository;
        this.analyses = analyses;
    }

    /** Copies a content's newest attributes (in the transaction that saved them). */
    void save(String sha256) {
        repository.save(sha256);
    }

    /** The same for every analysed content of a library that has no inputs yet, in one statement. */
    void saveMissing(UUID owner) {
        repository.saveMissing(owner);
    }

    /** The owner's analysed photos with their inputs, streamed on one connection. */
    @Transactional(readOnly = true)
    public void forEachAnalysed(UUID owner, BiConsumer<UUID, Map<String, Object>> consumer) {
        repository.forEachAnalysed(owner, ownerAttributes(owner), consumer);
    }

    /** The user-specific attributes of the owner's photos (e.g. the personal score), by photo. */
    Map<UUID, Map<String, Object>> ownerAttributes(UUID owner) {
        return analyses.ownerAttributes(owner);
    }
}
