package dev.lightbox.skin.service;

/**
 * Indices into MediaPipe Face Mesh's 468 canonical landmarks (the model's fixed topology). Outlines run
 * around their shape in order; "right" and "left" are the person's own (right = the image's left).
 */
final class Mesh {

    static final int FOREHEAD_TOP = 10;
    static final int NOSE_TIP = 1;
    static final int CHIN = 152;
    static final int RIGHT_EYE_OUTER = 33;
    static final int RIGHT_EYE_INNER = 133;
    static final int LEFT_EYE_INNER = 362;
    static final int LEFT_EYE_OUTER = 263;
    static final int MOUTH_RIGHT = 61;
    static final int MOUTH_LEFT = 291;
    static final int UPPER_LIP = 13;
    static final int LOWER_LIP = 14;
    static final int FACE_RIGHT = 234;
    static final int FACE_LEFT = 454;

    static final int[] FACE_OVAL = {10, 338, 297, 332, 284, 251, 389, 356, 454, 323, 361, 288, 397, 365, 379, 378, 400, 377, 152,
            148, 176, 149, 150, 136, 172, 58, 132, 93, 234, 127, 162, 21, 54, 103, 67, 109};
    static final int[] RIGHT_EYE = {33, 7, 163, 144, 145, 153, 154, 155, 133, 173, 157, 158, 159, 160, 161, 246};
    static final int[] LEFT_EYE = {362, 382, 381, 380, 374, 373, 390, 249, 263, 466, 388, 387, 386, 385, 384, 398};
    static final int[] RIGHT_BROW = {46, 53, 52, 65, 55, 107, 66, 105, 63, 70};
    static final int[] LEFT_BROW = {276, 283, 282, 295, 285, 336, 296, 334, 293, 300};
    static final int[] LIPS = {61, 146, 91, 181, 84, 17, 314, 405, 321, 375, 291, 409, 270, 269, 267, 0, 37, 39, 40, 185};

    private Mesh() {
    }
}
