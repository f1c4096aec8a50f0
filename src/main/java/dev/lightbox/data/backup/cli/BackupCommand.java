package dev.lightbox.data.backup.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import dev.lightbox.base.DataDirectory;
import dev.lightbox.base.LightboxStartupException;
import dev.lightbox.base.database.DatabaseProperties;
import dev.lightbox.base.database.StandaloneDatabase;
import dev.lightbox.data.backup.service.BackupException;
import dev.lightbox.data.backup.service.BackupRestorer;
import dev.lightbox.data.backup.service.BackupWriter;
import dev.lightbox.data.backup.service.Manifest;
import dev.lightbox.storage.DeletionGate;
import dev.lightbox.storage.StandaloneObjectStore;
import dev.lightbox.storage.StorageProperties;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code java -jar lightbox.jar backup <dir>} and {@code … restore <dir>}, with the app stopped: the settings are the
 * app's ({@code LIGHTBOX_DATA_DIR}, {@code LIGHTBOX_DB_*}, {@code LIGHTBOX_S3_*}); for the embedded setup the embedded
 * PostgreSQL and S3 server are started here on the data directory. Nothing else of the app starts. Exit 0: done;
 * 1: failed on the way; 2: refused (usage, app running, non-empty target, damaged or newer backup), nothing written.
 */
public final class BackupCommand {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int REFUSED = 2;

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;
    private final JsonMapper json = JsonMapper.builder().findAndAddModules().build();

    public BackupCommand(PrintStream out, PrintStream err, Map<String, String> env) {
        this.out = out;
        this.err = err;
        this.env = env;
    }

