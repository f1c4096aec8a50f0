package dev.lightbox.training.api;

import dev.lightbox.base.security.CurrentUser;
import dev.lightbox.training.service.LabelException;
import dev.lightbox.training.service.ModelRequest;
import dev.lightbox.training.service.ModelView;
import dev.lightbox.training.service.TrainingService;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/models}: train a classifier on your labels, follow it, activate, download, delete. */
@RestController
@RequestMapping("/api/v1/models")
class ModelController {

    private final TrainingService training;

    ModelController(TrainingService training) {
        this.training = training;
    }

    @PostMapping
    ResponseEntity<TrainingService.Started> start(@RequestBody ModelRequest request) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(training.start(CurrentUser.require().id(), request));
    }

    @GetMapping
    List<ModelView> list() {
        return training.list(CurrentUser.require().id());
    }

    @GetMapping("/{id}")
    ResponseEntity<ModelView> get(@PathVariable UUID id) {
        return training.find(CurrentUser.require().id(), id).map(ResponseEntity::ok).orElseGet(() -> ResponseEntity.notFound().build());
    }

    @PostMapping("/{id}/activate")
    ModelView activate(@PathVariable UUID id) {
        return training.activate(CurrentUser.require().id(), id);
    }

    /** "Apply to library": 202 {jobId}; the photos' predicted labels follow as the job runs. */
    @PostMapping("/{id}/apply")
    ResponseEntity<java.util.Map<String, UUID>> apply(@PathVariable UUID id) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(java.util.Map.of("jobId", training.applyToLibrary(CurrentUser.require().id(), id)));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        training.delete(CurrentUser.require().id(), id);
        return ResponseEntity.noContent().build();
    }

    /** The version's files (parameters, labels, input spec, metrics, training config) as one zip. */
    @GetMapping("/{id}/versions/{version}/download")
    ResponseEntity<byte[]> download(@PathVariable UUID id, @PathVariable int version) throws IOException {
        var zip = new ByteArrayOutputStream();
        if (!training.download(CurrentUser.require().id(), id, version, zip)) return ResponseEntity.notFound().build();
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/zip"))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"model-" + id + "-v" + version + ".zip\"").body(zip.toByteArray());
    }

    @ExceptionHandler(LabelException.class)
    ResponseEntity<ProblemDetail> problem(LabelException e) {
        HttpStatus status = e.reason() == LabelException.Reason.NOT_FOUND ? HttpStatus.NOT_FOUND : HttpStatus.BAD_REQUEST;
        return ResponseEntity.status(status).body(ProblemDetail.forStatusAndDetail(status, e.getMessage()));
    }
}
