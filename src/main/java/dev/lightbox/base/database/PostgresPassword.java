package dev.lightbox.base.database;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Properties;

/**
 * The embedded PostgreSQL's password: generated once and kept in {@code <data dir>/postgres-credentials.properties}
 * (mode 600), like the embedded S3 server's keys. It is never logged.
 */
final class PostgresPassword {

    static final String FILE_NAME = "postgres-credentials.properties";
    private static final String KEY = "password";

    private PostgresPassword() {
    }

    static String loadOrCreate(Path file) throws IOException {
        if (Files.exists(file)) {
            Properties properties = new Properties();
            try (InputStream in = Files.newInputStream(file)) {
                properties.load(in);
            }
            String password = properties.getProperty(KEY);
            if (password != null && !password.isBlank()) return password;
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String password = HexFormat.of().formatHex(random);
        Properties properties = new Properties();
        properties.setProperty(KEY, password);
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (OutputStream out = Files.newOutputStream(temp)) {
            properties.store(out, "Generated password of the role 'postgres' of Lightbox's embedded PostgreSQL");
        }
        Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return password;
    }
}
