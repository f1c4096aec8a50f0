package dev.lightbox.skin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_dnn.blobFromImage;
import static org.bytedeco.opencv.global.opencv_dnn.readNetFromTFLite;

import dev.lightbox.support.TestImages;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_dnn.Net;
import org.bytedeco.opencv.opencv_core.StringVector;
import org.junit.jupiter.api.Test;

/**
 * The shipped Face Mesh landmark model (models/face-mesh, see its README) loads in our OpenCV DNN and
 * answers as documented: 468 landmarks × (x, y, z) and a face-presence logit that is higher for a face
 * than for a bowl of fruit.
 */
class FaceMeshModelTest {

    @Test
    void theShippedLandmarkModelLoadsAndAnswersAsDocumented() throws Exception {
        byte[] model;
        try (InputStream in = FaceMeshModelTest.class.getResourceAsStream("/models/face-mesh/face_landmark.tflite")) {
            assertThat(in).as("the bundled model").isNotNull();
            model = in.readAllBytes();
        }
        Net net = readNetFromTFLite(model);
        assertThat(net.empty()).isFalse();

        Mat portrait = TestImages.decode(TestImages.read(TestImages.GRACE_HOPPER));
        List<float[]> face = run(net, portrait.apply(new Rect(96, 32, 320, 320)));
        List<float[]> fruit = run(net, TestImages.decode(TestImages.read(TestImages.FRUITS)));

        float[] landmarks = face.stream().filter(o -> o.length == 1404).findFirst().orElseThrow();
        float[] presence = face.stream().filter(o -> o.length == 1).findFirst().orElseThrow();
        float[] fruitPresence = fruit.stream().filter(o -> o.length == 1).findFirst().orElseThrow();
        int inside = 0;
        for (int i = 0; i < 468; i++) {
            float x = landmarks[3 * i];
            float y = landmarks[3 * i + 1];
            if (x >= 0 && x <= 192 && y >= 0 && y <= 192) inside++;
        }
        assertThat(inside).as("landmarks inside the 192 px crop").isGreaterThan(400);
        assertThat(presence[0]).as("face presence logit, face vs fruit").isGreaterThan(fruitPresence[0]);
    }

    private static List<float[]> run(Net net, Mat bgr) {
        Mat blob = blobFromImage(bgr, 1 / 255.0, new Size(192, 192), Scalar.all(0), true, false, CV_32F);
        net.setInput(blob);
        var outputs = new ArrayList<float[]>();
        try (MatVector result = new MatVector(); StringVector names = net.getUnconnectedOutLayersNames()) {
            net.forward(result, names);
            for (long i = 0; i < result.size(); i++) {
                Mat out = result.get(i);
                float[] values = new float[(int) out.total()];
                new FloatPointer(out.data()).get(values); // a continuous blob, read flat whatever its dimensions
                outputs.add(values);
            }
        }
        return outputs;
    }
}
