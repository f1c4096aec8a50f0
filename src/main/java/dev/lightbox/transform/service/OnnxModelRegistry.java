package dev.lightbox.transform.service;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.lightbox.base.audit.AdminAction;
import dev.lightbox.base.audit.AdminAudit;
import dev.lightbox.base.security.LightboxUser;
import dev.lightbox.storage.ObjectStore;
import dev.lightbox.transform.domain.TransformModelRepository;
import dev.lightbox.transform.pipeline.DepthEstimator;
import dev.lightbox.transform.pipeline.Generator;
import dev.lightbox.transform.pipeline.InstalledModels;
import dev.lightbox.transform.pipeline.StyleInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.FileSystemUtils;

/**
 * The registry of admin-installed ONNX models: installs (file checked by loading it and running it once on the
 * spec's input, stored, then its row written), lists, uninstalls (row first, then the file), and serves the
 * installed models to the restyle pipeline as {@code onnx:<name>} styles and its depth model. Loaded sessions
 * are kept in a bounded LRU ({@code LIGHTBOX_TRANSFORM_LOADED_MODELS}); model files are cached in a temporary
 * folder of this process.
 */
@Service
public class OnnxModelRegistry implements InstalledModels, DisposableBean {

    static final String PREFIX = "transform-models/";
    static final java.time.Duration ORPHAN_AGE = java.time.Duration.ofHours(1);
    private static final Logger log = LoggerFactory.getLogger(OnnxModelRegistry.class);

    private final TransformModelRepository models;
    private final TransactionTemplate transaction;
    private final AdminAudit audit;
    private final ObjectStore store;
    private final TransformModelProperties properties;
    private final Clock clock;
    private final OnnxSessions sessions = new OnnxSessions();
    private final LoadedSessions<OrtSession> loaded;
    private final Path folder;
    private final ExecutorService checks = Executors.newCachedThreadPool(runnable -> {
        var thread = new Thread(runnable, "onnx-model-check");
        thread.setDaemon(true);
        return thread;
    });

    OnnxModelRegistry(TransformModelRepository models, ObjectStore store, TransformModelProperties properties, Clock clock,
                      TransactionTemplate transaction, AdminAudit audit) throws IOException {
        this.transaction = transaction;
        this.audit = audit;
        this.models = models;
        this.store = store;
        this.properties = properties;
        this.clock = clock;
        this.loaded = new LoadedSessions<>(properties.loadedModels());
        this.folder = Files.createTempDirectory("lightbox-onnx-");
    }

    // ---- admin: install, list, uninstall

    public List<InstalledModel> list() {
        return models.findAll();
    }

    public Optional<InstalledModel> find(String name) {
        return models.find(name);
    }

