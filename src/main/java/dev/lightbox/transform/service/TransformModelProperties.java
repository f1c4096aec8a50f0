package dev.lightbox.transform.service;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import dev.lightbox.base.LightboxStartupException;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * {@code LIGHTBOX_TRANSFORM_MODEL_MAX_BYTES} (default 500MB): the largest ONNX file an admin may install;
 * {@code LIGHTBOX_TRANSFORM_LOADED_MODELS} (default 2): how many model sessions stay loaded (least recently used
 * closed first); {@code LIGHTBOX_TRANSFORM_MODEL_CHECK_TIMEOUT} (default 2m): how long loading and test-running a
 * model at install may take.
 */
@Validated
@ConfigurationProperties("lightbox.transform")
public record TransformModelProperties(DataSize modelMaxBytes, @Min(1) Integer loadedModels, Duration modelCheckTimeout) {

    public TransformModelProperties {
        if (modelMaxBytes == null) modelMaxBytes = DataSize.ofMegabytes(500);
        if (loadedModels == null) loadedModels = 2;
        if (modelCheckTimeout == null) modelCheckTimeout = Duration.ofMinutes(2);
        if (modelMaxBytes.toBytes() < 1) {
            throw new LightboxStartupException("LIGHTBOX_TRANSFORM_MODEL_MAX_BYTES is " + modelMaxBytes + ": no model could be installed.",
                    "Set it to a size such as 500MB, or leave it unset.");
        }
        if (modelCheckTimeout.isNegative() || modelCheckTimeout.isZero()) {
            throw new LightboxStartupException("LIGHTBOX_TRANSFORM_MODEL_CHECK_TIMEOUT is " + modelCheckTimeout + ": no model could be checked.",
                    "Set it to a duration such as 2m, or leave it unset.");
        }
    }

    public long maxBytes() {
        return modelMaxBytes().toBytes();
    }
}
