package dev.lightbox.transform.api;

import dev.lightbox.base.security.CurrentUser;
import dev.lightbox.transform.service.InstalledModel;
import dev.lightbox.transform.service.InvalidModelException;
import dev.lightbox.transform.service.ModelNameTakenException;
import dev.lightbox.transform.service.ModelSpec;
import dev.lightbox.transform.service.OnnxModelRegistry;
import dev.lightbox.transform.service.StagedModel;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileUploadException;
import org.apache.commons.fileupload2.jakarta.servlet6.JakartaServletFileUpload;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /api/v1/admin/transform-models}: install (multipart {@code file} + {@code spec} JSON), list and uninstall
 * ONNX models for restyle. ADMIN only (the security chain checks {@code /api/v1/admin/**}; so does this class).
 */
@RestController
@PreAuthorize("hasRole('ADMIN')")
class TransformModelController {

    private static final int MAX_SPEC_CHARS = 16 * 1024;

    private final OnnxModelRegistry registry;
    private final JsonMapper json;

    TransformModelController(OnnxModelRegistry registry, JsonMapper json) {
        this.registry = registry;
        this.json = json;
    }

    record ModelJson(String name, String kind, String title, ModelSpec spec, String sha256, long sizeBytes, Instant installedAt) {
        static ModelJson of(InstalledModel m) {
            return new ModelJson(m.name(), m.kind(), m.title(), m.spec(), m.sha256(), m.sizeBytes(), m.installedAt());
        }
    }

    record ListJson(List<ModelJson> items) {
    }

    @GetMapping("/api/v1/admin/transform-models")
    ListJson list() {
        return new ListJson(registry.list().stream().map(ModelJson::of).toList());
    }

    /** The parts may come in either order: the file is staged (bounded, hashed) to a temporary file until the spec is known. */
    @PostMapping(path = "/api/v1/admin/transform-models", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<ModelJson> install(HttpServletRequest request) throws IOException {
        @Nullable StagedModel staged = null;
        @Nullable String specText = null;
        try {
            var parts = new JakartaServletFileUpload<>().getItemIterator(request);
            while (parts.hasNext()) {
                FileItemInput part = parts.next();
                if ("spec".equals(part.getFieldName())) {
                    try (InputStream in = part.getInputStream()) {
                        byte[] bytes = in.readNBytes(MAX_SPEC_CHARS + 1);
                        if (bytes.length > MAX_SPEC_CHARS) throw new InvalidModelException("spec: at most " + MAX_SPEC_CHARS + " bytes of JSON.");
                        specText = new String(bytes, StandardCharsets.UTF_8);
                    }
                } else if ("file".equals(part.getFieldName()) && !part.isFormField()) {
                    if (staged != null) throw new InvalidModelException("file: send one model per request.");
                    try (InputStream in = part.getInputStream()) {
                        staged = registry.stage(in);
                    }
                }
            }
            if (staged == null) throw new InvalidModelException("file: send the .onnx file as multipart/form-data field 'file'.");
            ModelSpec spec = ModelSpec.parse(specText, json);
            InstalledModel model = registry.install(staged, spec, CurrentUser.require());
            return ResponseEntity.status(HttpStatus.CREATED).body(ModelJson.of(model));
        } catch (FileUploadException e) {
            throw new InvalidModelException("file: the multipart body could not be read: " + e.getMessage(), e);
        } finally {
            if (staged != null) staged.close();
        }
    }

    @DeleteMapping("/api/v1/admin/transform-models/{name}")
    ResponseEntity<?> uninstall(@PathVariable String name) {
        if (registry.uninstall(name, CurrentUser.require())) return ResponseEntity.noContent().build();
        return problem(HttpStatus.NOT_FOUND, "No installed model named '" + name + "'.");
    }

    @ExceptionHandler(InvalidModelException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidModelException e) {
        return problem(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(ModelNameTakenException.class)
    ResponseEntity<ProblemDetail> taken(ModelNameTakenException e) {
        return problem(HttpStatus.CONFLICT, e.getMessage());
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, @Nullable String detail) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ProblemDetail.forStatusAndDetail(status, detail == null ? status.getReasonPhrase() : detail));
    }
}
