package dev.lightbox.sync.cli;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The command line of {@code sync}, checked: any problem is a {@link UsageException} with one sentence. */
record SyncArguments(Path folder, @Nullable URI server, @Nullable String token, boolean dryRun, int threads, Path cache, int batchSize,
                     boolean help) {

    static final String TOKEN_ENV = "LIGHTBOX_SYNC_TOKEN";
    static final int MAX_BATCH = 1000;

    static final String USAGE = """
            Usage: java -jar lightbox.jar sync <folder> --server <url> --token <token> [--dry-run] [--threads N]
                                           [--cache <dir>] [--batch-size N]

            Analyses the photos in <folder> (and its subfolders) on this computer with the server's analyser and sends
            only their SHA-256 hashes, metadata and attributes to the server; the pixels never leave this computer.

              --server <url>     the Lightbox server, e.g. https://photos.example.org
              --token <token>    an API token (settings page); or set LIGHTBOX_SYNC_TOKEN to keep it out of the
                                 process list and shell history
              --dry-run          analyse and print what would be sent; send nothing (--server and --token optional)
              --threads N        photos analysed at once (default: the number of cores)
              --cache <dir>      where the local cache lives (default ~/.lightbox)
              --batch-size N     items per request, 1..1000 (default 1000)
              --help             this text

            Exit codes: 0 everything analysed is on the server (skipped files do not count), 1 some file or batch
            failed, 2 usage, token or analyser-version problem.
            """;

    static SyncArguments parse(List<String> args, Map<String, String> env) {
        Path folder = null;
        String server = null;
        String token = null;
        boolean dryRun = false;
        boolean help = false;
        int threads = Runtime.getRuntime().availableProcessors();
        Path cache = Path.of(System.getProperty("user.home"), ".lightbox");
        int batchSize = MAX_BATCH;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--help", "-h" -> help = true;
                case "--dry-run" -> dryRun = true;
                case "--server" -> server = value(args, ++i, arg);
                case "--token" -> token = value(args, ++i, arg);
                case "--threads" -> threads = number(value(args, ++i, arg), arg, 1, 256);
                case "--cache" -> cache = Path.of(value(args, ++i, arg));
                case "--batch-size" -> batchSize = number(value(args, ++i, arg), arg, 1, MAX_BATCH);
                default -> {
                    if (arg.startsWith("-")) throw new UsageException("Unknown option " + arg + ".");
                    if (folder != null) throw new UsageException("Give one folder (" + folder + " and " + arg + " were given).");
                    folder = Path.of(arg);
                }
            }
        }
        if (help) return new SyncArguments(Path.of("."), null, null, dryRun, threads, cache, batchSize, true);
        if (folder == null) throw new UsageException("Give the folder to sync.");
        if (!Files.isDirectory(folder)) throw new UsageException(folder + " is not a folder.");
        if (token == null || token.isBlank()) token = env.get(TOKEN_ENV);
        if (token != null && token.isBlank()) token = null;
        URI serverUri = server == null ? null : serverUri(server);
        if (!dryRun && serverUri == null) throw new UsageException("Give the server with --server <url>.");
        if (!dryRun && token == null) throw new UsageException("Give an API token with --token or the " + TOKEN_ENV + " environment variable.");
        return new SyncArguments(folder.toAbsolutePath().normalize(), serverUri, token, dryRun, threads, cache.toAbsolutePath().normalize(),
                batchSize, false);
    }

    private static URI serverUri(String server) {
        URI uri;
        try {
            uri = URI.create(server.endsWith("/") ? server.substring(0, server.length() - 1) : server);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--server " + server + " is not a URL.");
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new UsageException("--server must be an http:// or https:// URL, like https://photos.example.org.");
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new UsageException("--server must be the server's plain address, without user, query or fragment.");
        }
        return uri;
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) throw new UsageException(option + " needs a value.");
        return args.get(i);
    }

    private static int number(String value, String option, int min, int max) {
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) return n;
        } catch (NumberFormatException e) {
            // said below
        }
        throw new UsageException(option + " must be a whole number from " + min + " to " + max + ".");
    }

    /** The token must never be printed, so it is left out of the record's text. */
    @Override
    public String toString() {
        return "SyncArguments[folder=" + folder + ", server=" + server + ", dryRun=" + dryRun + ", threads=" + threads + ", cache=" + cache
                + ", batchSize=" + batchSize + "]";
    }

    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
