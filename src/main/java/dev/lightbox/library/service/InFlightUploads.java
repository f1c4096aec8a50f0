package dev.lightbox.library.service;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import dev.lightbox.library.domain.InFlightUploadRepository;
import org.springframework.stereotype.Component;

/**
 * The {@code uploads_in_flight} table: each upload in progress, recorded (committed) before its first
 * object is written, with the objects it may leave behind. Deleting the record is the last step of an
 * upload, after its objects are cleaned up; a record that outlives its process says what to remove.
 */
@Component
class InFlightUploads {

    /** An upload's leftovers: its temporary object, and the original it copied or was about to copy (null once a row owns it). */
    record Record(UUID id, String tempKey, @Nullable String originalKey) {

        Record withoutOriginal() {
            return new Record(id, tempKey, null);
        }
    }

    private final InFlightUploadRepository repository;
    private final NodeIdentity node;

    InFlightUploads(InFlightUploadRepository repository, NodeIdentity node) {
        this.repository = repository;
        this.node = node;
    }

    /** Records an upload about to write {@code tempKey}; call outside any transaction so it is durable at once. */
    Record begin(String tempKey) {
        UUID id = UUID.randomUUID();
        repository.insert(id, node.nodeId(), node.incarnation(), tempKey);
        return new Record(id, tempKey, null);
    }

    /** Notes that the upload may copy its original to {@code originalKey}: call under the content lock, before the copy. */
    Record claimOriginal(Record upload, String originalKey) {
        repository.setOriginal(upload.id(), originalKey);
        return new Record(upload.id(), upload.tempKey(), originalKey);
    }

    /** In the row's transaction: the original now belongs to the row, only the temporary object is left to remove. */
    Record committed(Record upload) {
        repository.setOriginal(upload.id(), null);
        return upload.withoutOriginal();
    }

    void forget(Record upload) {
        repository.delete(upload.id());
    }

    /** True when an upload other than {@code except} may still need this original. */
    boolean originalClaimed(String originalKey, @Nullable UUID except) {
        return repository.originalClaimed(originalKey, except);
    }

    /** Records this node's earlier processes left: their uploads will never finish. */
    List<Record> leftByEarlierIncarnations() {
        return records(repository.ofOtherIncarnations(node.nodeId(), node.incarnation()));
    }

    /** Records of any node older than {@code age}: no upload takes that long, so their process is gone. */
    List<Record> olderThan(Duration age) {
        return records(repository.olderThan(age));
    }

    /** True when a record names this temporary object: its upload may still be running. */
    boolean namesTempKey(String tempKey) {
        return repository.namesTempKey(tempKey);
    }

    private static List<Record> records(List<InFlightUploadRepository.InFlight> rows) {
        return rows.stream().map(r -> new Record(r.id(), r.tempKey(), r.originalKey())).toList();
    }
}
