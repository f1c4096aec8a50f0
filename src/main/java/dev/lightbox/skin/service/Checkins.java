package dev.lightbox.skin.service;

import dev.lightbox.skin.domain.SkinRepository;
import java.util.Locale;
import java.util.Map;

/** A stored check-in row as a {@link Checkin}: its status is the recorded failure, else its analysis's, else pending. */
final class Checkins {

    private Checkins() {
    }

    static Checkin of(SkinRepository.CheckinRow row, SkinJson json) {
        CheckinSource source = CheckinSource.valueOf(row.source());
        SkinRepository.AnalysisRow analysis = row.analysis();
        if (row.failedReason() != null) {
            return new Checkin(row.photoId(), row.takenAt(), row.addedAt(), source, CheckinStatus.FAILED, row.failedReason(), null, Map.of(),
                    null, row.jobId());
        }
        if (analysis == null) {
            return new Checkin(row.photoId(), row.takenAt(), row.addedAt(), source, CheckinStatus.PENDING, null, null, Map.of(), null, row.jobId());
        }
        CheckinStatus status = CheckinStatus.valueOf(analysis.status().toUpperCase(Locale.ROOT));
        return new Checkin(row.photoId(), row.takenAt(), row.addedAt(), source, status, analysis.reason(), json.values(analysis.whole()),
                json.regions(analysis.regions()), json.details(analysis.details()), row.jobId());
    }

    /** The same check-in as failed, for a pending one whose job ended without recording it. */
    static Checkin failed(Checkin pending, String reason) {
        return new Checkin(pending.photoId(), pending.takenAt(), pending.addedAt(), pending.source(), CheckinStatus.FAILED, reason, null, Map.of(),
                null, pending.jobId());
    }
}
