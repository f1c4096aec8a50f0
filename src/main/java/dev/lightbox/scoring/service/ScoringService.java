package dev.lightbox.scoring.service;

import dev.lightbox.analysis.service.AnalysisService;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** Scores of photos under the owner's active config, from cached attributes only. */
@Service
public class ScoringService {

    private final ScoringConfigService configs;
    private final AnalysisService analyses;

    ScoringService(ScoringConfigService configs, AnalysisService analyses) {
        this.configs = configs;
        this.analyses = analyses;
    }

    public record PhotoScore(double score, boolean passed, List<String> failures, List<String> explanation, List<String> advice,
                             String config) {
    }

    /** Empty while the photo's content is not analysed yet. */
    public Optional<PhotoScore> score(UUID owner, String sha256) {
        return analyses.find(sha256).map(attributes -> {
            ScoringConfig config = configs.active(owner);
            Reducer.Scored scored = Reducer.score(attributes, config);
            return new PhotoScore(scored.score(), scored.passed(), scored.failures(),
                    Advisor.explain(attributes, config, (attribute, value) -> analyses.percentile(owner, attribute, value)),
                    Advisor.advise(attributes), config.name());
        });
    }
}