    /** Streams an upload to a local temporary file, at most {@code LIGHTBOX_TRANSFORM_MODEL_MAX_BYTES}, hashing it on the way. */
    public StagedModel stage(InputStream in) {
        long limit = properties.maxBytes();
        Path file;
        try {
            file = Files.createTempFile(folder, "upload-", ".onnx");
        } catch (IOException e) {
            throw new IllegalStateException("Could not create a temporary file for the model: " + e.getMessage(), e);
        }
        MessageDigest sha = sha256();
        long size = 0;
        try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file), sha)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                size += n;
                if (size > limit) {
                    throw new InvalidModelException("file: larger than " + limit / (1024 * 1024) + " MB, the limit this server allows "
                            + "(LIGHTBOX_TRANSFORM_MODEL_MAX_BYTES).");
                }
                out.write(buffer, 0, n);
            }
        } catch (IOException | RuntimeException e) {
            deleteQuietly(file);
            if (e instanceof InvalidModelException invalid) throw invalid;
            throw new InvalidModelException("file: the upload could not be read: " + e.getMessage(), e);
        }
        if (size == 0) {
            deleteQuietly(file);
            throw new InvalidModelException("file: the file is empty.");
        }
        return new StagedModel(file, size, HexFormat.of().formatHex(sha.digest()));
    }

    /** {@link #stage} then {@link #install(StagedModel, ModelSpec, LightboxUser)}. */
    public InstalledModel install(InputStream file, ModelSpec spec, LightboxUser admin) {
        if (models.exists(spec.name())) throw new ModelNameTakenException(spec.name());
        try (StagedModel staged = stage(file)) {
            return install(staged, spec, admin);
        }
    }

    /**
     * Checks the file against the spec (it loads, has one image input and a fitting output, and runs on the spec's
     * input within {@code LIGHTBOX_TRANSFORM_MODEL_CHECK_TIMEOUT}), stores it, then writes its row; a taken name or
     * a failed row leaves no object. Throws {@link InvalidModelException} (the reason) or {@link ModelNameTakenException}.
     */
    public InstalledModel install(StagedModel staged, ModelSpec spec, LightboxUser admin) {
        if (models.exists(spec.name())) throw new ModelNameTakenException(spec.name());
        check(staged.file(), spec);
        String key = PREFIX + spec.name() + "/" + UUID.randomUUID() + ".onnx";
        var model = new InstalledModel(spec.name(), spec.kind(), spec.title(), spec, key, staged.sha256(), staged.sizeBytes(), admin.id(),
                clock.instant());
        try (InputStream in = Files.newInputStream(staged.file())) {
            store.put(key, in, staged.sizeBytes(), "application/octet-stream");
        } catch (IOException e) {
            throw new IllegalStateException("Could not read the staged model: " + e.getMessage(), e);
        }
        boolean inserted;
        try {
            inserted = Boolean.TRUE.equals(transaction.execute(status -> {
                if (!models.insert(model)) return false;
                audit.record(admin, AdminAction.MODEL_INSTALL, "transform-model", spec.name(),
                        "Installed " + spec.kind() + " model '" + spec.name() + "' (" + staged.sizeBytes() + " bytes, sha256 " + staged.sha256() + ")");
                return true;
            }));
        } catch (RuntimeException e) {
            store.delete(key);
            throw e;
        }
        if (!inserted) {
            store.delete(key);
            throw new ModelNameTakenException(spec.name());
        }
        try {
            Files.move(staged.file(), cached(model), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            log.debug("Could not keep the installed model's file in the cache: {}", e.toString());
        }
        log.info("Installed ONNX {} model '{}' ({} bytes, sha256 {}).", spec.kind(), spec.name(), staged.sizeBytes(), staged.sha256());
        return model;
    }

    /** Removes the row, then its session, cached file and object; false when there is no such model. */
    public boolean uninstall(String name, LightboxUser admin) {
        Optional<InstalledModel> removed = Objects.requireNonNull(transaction.execute(status -> {
            Optional<InstalledModel> deleted = models.delete(name);
            deleted.ifPresent(model -> audit.record(admin, AdminAction.MODEL_UNINSTALL, "transform-model", name, "Uninstalled model '" + name + "'"));
            return deleted;
        }));
        if (removed.isEmpty()) return false;
        InstalledModel model = removed.get();
        loaded.remove(model.objectKey()::equals);
        deleteQuietly(cached(model));
        store.delete(model.objectKey());
        log.info("Uninstalled ONNX model '{}'.", name);
        return true;
    }

    /**
     * Deletes model files no row names that are older than {@link #ORPHAN_AGE} (a crash between storing a file and
     * writing its row leaves one; an install in progress writes its row right after storing). Runs at startup.
     */
    public int sweepOrphans() {
        java.util.Set<String> named = models.objectKeys();
        java.time.Instant before = clock.instant().minus(ORPHAN_AGE);
        int removed = 0;
        for (ObjectStore.ListedObject object : store.list(PREFIX)) {
            if (named.contains(object.key()) || !object.lastModified().isBefore(before)) continue;
            store.delete(object.key());
            removed++;
        }
        if (removed > 0) log.info("Removed {} model file(s) no installed model names.", removed);
        return removed;
    }

    @org.springframework.context.event.EventListener(org.springframework.boot.context.event.ApplicationReadyEvent.class)
    void sweepAtStartup() {
        checks.execute(() -> {
            try {
                sweepOrphans();
            } catch (RuntimeException e) {
                log.warn("Sweeping orphaned model files failed: {}", e.toString());
            }
        });
    }

    // ---- the pipeline's view

    @Override
    public List<StyleInfo> styles() {
        return models.findByKind(ModelSpec.STYLE).stream()
                .sorted(java.util.Comparator.comparing(InstalledModel::name))
                .map(m -> new StyleInfo("onnx:" + m.name(), m.title(), "Installed ONNX model '" + m.name() + "' (" + m.spec().width() + "×"
                        + m.spec().height() + " input).", false, List.of()))
                .toList();
    }

    /** The generator of the style model {@code name} (with or without the {@code onnx:} prefix). */
    @Override
    public Optional<Generator> generator(String modelName) {
        String name = modelName.startsWith("onnx:") ? modelName.substring("onnx:".length()) : modelName;
        return models.find(name).filter(m -> !m.spec().depth()).map(m -> new OnnxGenerator(this, m));
    }

    /** The most recently installed depth model. */
    @Override
    public Optional<DepthEstimator> depth() {
        return models.findByKind(ModelSpec.DEPTH).stream().findFirst().map(m -> new OnnxDepthEstimator(this, m));
    }

    /** Runs the model on one input (its tensor closed after), loading its session first when it is not kept. */
    ModelTensors.Output run(InstalledModel model, FloatBuffer input) throws Exception {
        return loaded.use(model.objectKey(), () -> sessions.open(localFile(model)), session -> run(session, input, model.spec()));
    }

    private ModelTensors.Output run(OrtSession session, FloatBuffer input, ModelSpec spec) throws OrtException {
        String inputName = session.getInputNames().iterator().next();
        try (OnnxTensor tensor = OnnxTensor.createTensor(sessions.environment(), input, ModelTensors.inputShape(spec));
             OrtSession.Result result = session.run(Map.of(inputName, tensor))) {
            if (!(result.get(0) instanceof OnnxTensor output) || output.getInfo().type != OnnxJavaType.FLOAT) {
                throw new IllegalStateException("The model's first output is not a float tensor.");
            }
            FloatBuffer values = output.getFloatBuffer();
            float[] copy = new float[values.remaining()];
            values.get(copy);
            return new ModelTensors.Output(copy, output.getInfo().getShape());
        }
    }

    // ---- checking a file against its spec

    private void check(Path file, ModelSpec spec) {
        Future<?> check = checks.submit(() -> {
            try (OrtSession session = sessions.open(file)) {
                checkShapes(session, spec);
                ModelTensors.Output output;
                try (var image = new org.bytedeco.opencv.opencv_core.Mat(spec.height(), spec.width(), org.bytedeco.opencv.global.opencv_core.CV_8UC3,
                        new org.bytedeco.opencv.opencv_core.Scalar(128, 128, 128, 0))) {
                    output = run(session, ModelTensors.input(image, spec), spec);
                }
                try (var decoded = spec.depth() ? ModelTensors.depthMap(output) : ModelTensors.styleImage(output, spec)) {
                    if (decoded.empty()) throw new InvalidModelException("file: the model's output is empty.");
                } catch (IllegalStateException e) {
                    throw new InvalidModelException("file: run on the spec's input, " + lower(e.getMessage()));
                }
            } catch (OrtException e) {
                throw new InvalidModelException("file: ONNX Runtime cannot use it: " + firstLine(e.getMessage()), e);
            }
            return null;
        });
        try {
            check.get(properties.modelCheckTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            check.cancel(true);
            throw new InvalidModelException("file: the model did not load and run within " + properties.modelCheckTimeout().toSeconds()
                    + " s (LIGHTBOX_TRANSFORM_MODEL_CHECK_TIMEOUT).");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof InvalidModelException invalid) throw invalid;
            throw new InvalidModelException("file: the model could not be checked: " + firstLine(String.valueOf(e.getCause())), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while checking a model", e);
        }
    }

    /** One float image input of rank 4 whose size and channels fit the spec; an output of rank 3 or 4 with fitting channels. */
    private static void checkShapes(OrtSession session, ModelSpec spec) throws OrtException {
        Map<String, NodeInfo> inputs = session.getInputInfo();
        if (inputs.size() != 1) throw new InvalidModelException("file: the model has " + inputs.size() + " inputs; one image input is needed.");
        long[] in = floatTensor(inputs.values().iterator().next(), "input");
        if (in.length != 4) throw new InvalidModelException("file: the model's input is " + ModelTensors.describe(in) + ", not a 4-dimensional image.");
        long[] expected = ModelTensors.inputShape(spec);
        String[] axes = spec.nhwc() ? new String[] {"batch", "height", "width", "channels"} : new String[] {"batch", "channels", "height", "width"};
        int channelAxis = spec.nhwc() ? 3 : 1;
        for (int i : new int[] {channelAxis, 0, spec.nhwc() ? 1 : 2, spec.nhwc() ? 2 : 3}) { // channels first: the telling one for a wrong layout
            if (in[i] >= 0 && in[i] != expected[i]) {
                throw new InvalidModelException("spec: the model's input is " + ModelTensors.describe(in) + " but the spec (" + spec.layout()
                        + ", " + spec.width() + "×" + spec.height() + ") says " + ModelTensors.describe(expected) + ": " + axes[i] + " differs.");
            }
        }
        NodeInfo first = session.getOutputInfo().values().iterator().next();
        long[] out = floatTensor(first, "output");
        if (spec.depth()) {
            boolean oneChannel = out.length == 3 || (out.length == 4 && (out[channelAxis] == 1 || out[channelAxis] < 0));
            if (!oneChannel) {
                throw new InvalidModelException("spec: a depth model must output one channel; this one outputs " + ModelTensors.describe(out) + ".");
            }
        } else {
            if (out.length != 4 || (out[channelAxis] >= 0 && out[channelAxis] != 3)) {
                throw new InvalidModelException("spec: a style model must output a 3-channel " + spec.layout() + " image; this one outputs "
                        + ModelTensors.describe(out) + ".");
            }
            int h = spec.nhwc() ? 1 : 2;
            if ((out[h] >= 0 && out[h] != spec.height()) || (out[h + 1] >= 0 && out[h + 1] != spec.width())) {
                throw new InvalidModelException("spec: the model outputs " + ModelTensors.describe(out) + ", not the spec's " + spec.width() + "×"
                        + spec.height() + " (or a dynamic size).");
            }
        }
    }

    private static long[] floatTensor(NodeInfo node, String what) {
        if (!(node.getInfo() instanceof TensorInfo tensor) || tensor.type != OnnxJavaType.FLOAT) {
            throw new InvalidModelException("file: the model's " + what + " '" + node.getName() + "' is not a float tensor.");
        }
        return tensor.getShape();
    }

    // ---- local files

    private Path cached(InstalledModel model) {
        return folder.resolve(model.name() + "-" + model.sha256() + ".onnx");
    }

    /** The model's file in this process's cache, fetched from the store (and its SHA-256 checked) when missing. */
    private Path localFile(InstalledModel model) throws IOException {
        Path file = cached(model);
        if (Files.exists(file)) return file;
        Path part = Files.createTempFile(folder, "fetch-", ".part");
        try {
            MessageDigest sha = sha256();
            try (InputStream in = store.get(model.objectKey()); OutputStream out = new DigestOutputStream(Files.newOutputStream(part), sha)) {
                in.transferTo(out);
            }
            String actual = HexFormat.of().formatHex(sha.digest());
            if (!actual.equals(model.sha256())) {
                throw new IllegalStateException("The stored file of model '" + model.name() + "' has SHA-256 " + actual + ", not " + model.sha256() + ".");
            }
            Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return file;
        } finally {
            deleteQuietly(part);
        }
    }

    @Override
    public void destroy() {
        checks.shutdownNow();
        loaded.close();
        try {
            FileSystemUtils.deleteRecursively(folder);
        } catch (IOException e) {
            log.debug("Could not delete {}: {}", folder, e.toString());
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.debug("Could not delete {}: {}", file, e.toString());
        }
    }

    private static String firstLine(@Nullable String text) {
        if (text == null) return "unknown error";
        String line = text.strip().lines().findFirst().orElse("");
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }

    private static String lower(@Nullable String text) {
        return text == null || text.isEmpty() ? "its output is unusable." : Character.toLowerCase(text.charAt(0)) + text.substring(1);
    }
}