    /** {@code Application.main} hands {@code backup}/{@code restore} here before anything of Spring loads. */
    public static void main(String command, String[] args) {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logback) {
            logback.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.WARN);
        }
        int code = new BackupCommand(System.out, System.err, System.getenv()).run(command, List.of(args));
        System.out.flush();
        System.exit(code);
    }

    public int run(String command, List<String> args) {
        if (args.size() != 1 || args.getFirst().startsWith("-")) {
            err.println("Usage: java -jar lightbox.jar " + command + " <folder>   (settings as the app's: LIGHTBOX_DATA_DIR, LIGHTBOX_DB_*, LIGHTBOX_S3_*)");
            return REFUSED;
        }
        Path folder = Path.of(args.getFirst()).toAbsolutePath().normalize();
        try {
            return command.equals("backup") ? backup(folder) : restore(folder);
        } catch (BackupException e) {
            err.println((e.refused() ? "Refused: " : "Failed: ") + e.getMessage());
            return e.refused() ? REFUSED : FAILED;
        } catch (LightboxStartupException e) {
            err.println("Refused: " + e.getMessage() + " " + e.action());
            return REFUSED;
        } catch (Exception e) {
            err.println("Failed: " + e.getMessage());
            return FAILED;
        }
    }

    private int backup(Path folder) throws Exception {
        if (Files.exists(folder) && !isEmptyDirectory(folder)) {
            throw BackupException.refused("The backup folder " + folder + " is not empty: give a new or empty folder.");
        }
        Settings settings = settings();
        boolean embedded = settings.embedded();
        if (embedded && !Files.isDirectory(settings.dataDir())) {
            throw BackupException.refused("No data directory at " + settings.dataDir() + ": set LIGHTBOX_DATA_DIR to the app's.");
        }
        // an uninitialised folder would get a new empty database and bucket, backed up as if it were the app's
        if (StandaloneDatabase.embedded(settings.db()) && !Files.isRegularFile(settings.dataDir().resolve("postgres").resolve("PG_VERSION"))) {
            throw BackupException.refused("No embedded database in " + settings.dataDir().resolve("postgres")
                    + ": LIGHTBOX_DATA_DIR must name the app's data directory (or set LIGHTBOX_DB_URL).");
        }
        if (StandaloneObjectStore.embedded(settings.s3()) && !Files.isDirectory(settings.dataDir().resolve("objects"))) {
            throw BackupException.refused("No embedded object storage in " + settings.dataDir().resolve("objects")
                    + ": LIGHTBOX_DATA_DIR must name the app's data directory (or set LIGHTBOX_S3_ENDPOINT).");
        }
        try (AutoCloseable lock = embedded ? lock(settings.dataDir()) : () -> { };
             var database = StandaloneDatabase.open(settings.db(), settings.dataDir());
             var objects = StandaloneObjectStore.open(settings.s3(), settings.dataDir(), DeletionGate.of(database.dataSource()))) {
            var writer = new BackupWriter(database::connect, objects.store(), json, Clock.systemUTC(), appVersion());
            Manifest manifest = writer.write(folder, null);
            out.println("Backup written to " + folder + ": " + manifest.tables().size() + " tables, " + manifest.rows("photos") + " photos, "
                    + manifest.objects().size() + " objects, " + manifest.sizeBytes() + " bytes.");
            return OK;
        }
    }

    private int restore(Path folder) throws Exception {
        var restorer = new BackupRestorer(json);
        Manifest manifest = restorer.verify(folder);
        Settings settings = settings();
        if (settings.embedded() && Files.exists(settings.dataDir()) && !isEmptyDirectory(settings.dataDir())) {
            throw BackupException.refused("The data directory " + settings.dataDir() + " is not empty: restore needs a new or empty LIGHTBOX_DATA_DIR.");
        }
        try (AutoCloseable lock = settings.embedded() ? lock(settings.dataDir()) : () -> { };
             var database = StandaloneDatabase.open(settings.db(), settings.dataDir());
             var objects = StandaloneObjectStore.open(settings.s3(), settings.dataDir(), DeletionGate.NONE)) {
            restorer.requireEmptyTarget(database::connect, objects.store());
            restorer.restore(folder, manifest, database::connect, database.dataSource(), objects.store());
            out.println("Restored " + folder + " (made " + manifest.created() + " by Lightbox " + manifest.appVersion() + "): "
                    + manifest.rows("photos") + " photos, " + manifest.objects().size() + " objects.");
            return OK;
        }
    }

    private static boolean isEmptyDirectory(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) return false;
        try (var entries = Files.list(folder)) {
            return entries.findAny().isEmpty();
        }
    }

    /** Holding the data directory's lock proves the app is not running on it. */
    private static AutoCloseable lock(Path dataDir) {
        try {
            return new DataDirectory(dataDir.toString())::destroy;
        } catch (LightboxStartupException e) {
            if (e.getMessage() != null && e.getMessage().contains("in use")) {
                throw BackupException.refused("Lightbox is running on " + dataDir + ": stop it first (backup and restore need the app stopped).");
            }
            throw e;
        }
    }

    record Settings(Path dataDir, DatabaseProperties db, StorageProperties s3) {
        boolean embedded() {
            return StandaloneDatabase.embedded(db) || StandaloneObjectStore.embedded(s3);
        }
    }

    /** The app's settings, bound the way Spring Boot binds them: environment variables and {@code -D} system properties. */
    Settings settings() {
        var environment = new StandardEnvironment();
        var sources = environment.getPropertySources();
        sources.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new java.util.HashMap<String, Object>(env)));
        sources.addLast(new MapPropertySource("defaults", Map.of()));
        ConfigurationPropertySources.attach(environment);
        Binder binder = Binder.get(environment);
        String dataDir = env.getOrDefault("LIGHTBOX_DATA_DIR", System.getProperty("lightbox.data-dir", "./data"));
        return new Settings(Path.of(dataDir).toAbsolutePath().normalize(),
                binder.bindOrCreate("lightbox.db", DatabaseProperties.class),
                binder.bindOrCreate("lightbox.s3", StorageProperties.class));
    }

    private static String appVersion() {
        String version = BackupCommand.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
