package dev.lightbox.training.service;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.Model;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The classifier's bounded cache of real DJL models: evicted, removed and shut-down models free their native memory. */
class LoadedModelsTest {

    private final List<Model> made = new ArrayList<>();

    @AfterEach
    void closeAll() {
        made.forEach(Model::close);
    }

    private Model model() {
        DeviceChooser.engine();
        Model model = Model.newInstance("m" + made.size(), Device.cpu(), "PyTorch");
        model.setBlock(Networks.smallCnn(2));
        made.add(model);
        return model;
    }

    private static boolean open(Model model) {
        return model.getNDManager().isOpen();
    }

    @Test
    void theLeastRecentlyUsedModelIsClosedWhenTheCapacityIsExceeded() throws Exception {
        var cache = new LoadedModels<Model>(2);
        Model a = cache.use("a", this::model, m -> m);
        Model b = cache.use("b", this::model, m -> m);
        Model again = cache.use("a", () -> {
            throw new AssertionError("kept, not loaded again");
        }, m -> m);
        assertThat(again).isSameAs(a);
        Model c = cache.use("c", this::model, m -> m);
        assertThat(cache.size()).isEqualTo(2);
        assertThat(open(b)).as("least recently used: evicted and closed").isFalse();
        assertThat(open(a)).isTrue();
        assertThat(open(c)).isTrue();
        cache.close();
        assertThat(open(a)).as("closed at shutdown").isFalse();
        assertThat(open(c)).isFalse();
    }

    @Test
    void aModelInUseWhenEvictedIsClosedAfterItsUse() throws Exception {
        var cache = new LoadedModels<Model>(1);
        boolean[] openDuringUse = new boolean[1];
        Model a = cache.use("a", this::model, first -> {
            cache.use("b", this::model, m -> m); // evicts a while it is being used
            openDuringUse[0] = open(first);
            return first;
        });
        assertThat(openDuringUse[0]).as("not closed under its user").isTrue();
        assertThat(open(a)).as("closed once its user is done").isFalse();
        cache.remove(key -> key.equals("b"));
        assertThat(cache.size()).isZero();
        assertThat(made.get(1).getNDManager().isOpen()).as("removed: closed").isFalse();
    }
}
