package dev.lightbox.skin.service;

import java.util.ArrayList;
import java.util.List;

/**
 * The measured regions as outlines through Face Mesh landmarks (canonical indices, see {@link Mesh}). A few
 * corners sit between two landmarks ({@link Anchor#between}) where the mesh has no point of its own, e.g. the
 * sides of the nose bridge part-way to the inner eye corners.
 */
final class SkinRegions {

    /** A point on an outline: landmark {@code from}, moved {@code t} of the way towards landmark {@code to}. */
    record Anchor(int from, int to, double t) {
        static Anchor at(int index) {
            return new Anchor(index, index, 0);
        }

        static Anchor between(int from, int to, double t) {
            return new Anchor(from, to, t);
        }

        double[] locate(double[][] points) {
            double[] a = points[from];
            double[] b = points[to];
            return new double[] {a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t};
        }
    }

    // from the brows up to most of the way to the mesh's top row (which often sits on the hairline or a hat's brim)
    private static final List<Anchor> FOREHEAD = List.of(Anchor.at(70), Anchor.at(63), Anchor.at(105), Anchor.at(66), Anchor.at(107),
            Anchor.at(9), Anchor.at(336), Anchor.at(296), Anchor.at(334), Anchor.at(293), Anchor.at(300),
            Anchor.between(298, 284, 0.6), Anchor.between(333, 332, 0.6), Anchor.between(299, 297, 0.6), Anchor.between(337, 338, 0.6),
            Anchor.between(151, 10, 0.6), Anchor.between(108, 109, 0.6), Anchor.between(69, 67, 0.6), Anchor.between(104, 103, 0.6),
            Anchor.between(68, 54, 0.6));
    // under the eye, beside the nose, down to the mouth corner's height, out to the cheekbone
    private static final List<Anchor> RIGHT_CHEEK = anchors(116, 117, 118, 119, 142, 203, 206, 216, 192, 213, 147, 123);
    private static final List<Anchor> LEFT_CHEEK = anchors(345, 346, 347, 348, 371, 423, 426, 436, 416, 433, 376, 352);
    // the bridge from between the eyes, round the wings of the nose and under its tip
    private static final List<Anchor> NOSE = List.of(Anchor.at(168), Anchor.between(168, Mesh.LEFT_EYE_INNER, 0.3), Anchor.at(344),
            Anchor.at(278), Anchor.at(294), Anchor.at(327), Anchor.at(326), Anchor.at(2), Anchor.at(97), Anchor.at(98), Anchor.at(64),
            Anchor.at(48), Anchor.at(115), Anchor.between(168, Mesh.RIGHT_EYE_INNER, 0.3));
    // below the lower lip down to the chin's tip
    private static final List<Anchor> CHIN = anchors(204, 106, 182, 83, 18, 313, 406, 335, 424, 431, 395, 369, 396, 175, 171, 140, 170,
            211);

    static List<Anchor> anchors(SkinRegion region) {
        return switch (region) {
            case FOREHEAD -> FOREHEAD;
            case LEFT_CHEEK -> LEFT_CHEEK;
            case RIGHT_CHEEK -> RIGHT_CHEEK;
            case NOSE -> NOSE;
            case CHIN -> CHIN;
        };
    }

    private SkinRegions() {
    }

    static List<double[]> outline(SkinRegion region, double[][] points) {
        return locate(anchors(region), points);
    }

    static List<double[]> outline(int[] indices, double[][] points) {
        var outline = new ArrayList<double[]>(indices.length);
        for (int i : indices) outline.add(points[i]);
        return outline;
    }

    private static List<double[]> locate(List<Anchor> anchors, double[][] points) {
        var outline = new ArrayList<double[]>(anchors.size());
        for (Anchor anchor : anchors) outline.add(anchor.locate(points));
        return outline;
    }

    private static List<Anchor> anchors(int... indices) {
        var anchors = new ArrayList<Anchor>(indices.length);
        for (int i : indices) anchors.add(Anchor.at(i));
        return List.copyOf(anchors);
    }
}
