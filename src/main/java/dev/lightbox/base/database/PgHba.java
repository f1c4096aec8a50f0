package dev.lightbox.base.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;

/** The embedded server's {@code pg_hba.conf}: every connection, socket or loopback TCP, proves the password by SCRAM. */
final class PgHba {

    static final String FILE_NAME = "pg_hba.conf";

    private static final String PASSWORD_ONLY = """
            # Written by Lightbox: every connection proves the password kept in the data directory
            # (postgres-credentials.properties) by SCRAM-SHA-256. The server listens on 127.0.0.1 only.
            # TYPE  DATABASE  USER  ADDRESS       METHOD
            local   all       all                 scram-sha-256
            host    all       all   127.0.0.1/32  scram-sha-256
            host    all       all   ::1/128       scram-sha-256
            """;

    private PgHba() {
    }

    /** True for a data directory not made yet (initdb writes {@code trust}) and for one made that way before. */
    static boolean allowsConnectionsWithoutPassword(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        if (!Files.exists(file)) return true;
        try {
            return trustLines(Files.readAllLines(file)) > 0;
        } catch (IOException e) {
            return true; // unreadable: rewriting it is the safe side
        }
    }

    static long trustLines(List<String> lines) {
        return lines.stream()
                .map(line -> line.replaceFirst("#.*", "").trim().toLowerCase(Locale.ROOT))
                .filter(line -> !line.isEmpty())
                .filter(line -> line.matches(".*\\s(trust|password|md5)(\\s.*)?$") && !line.contains("scram-sha-256"))
                .count();
    }

    static void writePasswordOnly(Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE_NAME);
        Path temp = dataDir.resolve(FILE_NAME + ".tmp");
        Files.writeString(temp, PASSWORD_ONLY);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
