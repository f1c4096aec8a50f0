package dev.lightbox.training.service;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Accuracy, per-class precision and recall, and the confusion matrix (rows: true label, columns: predicted) on held-out photos. */
final class Evaluation {

    private static final int BATCH = 64;

    private Evaluation() {
    }

    static long correct(NDArray logits, NDArray labels) {
        return logits.argMax(1).toType(DataType.INT64, false).eq(labels.toType(DataType.INT64, false)).sum().getLong();
    }

    /** A network in inference mode: a batch of inputs (N × 3 × size × size) to its logits (N × classes). */
    interface Forward {
        NDArray logits(NDArray inputs) throws Exception;
    }

    /** Predicted classes, accuracy and mean cross-entropy of held-out photos. */
    record Scores(int[] predicted, double accuracy, double loss) {
    }

    static Scores score(Forward network, NDManager manager, float[] inputs, int[] labels, int size) {
        int per = 3 * size * size;
        int count = labels.length;
        int[] predicted = new int[count];
        double loss = 0;
        int correct = 0;
        for (int from = 0; from < count; from += BATCH) {
            int n = Math.min(BATCH, count - from);
            float[] slice = new float[n * per];
            System.arraycopy(inputs, from * per, slice, 0, n * per);
            try (NDManager scope = manager.newSubManager()) {
                NDArray logits = network.logits(scope.create(slice, new Shape(n, 3, size, size)));
                int k = (int) logits.getShape().get(1);
                float[] logProbabilities = logits.logSoftmax(1).toFloatArray();
                for (int i = 0; i < n; i++) {
                    int best = 0;
                    for (int c = 1; c < k; c++) if (logProbabilities[i * k + c] > logProbabilities[i * k + best]) best = c;
                    predicted[from + i] = best;
                    if (best == labels[from + i]) correct++;
                    loss -= logProbabilities[i * k + labels[from + i]];
                }
            } catch (Exception e) {
                throw new IllegalStateException("Scoring held-out photos failed: " + e.getMessage(), e);
            }
        }
        return new Scores(predicted, count == 0 ? 0 : (double) correct / count, count == 0 ? 0 : loss / count);
    }

    static Map<String, Object> evaluate(Forward network, NDManager manager, float[] inputs, int[] labels, int size, List<String> names) {
        int k = names.size();
        int[][] confusion = new int[k][k];
        int[] predicted = score(network, manager, inputs, labels, size).predicted();
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            confusion[labels[i]][predicted[i]]++;
            if (predicted[i] == labels[i]) correct++;
        }
        var perClass = new LinkedHashMap<String, Object>();
        for (int c = 0; c < k; c++) {
            int truePositive = confusion[c][c];
            int predictedAsC = 0;
            int actualC = 0;
            for (int j = 0; j < k; j++) {
                predictedAsC += confusion[j][c];
                actualC += confusion[c][j];
            }
            perClass.put(names.get(c), Map.of("precision", ratio(truePositive, predictedAsC), "recall", ratio(truePositive, actualC),
                    "support", actualC));
        }
        var rows = new ArrayList<List<Integer>>();
        for (int[] row : confusion) rows.add(java.util.Arrays.stream(row).boxed().toList());
        var metrics = new LinkedHashMap<String, Object>();
        metrics.put("accuracy", ratio(correct, labels.length));
        metrics.put("perClass", perClass);
        metrics.put("confusion", rows);
        metrics.put("labels", names);
        return metrics;
    }

    private static double ratio(int part, int whole) {
        return whole == 0 ? 0 : Math.round(10_000.0 * part / whole) / 10_000.0;
    }
}
