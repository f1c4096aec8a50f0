package dev.lightbox.transform;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Tiny real ONNX models, written in protobuf wire format by hand (no PyPI here): an "invert" style model
 * (1 − x on a float image) and a "mean of channels" depth model. Dimensions given as -1 are dynamic.
 */
public final class OnnxTestModels {

    private static final int FLOAT = 1;

    private OnnxTestModels() {
    }

    /** y = 1 − x, input and output {@code shape} (e.g. 1×3×H×W). */
    public static byte[] invert(long... shape) {
        byte[] one = message(tensor("one", new long[0], 1f));
        byte[] node = message(
                string(1, "one"), string(1, "x"), string(2, "y"), string(3, "invert"), string(4, "Sub"));
        byte[] graph = message(field(1, node), string(2, "invert"), field(5, one), field(11, valueInfo("x", shape)),
                field(12, valueInfo("y", shape)));
        return model(graph);
    }

    /** y = a·x + b, input and output {@code shape}: a mild contrast change that keeps every edge and face. */
    public static byte[] affine(float a, float b, long... shape) {
        byte[] mul = message(string(1, "x"), string(1, "a"), string(2, "t"), string(3, "scale"), string(4, "Mul"));
        byte[] add = message(string(1, "t"), string(1, "b"), string(2, "y"), string(3, "shift"), string(4, "Add"));
        byte[] graph = message(field(1, mul), field(1, add), string(2, "affine"), field(5, message(tensor("a", new long[0], a))),
                field(5, message(tensor("b", new long[0], b))), field(11, valueInfo("x", shape)), field(12, valueInfo("y", shape)));
        return model(graph);
    }

    /** y = mean of x over axis 1 (keepdims): 1×3×H×W in, 1×1×H×W out. */
    public static byte[] channelMean(long h, long w) {
        byte[] axes = message(string(1, "axes"), varintField(20, 7), packedLongs(8, 1));
        byte[] node = message(string(1, "x"), string(2, "y"), string(3, "mean"), string(4, "ReduceMean"), field(5, axes));
        byte[] graph = message(field(1, node), string(2, "depth"), field(11, valueInfo("x", new long[] {1, 3, h, w})),
                field(12, valueInfo("y", new long[] {1, 1, h, w})));
        return model(graph);
    }

    private static byte[] model(byte[] graph) {
        byte[] opset = message(string(1, ""), varintField(2, 13));
        return message(varintField(1, 8), string(2, "lightbox-test"), field(7, graph), field(8, opset));
    }

    private static byte[] valueInfo(String name, long[] shape) {
        var dims = new ByteArrayOutputStream();
        for (long d : shape) {
            dims.writeBytes(field(1, d < 0 ? message(string(2, "d" + dims.size())) : message(varintField(1, d))));
        }
        byte[] tensorType = message(varintField(1, FLOAT), field(2, dims.toByteArray()));
        return message(string(1, name), field(2, message(field(1, tensorType))));
    }

    private static byte[] tensor(String name, long[] dims, float value) {
        var out = new ByteArrayOutputStream();
        for (long d : dims) out.writeBytes(varintField(1, d));
        out.writeBytes(varintField(2, FLOAT));
        int bits = Float.floatToIntBits(value);
        byte[] raw = {(byte) bits, (byte) (bits >> 8), (byte) (bits >> 16), (byte) (bits >> 24)};
        out.writeBytes(string(8, name));
        out.writeBytes(field(9, raw));
        return out.toByteArray();
    }

    // ---- protobuf wire format

    private static byte[] message(byte[]... fields) {
        var out = new ByteArrayOutputStream();
        for (byte[] f : fields) out.writeBytes(f);
        return out.toByteArray();
    }

    private static byte[] field(int number, byte[] bytes) {
        var out = new ByteArrayOutputStream();
        out.writeBytes(varint((long) number << 3 | 2));
        out.writeBytes(varint(bytes.length));
        out.writeBytes(bytes);
        return out.toByteArray();
    }

    private static byte[] string(int number, String text) {
        return field(number, text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] varintField(int number, long value) {
        return message(varint((long) number << 3), varint(value));
    }

    private static byte[] packedLongs(int number, long... values) {
        var out = new ByteArrayOutputStream();
        for (long v : values) out.writeBytes(varint(v));
        return field(number, out.toByteArray());
    }

    private static byte[] varint(long value) {
        var out = new ByteArrayOutputStream();
        while ((value & ~0x7FL) != 0) {
            out.write((int) (value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out.write((int) value);
        return out.toByteArray();
    }
}
