package dev.lightbox.skin.service;

import dev.lightbox.skin.domain.SkinRepository;
import dev.lightbox.storage.ObjectStore;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The content-keyed analysis cache. A measured face's crops go to the object store first, under keys unique to
 * this run ({@code skin/{sha256}/{run}/crop.jpg}, {@code …/annotated.jpg}), then the row that names them: a
 * crash in between leaves objects no row names, which {@link SkinSweep} removes; never a row without its objects.
 */
@Component
class SkinResults {

    static final String PREFIX = "skin/";
    private static final Logger log = LoggerFactory.getLogger(SkinResults.class);

    private final SkinRepository repository;
    private final ObjectStore store;
    private final SkinJson json;

    SkinResults(SkinRepository repository, ObjectStore store, SkinJson json) {
        this.repository = repository;
        this.store = store;
        this.json = json;
    }

    /** The status of this content's analysis by the current analyser, if there is one. */
    Optional<String> status(String sha256) {
        return repository.analysis(sha256, SkinAnalyzer.VERSION).map(SkinRepository.AnalysisRow::status);
    }

    /** Stores the outcome unless another run stored one first; returns the stored status. */
    String save(String sha256, SkinOutcome outcome) {
        SkinRepository.AnalysisRow row = switch (outcome) {
            case SkinOutcome.Refused refused -> new SkinRepository.AnalysisRow(sha256, SkinAnalyzer.VERSION, refused.status().json(), refused.reason(),
                    null, null, null, null, 0, 0, null, null);
            case SkinOutcome.Measured measured -> {
                String run = PREFIX + sha256 + "/" + UUID.randomUUID() + "/";
                String cropKey = run + "crop.jpg";
                String annotatedKey = run + "annotated.jpg";
                store.put(cropKey, new ByteArrayInputStream(measured.cropJpeg()), measured.cropJpeg().length, "image/jpeg");
                store.put(annotatedKey, new ByteArrayInputStream(measured.annotatedJpeg()), measured.annotatedJpeg().length, "image/jpeg");
                yield new SkinRepository.AnalysisRow(sha256, SkinAnalyzer.VERSION, CheckinStatus.DONE.json(), null, json.write(measured.whole()),
                        json.writeByRegion(measured.regions()), json.write(measured.details()), json.writeByRegion(measured.polygons()),
                        measured.cropWidth(), measured.cropHeight(), cropKey, annotatedKey);
            }
        };
        if (repository.insertAnalysis(row)) return row.status();
        // another check-in of the same bytes stored its analysis first: this run's objects are nobody's
        deleteQuietly(java.util.Arrays.asList(row.cropKey(), row.annotatedKey()));
        return status(sha256).orElse(row.status());
    }

    void deleteQuietly(List<? extends String> keys) {
        for (String key : keys) {
            if (key == null) continue;
            try {
                store.delete(key);
            } catch (RuntimeException e) {
                log.warn("Could not delete {} ({}); the skin sweep removes it later", key, e.getMessage());
            }
        }
    }
}
