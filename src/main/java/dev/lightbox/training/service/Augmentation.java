package dev.lightbox.training.service;

import java.util.Random;

/**
 * Random changes to a training batch that keep each photo's label: mirror left–right and top–bottom,
 * transpose, a shift of up to an eighth of the side (edges repeated), and — because the inputs are
 * standardised per channel — a random order of the colour channels and, half the time, the negative
 * (dark shape on light ground becomes light on dark). The network so sees outlines, not colours.
 */
final class Augmentation {

    private Augmentation() {
    }

    /**
     * How much a batch is changed: {@link #LIGHT} (what the app uses) mirrors left–right and shifts only;
     * {@link #COLOUR} also shuffles the channels and negates; {@link #FULL} does all of the above.
     */
    enum Kind {
        NONE, LIGHT, COLOUR, FULL
    }

    /** Changes {@code count} inputs of 3 × size × size values in place. */
    static void apply(float[] batch, int count, int size, Random random) {
        apply(Kind.FULL, batch, count, size, random);
    }

    static void apply(Kind kind, float[] batch, int count, int size, Random random) {
        if (kind == Kind.NONE) return;
        boolean full = kind == Kind.FULL;
        boolean colours = full || kind == Kind.COLOUR;
        int plane = size * size;
        float[] source = new float[3 * plane];
        int maxShift = Math.max(1, size / 8);
        for (int i = 0; i < count; i++) {
            int offset = i * 3 * plane;
            System.arraycopy(batch, offset, source, 0, 3 * plane);
            boolean mirror = random.nextBoolean();
            boolean flip = full && random.nextBoolean();
            boolean transpose = full && random.nextBoolean();
            int dx = random.nextInt(2 * maxShift + 1) - maxShift;
            int dy = random.nextInt(2 * maxShift + 1) - maxShift;
            int[] channels = colours ? permutation(random) : new int[] {0, 1, 2};
            float sign = colours && random.nextBoolean() ? -1 : 1;
            for (int c = 0; c < 3; c++) {
                int from = channels[c] * plane;
                int to = offset + c * plane;
                for (int y = 0; y < size; y++) {
                    for (int x = 0; x < size; x++) {
                        int sx = clamp(x - dx, size);
                        int sy = clamp(y - dy, size);
                        if (mirror) sx = size - 1 - sx;
                        if (flip) sy = size - 1 - sy;
                        int index = transpose ? sx * size + sy : sy * size + sx;
                        batch[to + y * size + x] = sign * source[from + index];
                    }
                }
            }
        }
    }

    private static int[] permutation(Random random) {
        int[] order = {0, 1, 2};
        for (int i = 2; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    private static int clamp(int value, int size) {
        return Math.max(0, Math.min(size - 1, value));
    }
}
