package dev.lightbox.support;

import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;

import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import tools.jackson.databind.JsonNode;

/**
 * A small library with clearly different photos, uploaded and waited for until each has a score: Messi's
 * photo, a blurred and a darkened copy of it, Debian's fruits and Grace Hopper's portrait (fresh bytes
 * every time, so each is analysed for real).
 */
public final class ScoredPhotos {

    private ScoredPhotos() {
    }

    /** File name → photo id, in upload order. */
    public static Map<String, String> upload(ApiClient api, String token) throws InterruptedException {
        Mat messi = TestImages.decode(TestImages.read(TestImages.MESSI));
        Mat blurred = new Mat();
        GaussianBlur(messi, blurred, new Size(21, 21), 0);
        Mat dark = new Mat();
        messi.convertTo(dark, -1, 0.25, 0);
        var uploads = new LinkedHashMap<String, byte[]>();
        uploads.put("messi.jpg", TestImages.uniqueCopy(TestImages.encode(messi, ".jpg")));
        uploads.put("blurred.jpg", TestImages.uniqueCopy(TestImages.encode(blurred, ".jpg")));
        uploads.put("dark.jpg", TestImages.uniqueCopy(TestImages.encode(dark, ".jpg")));
        uploads.put("fruits.jpg", TestImages.uniqueCopy(TestImages.read(TestImages.FRUITS)));
        uploads.put("hopper.jpg", TestImages.uniqueCopy(TestImages.read(TestImages.GRACE_HOPPER)));
        var ids = new LinkedHashMap<String, String>();
        uploads.forEach((name, bytes) -> ids.put(name, api.upload(name, bytes, token).json().get("id").asString()));
        for (String id : ids.values()) awaitScore(api, token, id);
        return ids;
    }

    /** The photo's live score once its analysis is done. */
    public static double awaitScore(ApiClient api, String token, String id) throws InterruptedException {
        JsonNode photo = ApiClient.await("photo " + id + " is scored", java.time.Duration.ofSeconds(60),
                () -> api.get("/api/v1/photos/" + id, token).json(), details -> !details.get("score").isNull());
        return photo.get("score").asDouble();
    }
}
