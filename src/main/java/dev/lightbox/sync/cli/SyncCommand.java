package dev.lightbox.sync.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import dev.lightbox.analysis.service.ContentAnalyzer;
import dev.lightbox.library.service.LocalPhotoFile;
import java.io.Console;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar lightbox.jar sync <folder> --server <url> --token <token> [--dry-run] [--threads N]}:
 * walks the folder, checks, hashes and analyses each photo with the server's own code on N threads
 * (remembering every result in the local cache), sends the attributes in batches and ends with a summary.
 * Nothing of Spring is started. Exit 0: everything analysed is on the server; 1: a file or a call failed;
 * 2: usage, token, cache-in-use or analyser-version problem.
 */
public final class SyncCommand {

    public static final int OK = 0;
    public static final int FAILURES = 1;
    public static final int REFUSED = 2;

    /** Told after the server acknowledged a call. */
    public interface BatchListener {
        void acknowledged(int call, int items);
    }

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;
    private boolean terminal;
    private Clock clock = Clock.systemUTC();
    private Duration patience = SyncServer.DEFAULT_PATIENCE;
    private BatchListener listener = (call, items) -> {
    };
    private long bytesSent;
    private int itemsSent;
    private @Nullable Progress progress;
    private java.util.function.Supplier<ContentAnalyzer> analyzers = ContentAnalyzer::create;

    static final String PLATFORM_LIMIT = "This lightbox.jar carries its image libraries for linux-x86_64 only; run sync on a Linux x86-64"
            + " machine or build the jar with -Djavacpp.platform=<yours>.";

    public SyncCommand(PrintStream out, PrintStream err, Map<String, String> env) {
        this.out = out;
        this.err = err;
        this.env = env;
    }

    /** The packaged jar's entry: {@code Application.main} hands {@code sync}'s arguments here before anything of Spring loads. */
    public static void main(String[] args) {
        quietLogging();
        var command = new SyncCommand(System.out, System.err, System.getenv());
        command.terminal = isTerminal(System.console());
        int code = command.run(args);
        System.out.flush();
        System.exit(code);
    }

    /** Told after the server acknowledged each call (its number from 1, its items): a hook for tests and embedding programs. */
    public SyncCommand onBatchAcknowledged(BatchListener listener) {
        this.listener = listener;
        return this;
    }

    SyncCommand patience(Duration patience) {
        this.patience = patience;
        return this;
    }

    /** How the analyser is made (a test's stand-in for a machine whose native libraries do not load). */
    SyncCommand analyzers(java.util.function.Supplier<ContentAnalyzer> analyzers) {
        this.analyzers = analyzers;
        return this;
    }

    long bytesSent() {
        return bytesSent;
    }

    int itemsSent() {
        return itemsSent;
    }

    public int run(String... args) {
        SyncArguments arguments;
        try {
            arguments = SyncArguments.parse(List.of(args), env);
        } catch (SyncArguments.UsageException e) {
            err.println(e.getMessage());
            err.println("Run  java -jar lightbox.jar sync --help  for the options.");
            return REFUSED;
        }
        if (arguments.help()) {
            out.print(SyncArguments.USAGE);
            return OK;
        }
        try {
            return sync(arguments);
        } catch (SyncServer.TokenRefusedException e) {
            err.println("The token was refused by " + arguments.server() + ": create an API token on the server's settings page and pass it"
                    + " with --token or " + SyncArguments.TOKEN_ENV + ".");
            return REFUSED;
        } catch (LocalCache.CacheBusyException e) {
            err.println(e.getMessage());
            return REFUSED;
        } catch (VersionMismatchException | SetupException e) {
            err.println(e.getMessage());
            return REFUSED;
        } catch (IOException e) {
            err.println(e.getMessage());
            return FAILURES;
        }
    }

