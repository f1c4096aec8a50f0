package dev.lightbox.transform.service;

import java.nio.FloatBuffer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;

/** Pixels to a model's input tensor and its output back to pixels, as the model's {@link ModelSpec} says. */
final class ModelTensors {

    /** A model's first output, copied out of ONNX Runtime: {@code values} in the order {@code shape} gives. */
    record Output(float[] values, long[] shape) {
    }

    private ModelTensors() {
    }

    static long[] inputShape(ModelSpec spec) {
        return spec.nhwc() ? new long[] {1, spec.height(), spec.width(), 3} : new long[] {1, 3, spec.height(), spec.width()};
    }

    /** The 8-bit BGR image resized to the spec's size, normalised, in the spec's channel order and layout. */
    static FloatBuffer input(Mat bgr, ModelSpec spec) {
        int w = spec.width();
        int h = spec.height();
        byte[] pixels = new byte[w * h * 3];
        try (var resized = new Mat(); var size = new Size(w, h)) {
            opencv_imgproc.resize(bgr, resized, size, 0, 0, bgr.cols() > w ? opencv_imgproc.INTER_AREA : opencv_imgproc.INTER_LINEAR);
            resized.data().get(pixels);
        }
        double scale = spec.scale();
        float[] values = new float[pixels.length];
        int plane = w * h;
        for (int c = 0; c < 3; c++) {
            int source = spec.bgr() ? c : 2 - c; // pixels are BGR
            double mean = spec.mean().get(c);
            double std = spec.std().get(c);
            for (int i = 0; i < plane; i++) {
                float v = (float) (((pixels[i * 3 + source] & 0xff) * scale - mean) / std);
                values[spec.nhwc() ? i * 3 + c : c * plane + i] = v;
            }
        }
        return FloatBuffer.wrap(values);
    }

    /** A style model's output read back to 8-bit BGR pixels (its own size), with the inverse of the input normalisation. */
    static Mat styleImage(Output output, ModelSpec spec) {
        long[] shape = output.shape();
        if (shape.length != 4) throw new IllegalStateException("The model's output has " + shape.length + " dimensions, not 4.");
        int c = (int) (spec.nhwc() ? shape[3] : shape[1]);
        int h = (int) (spec.nhwc() ? shape[1] : shape[2]);
        int w = (int) (spec.nhwc() ? shape[2] : shape[3]);
        if (c != 3 || h < 1 || w < 1) throw new IllegalStateException("The model's output is " + describe(shape) + ", not a 3-channel image.");
        int plane = w * h;
        byte[] pixels = new byte[plane * 3];
        float[] values = output.values();
        for (int ch = 0; ch < 3; ch++) {
            int target = spec.bgr() ? ch : 2 - ch;
            double mean = spec.mean().get(ch);
            double std = spec.std().get(ch);
            for (int i = 0; i < plane; i++) {
                float v = values[spec.nhwc() ? i * 3 + ch : ch * plane + i];
                if (!Float.isFinite(v)) throw new IllegalStateException("The model's output contains NaN or infinite values.");
                double pixel = (v * std + mean) / spec.scale();
                pixels[i * 3 + target] = (byte) Math.max(0, Math.min(255, Math.round(pixel)));
            }
        }
        var image = new Mat(h, w, opencv_core.CV_8UC3);
        image.data().put(pixels);
        return image;
    }

    /** A depth model's one-channel output, min–max normalised to 0..1 (its own size); all 0 when it is flat. */
    static Mat depthMap(Output output) {
        long[] shape = output.shape();
        int h;
        int w;
        if (shape.length == 3 && shape[0] == 1) {
            h = (int) shape[1];
            w = (int) shape[2];
        } else if (shape.length == 4 && shape[0] == 1 && shape[1] == 1) {
            h = (int) shape[2];
            w = (int) shape[3];
        } else if (shape.length == 4 && shape[0] == 1 && shape[3] == 1) {
            h = (int) shape[1];
            w = (int) shape[2];
        } else {
            throw new IllegalStateException("The model's output is " + describe(shape) + ", not a one-channel map.");
        }
        float[] values = output.values();
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float v : values) {
            if (!Float.isFinite(v)) throw new IllegalStateException("The model's output contains NaN or infinite values.");
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        float range = max - min;
        float[] normalised = new float[values.length];
        if (range > 0) {
            for (int i = 0; i < values.length; i++) normalised[i] = (values[i] - min) / range;
        }
        var map = new Mat(h, w, opencv_core.CV_32FC1);
        new org.bytedeco.javacpp.FloatPointer(map.data()).put(normalised);
        return map;
    }

    static String describe(long[] shape) {
        var text = new StringBuilder();
        for (long d : shape) text.append(text.isEmpty() ? "" : "×").append(d < 0 ? "?" : Long.toString(d));
        return text.isEmpty() ? "a scalar" : text.toString();
    }
}
