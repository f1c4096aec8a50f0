package dev.lightbox.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;

import dev.lightbox.support.ApiClient;
import dev.lightbox.support.IntegrationTest;
import dev.lightbox.support.ScoredPhotos;
import dev.lightbox.support.TestImages;
import java.util.ArrayList;
import java.util.Map;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * "Learn my taste": a user who likes sharp photos rates 30 of them; the personal score learnt from those
 * ratings ranks the 15 photos they did not rate the way their taste would (Spearman ≥ 0.7), and becomes a
 * scoring input.
 */
class TasteApiTest extends IntegrationTest {

    @Test
    void thePersonalScoreLearnsATasteForSharpPhotos() throws Exception {
        var api = api();
        String token = api.login(api.signUpNewUser(), USER_PASSWORD);
        int[] blurs = {1, 3, 5, 7, 9, 13, 17, 23, 31};
        var ids = new ArrayList<String>();
        for (int i = 0; i < 45; i++) {
            Mat picture = TestImages.picture(480, 360, 7000 + i);
            Mat blurred = new Mat();
            int k = blurs[i % blurs.length];
            GaussianBlur(picture, blurred, new Size(k, k), 0);
            ids.add(api.upload("p" + i + ".jpg", TestImages.encode(blurred, ".jpg"), token).json().get("id").asString());
        }
        // the hidden taste: the sharper, the more stars (quintiles of sharpness: 1 to 5 stars, 9 photos each)
        double[] sharpness = new double[ids.size()];
        for (int i = 0; i < ids.size(); i++) {
            ScoredPhotos.awaitScore(api, token, ids.get(i));
            sharpness[i] = api.get("/api/v1/photos/" + ids.get(i), token).json().get("analysis").get("attributes").get("sharpness").asDouble();
        }
        var hidden = new ArrayList<Double>();
        double[] rank = ranks(sharpness);
        for (double r : rank) hidden.add(1 + Math.min(4, Math.floor(5 * (r - 1) / sharpness.length)));
        assertThat(api.post("/api/v1/taste", "", token).detail()).contains("rate at least 30");
        for (int i = 0; i < 30; i++) api.put("/api/v1/photos/" + ids.get(i) + "/rating", Map.of("stars", hidden.get(i).intValue()), token);

        var started = api.post("/api/v1/taste", "", token);
        assertThat(started.status()).isEqualTo(202);
        awaitJob(api, token, started.json().get("jobId").asString());
        JsonNode last = api.get("/api/v1/taste", token).json().get("last");
        assertThat(last.get("ratings").asInt()).isEqualTo(30);
        assertThat(last.get("spearman").asDouble()).as("cross-validated").isGreaterThanOrEqualTo(0.7);

        double[] predicted = new double[15];
        double[] taste = new double[15];
        for (int i = 30; i < 45; i++) {
            predicted[i - 30] = api.get("/api/v1/photos/" + ids.get(i), token).json().get("analysis").get("attributes").get("personal").asDouble();
            taste[i - 30] = hidden.get(i);
        }
        double unrated = spearman(predicted, taste);
        org.slf4j.LoggerFactory.getLogger(TasteApiTest.class).info("Personal score vs the hidden taste on 15 unrated photos: Spearman {}", unrated);
        assertThat(unrated).as("unrated photos ranked by the personal score").isGreaterThanOrEqualTo(0.7);

        var personal = api.post("/api/v1/scoring-configs", Map.of("name", "Mine", "weights", Map.of("personal", 1.0)), token).json();
        assertThat(personal.get("weights").get("personal").asDouble()).isEqualTo(1.0);
        api.post("/api/v1/scoring-configs/" + personal.get("id").asString() + "/activate", "", token);
        JsonNode photo = api.get("/api/v1/photos/" + ids.get(40), token).json();
        assertThat(photo.get("explanation").get(0).asString()).startsWith("Personal score");
        assertThat(photo.get("score").asDouble()).isCloseTo(100 * (photo.get("analysis").get("attributes").get("personal").asDouble() - 1) / 4,
                org.assertj.core.data.Offset.offset(0.11));
    }

    private static void awaitJob(ApiClient api, String token, String jobId) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        JsonNode job = api.get("/api/v1/jobs/" + jobId, token).json();
        while (!job.get("status").asString().equals("SUCCEEDED")) {
            assertThat(job.get("status").asString()).as(job.toString()).isNotIn("FAILED", "CANCELLED");
            assertThat(System.currentTimeMillis()).isLessThan(deadline);
            Thread.sleep(100);
            job = api.get("/api/v1/jobs/" + jobId, token).json();
        }
    }

    /** Spearman's ρ, written out here independently of the code under test. */
    private static double spearman(double[] a, double[] b) {
        double[] ra = ranks(a);
        double[] rb = ranks(b);
        double ma = 0, mb = 0;
        for (int i = 0; i < ra.length; i++) {
            ma += ra[i] / ra.length;
            mb += rb[i] / rb.length;
        }
        double cov = 0, va = 0, vb = 0;
        for (int i = 0; i < ra.length; i++) {
            cov += (ra[i] - ma) * (rb[i] - mb);
            va += (ra[i] - ma) * (ra[i] - ma);
            vb += (rb[i] - mb) * (rb[i] - mb);
        }
        return cov / Math.sqrt(va * vb);
    }

    private static double[] ranks(double[] v) {
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            double less = 0, equal = 0;
            for (double w : v) {
                if (w < v[i]) less++;
                else if (w == v[i]) equal++;
            }
            r[i] = less + (equal + 1) / 2;
        }
        return r;
    }
}