    private int sync(SyncArguments arguments) throws IOException {
        long started = System.nanoTime();
        int version = ContentAnalyzer.version();
        SyncServer server = null;
        String serverKey = "";
        int maxItems = arguments.batchSize();
        ContentAnalyzer analyzer = probeAnalyzer();
        LocalPhotoFile.Limits limits = LocalPhotoFile.Limits.DEFAULT;
        if (!arguments.dryRun()) {
            URI uri = java.util.Objects.requireNonNull(arguments.server());
            warnIfPlainHttp(uri);
            server = new SyncServer(uri, java.util.Objects.requireNonNull(arguments.token()), patience, this::notice);
            SyncServer.Info info = server.info();
            if (info.analyzerVersion() != version) throw new VersionMismatchException(version, info.analyzerVersion(), uri);
            serverKey = uri + "#" + info.userId();
            maxItems = Math.min(maxItems, Math.max(1, info.maxItems()));
            String theirDetector = info.faceDetector();
            if (theirDetector != null && !theirDetector.equals(analyzer.faceDetector())) {
                throw new SetupException("This client finds faces with " + analyzer.faceDetector() + ", the server with " + theirDetector
                        + ": the attributes would differ; use the server's own lightbox.jar, or set the server's lightbox.analysis.face-model"
                        + " so both use the same detector.");
            }
            limits = new LocalPhotoFile.Limits(smaller(limits.maxBytes(), info.maxBytes()), smaller(limits.maxPixels(), info.maxPixels()));
        }
        PhotoWalker.Found found;
        try {
            found = PhotoWalker.walk(arguments.folder());
        } catch (IOException e) {
            throw new SetupException("The folder " + arguments.folder() + " cannot be read: " + e.getMessage());
        }
        err.printf("%d photo files (and %d other files) in %s; analysing on %d threads%s.%n", found.photos().size(), found.notPhotos(),
                arguments.folder(), arguments.threads(), arguments.dryRun() ? ", dry run: nothing is sent" : "");
        Summary summary = new Summary();
        summary.notPhotos = found.notPhotos();
        found.unreadable().forEach(s -> summary.skip(s.path(), s.reason()));
        try (LocalCache cache = LocalCache.open(arguments.cache())) {
            BatchSender sender = server == null ? null
                    : new BatchSender(server, serverKey, version, maxItems, cache, summary, clock, listener);
            examineAll(arguments, found.photos(), cache, summary, sender, serverKey, version, analyzer, limits);
            if (sender != null) {
                sender.flush();
                bytesSent = sender.bytesSent();
                itemsSent = sender.itemsSent();
            }
        }
        summary.print(out, arguments.folder(), arguments.dryRun(), (System.nanoTime() - started) / 1e9);
        if (itemsSent > 0) out.printf("Sent %d bytes for %d photos (%d bytes per photo).%n", bytesSent, itemsSent, bytesSent / itemsSent);
        out.flush();
        return summary.failed.isEmpty() ? OK : FAILURES;
    }

