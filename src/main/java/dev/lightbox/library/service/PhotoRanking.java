package dev.lightbox.library.service;

import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Orders and filters a library by something the library does not know (scores from the scoring module,
 * labels from the training module): pages of photo ids in order, with a cursor the implementation issues
 * and reads.
 */
public interface PhotoRanking {

    /** Whether this ranking answers the query (a library lists through the first that does). */
    boolean supports(PhotoQuery query);

    Page page(UUID ownerId, PhotoQuery query, @Nullable String cursor, int limit);

    /** How many photos the query matches (the timeline's "7 of 42 photos"); empty when this ranking cannot count. */
    default OptionalLong count(UUID ownerId, PhotoQuery query) {
        return OptionalLong.empty();
    }

    /** A photo's place: the score it is ranked by and whether it passed the config's thresholds (score NaN when not ranked by score). */
    record Ranked(UUID photoId, double score, boolean passed) {
    }

    record Page(List<Ranked> items, @Nullable String nextCursor) {
    }
}
