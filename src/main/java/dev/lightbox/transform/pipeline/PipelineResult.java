package dev.lightbox.transform.pipeline;


/** The validated result: an upright JPEG the original's upright size, its 400 px thumbnail (JPEG). */
public record PipelineResult(byte[] resultJpeg, byte[] thumbnailJpeg, int width, int height) {}