    private void examineAll(SyncArguments arguments, List<java.nio.file.Path> photos, LocalCache cache, Summary summary,
                            @Nullable BatchSender sender, String serverKey, int version, ContentAnalyzer analyzer,
                            LocalPhotoFile.Limits limits) throws IOException {
        FileExaminer examiner = new FileExaminer(cache, () -> analyzer, clock, limits);
        ExecutorService pool = Executors.newFixedThreadPool(arguments.threads(), analyserThreads());
        try {
            CompletionService<FileExaminer.Outcome> results = new ExecutorCompletionService<>(pool);
            photos.forEach(path -> results.submit(() -> examiner.examine(path)));
            Progress progress = new Progress(err, terminal, photos.size());
            this.progress = progress;
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < photos.size(); i++) {
                FileExaminer.Outcome outcome = next(results);
                switch (outcome) {
                    case FileExaminer.Ready ready -> {
                        if (!ready.fileKnown()) cache.rememberFile(ready.path(), ready.size(), ready.modifiedMillis(), ready.sha256());
                        if (ready.analysedNow()) cache.rememberAnalysis(ready.sha256(), version, ready.itemJson());
                        if (!ready.fileKnown() || ready.analysedNow()) cache.commit();
                        if (!seen.add(ready.sha256())) {
                            summary.duplicates++;
                        } else {
                            if (ready.analysedNow()) summary.analysed++;
                            else summary.cached++;
                            if (sender == null) {
                                printDryRun(arguments, ready);
                            } else if (cache.wasSent(serverKey, ready.sha256(), version)) {
                                summary.alreadySynced++;
                            } else {
                                sender.add(new BatchSender.Item(ready.path(), ready.sha256(), ready.itemJson()));
                            }
                        }
                    }
                    case FileExaminer.Refused refused -> {
                        if (!refused.fileKnown()) {
                            cache.rememberRefusal(refused.path(), refused.size(), refused.modifiedMillis(), refused.reason());
                            cache.commit();
                        }
                        summary.skip(refused.path(), refused.reason());
                    }
                    case FileExaminer.Failed failed -> summary.fail(failed.path(), failed.reason());
                }
                progress.fileDone();
            }
            progress.finish();
        } finally {
            pool.shutdownNow();
        }
    }

    /** A retry notice: on a terminal it must not land in the middle of the progress bar's line. */
    private void notice(String message) {
        Progress current = progress;
        if (current == null) err.println("  " + message);
        else current.notice("  " + message);
    }

    private static FileExaminer.Outcome next(CompletionService<FileExaminer.Outcome> results) throws IOException {
        try {
            return results.take().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("an analyser thread failed", e.getCause()); // examine() returns failures, never throws
        }
    }

    private void printDryRun(SyncArguments arguments, FileExaminer.Ready ready) {
        SyncItemJson item = SyncItemJson.fromJson(ready.itemJson());
        String attributes = List.of("sharpness", "exposure", "brightness", "brisque", "faceCount").stream()
                .filter(item.attributes()::containsKey).map(key -> key + "=" + item.attributes().get(key)).collect(Collectors.joining(" "));
        out.println(ready.sha256() + "  " + Summary.relative(arguments.folder(), ready.path()) + "  " + item.metadata().width() + "x"
                + item.metadata().height() + "  " + attributes);
    }

    private void warnIfPlainHttp(URI server) {
        if (!"http".equals(server.getScheme())) return;
        try {
            if (InetAddress.getByName(server.getHost()).isLoopbackAddress()) return;
        } catch (IOException unknownHost) {
            return; // the handshake says so
        }
        err.println("Warning: " + server + " is plain http: the token and attributes travel unencrypted. Use https:// across a network.");
    }

    private static java.util.concurrent.ThreadFactory analyserThreads() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "sync-analyser-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Loads OpenCV and the models before anything else: a jar whose native libraries do not load here stops with one sentence. */
    private ContentAnalyzer probeAnalyzer() throws SetupException {
        try {
            return analyzers.get();
        } catch (LinkageError e) {
            throw new SetupException(PLATFORM_LIMIT + " (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
    }

    /** The smaller of the client's limit and the server's; a server that does not say its limit (0) leaves the client's. */
    private static long smaller(long ours, long theirs) {
        return theirs > 0 ? Math.min(ours, theirs) : ours;
    }

    private static void quietLogging() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logback) {
            logback.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.WARN);
        }
    }

    /** JDK 22+ gives a Console even when output is redirected; only a real terminal gets the redrawn bar. */
    static boolean isTerminal(@Nullable Console console) {
        if (console == null) return false;
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException olderJdk) {
            return true;
        }
    }

    static final class VersionMismatchException extends IOException {
        VersionMismatchException(int ours, int theirs, URI server) {
            super("This client's analyser is version " + ours + ", the server's is " + theirs + ": "
                    + (theirs > ours ? "download lightbox.jar from the server's version (" + server + ") and run that."
                    : "upgrade the server to this version, or use the lightbox.jar of the server's version."));
        }
    }

    static final class SetupException extends IOException {
        SetupException(String message) {
            super(message);
        }
    }

}
