package dev.lightbox.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightbox.support.TestImages;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every attribute the analyzer writes, scoring weighs and taste learns comes from the one catalogue. */
class AttributeCatalogueTest {

    @Test
    void everyAttributeTheAnalyzerWritesIsCatalogued() throws Exception {
        var analyzer = analyzer();
        var image = TestImages.decode(TestImages.read(TestImages.MESSI));
        Set<String> written = new HashSet<>();
        written.addAll(((java.util.Map<?, ?>) analyzer.getClass().getMethod("technical", org.bytedeco.opencv.opencv_core.Mat.class)
                .invoke(analyzer, image)).keySet().stream().map(Object::toString).toList());
        written.addAll(((java.util.Map<?, ?>) analyzer.getClass().getMethod("composition", org.bytedeco.opencv.opencv_core.Mat.class)
                .invoke(analyzer, image)).keySet().stream().map(Object::toString).toList());
        written.addAll(List.of("faceCount", "faces", "faceDetector")); // what the analysis job adds from the face detector
        assertThat(written).allSatisfy(key -> assertThat(Attribute.byKey(key)).as(key).isPresent());
        assertThat(Arrays.stream(Attribute.values()).filter(a -> a.source() == Attribute.Source.CONTENT).map(Attribute::key))
                .as("catalogued content attributes the analyzer never writes").containsExactlyInAnyOrderElementsOf(written);
    }

    @Test
    void scoringWeighsAndTasteLearnsOnlyCataloguedAttributes() throws Exception {
        @SuppressWarnings("unchecked")
        var weighable = (List<String>) Class.forName("dev.lightbox.scoring.service.Reducer").getField("ATTRIBUTES").get(null);
        assertThat(weighable).containsExactlyElementsOf(Attribute.weighable().stream().map(Attribute::weight).toList());
        assertThat(weighable).allSatisfy(weight -> assertThat(Attribute.byWeight(weight)).isPresent());

        var features = Class.forName("dev.lightbox.training.service.TasteModel").getDeclaredField("FEATURES");
        features.setAccessible(true);
        @SuppressWarnings("unchecked")
        var names = (List<String>) features.get(null);
        assertThat(names).allSatisfy(name -> assertThat(Attribute.byKey(name.replaceFirst(":.*", "").replace("Log", ""))).as(name).isPresent());
        assertThat(names).doesNotContain(Attribute.PERSONAL.key()); // the personal score is what taste predicts, not what it learns from
    }

    @Test
    void goodnessFollowsTheDirection() {
        for (Attribute a : Attribute.values()) {
            if (a.kind() != Attribute.Kind.NUMBER || a.direction() == Attribute.Direction.TARGET) continue;
            double low = a.goodness(a.scale().min() + 0.1 * (a.scale().max() - a.scale().min()));
            double high = a.goodness(a.scale().min() + 0.9 * (a.scale().max() - a.scale().min()));
            if (a.direction() == Attribute.Direction.HIGHER) assertThat(high).as(a.name()).isGreaterThan(low);
            else assertThat(high).as(a.name()).isLessThan(low);
        }
        assertThat(Attribute.EXPOSURE.goodness("ok")).isEqualTo(1);
        assertThat(Attribute.EXPOSURE.goodness("over")).isLessThan(1);
        assertThat(Attribute.SHARPNESS.goodness((Object) null)).isEqualTo(-1);
    }

    private static Object analyzer() throws Exception {
        Class<?> configuration = Class.forName("dev.lightbox.analysis.service.AnalysisConfiguration");
        var constructor = configuration.getDeclaredConstructor();
        constructor.setAccessible(true);
        Method factory = configuration.getDeclaredMethod("photoAnalyzer");
        factory.setAccessible(true);
        return factory.invoke(constructor.newInstance());
    }
}
