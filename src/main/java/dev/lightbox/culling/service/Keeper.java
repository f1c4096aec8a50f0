package dev.lightbox.culling.service;

import dev.lightbox.analysis.Attribute;
import dev.lightbox.analysis.service.AnalysisService;
import dev.lightbox.culling.domain.GroupRepository.Member;
import dev.lightbox.scoring.service.Reducer;
import dev.lightbox.scoring.service.ScoringConfig;
import dev.lightbox.scoring.service.ScoringConfigService;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Picks each group's suggested keeper when it is read, so a new active config or new personal scores
 * count at once: the best score under the owner's active config (scoring's {@link Reducer}), ties broken
 * by sharpness, then faces found, then the personal score; a photo not analysed yet ranks last.
 */
@Component
class Keeper {

    /** Above this many photos the owner's per-photo attributes are read for the whole library in one go. */
    private static final int PER_PHOTO_LIMIT = 40;

    private final AnalysisService analyses;
    private final ScoringConfigService configs;

    Keeper(AnalysisService analyses, ScoringConfigService configs) {
        this.analyses = analyses;
        this.configs = configs;
    }

    /** A photo's standing in its group: compared by score, sharpness, faces, personal score. */
    record Standing(UUID photoId, double score, double sharpness, double faces, double personal) {
        static final Comparator<Standing> BEST_FIRST = Comparator.comparingDouble(Standing::score)
                .thenComparingDouble(Standing::sharpness).thenComparingDouble(Standing::faces)
                .thenComparingDouble(Standing::personal).reversed();
    }

    /** The suggested keeper of each group (by group, in the given groups' member lists). */
    Map<UUID, UUID> suggestions(UUID owner, Map<UUID, List<Member>> groups) {
        List<Member> all = groups.values().stream().flatMap(List::stream).toList();
        Map<UUID, Standing> standings = standings(owner, all);
        var suggested = new HashMap<UUID, UUID>();
        groups.forEach((id, members) -> suggested.put(id, members.stream().map(m -> standings.get(m.photoId()))
                .filter(java.util.Objects::nonNull).sorted(Standing.BEST_FIRST).findFirst()
                .map(Standing::photoId).orElse(members.getFirst().photoId())));
        return suggested;
    }

    Map<UUID, Standing> standings(UUID owner, List<Member> members) {
        Set<String> contents = members.stream().map(Member::sha256).collect(Collectors.toSet());
        Map<String, Map<String, Object>> attributes = analyses.find(owner, contents);
        Map<UUID, Map<String, Object>> own = members.size() > PER_PHOTO_LIMIT ? analyses.ownerAttributes(owner) : Map.of();
        ScoringConfig config = configs.active(owner);
        var standings = new HashMap<UUID, Standing>();
        for (Member m : members) {
            Map<String, Object> content = attributes.get(m.sha256());
            if (content == null) continue; // not analysed: no standing, never suggested over an analysed photo
            Map<String, Object> a;
            if (members.size() > PER_PHOTO_LIMIT) {
                a = new HashMap<>(content);
                a.putAll(own.getOrDefault(m.photoId(), Map.of()));
            } else {
                a = analyses.withOwnerAttributes(content, owner, m.photoId());
            }
            standings.put(m.photoId(), new Standing(m.photoId(), Reducer.score(a, config).score(), Attribute.SHARPNESS.number(a),
                    Attribute.FACE_COUNT.number(a), Attribute.PERSONAL.number(a)));
        }
        return standings;
    }
}
