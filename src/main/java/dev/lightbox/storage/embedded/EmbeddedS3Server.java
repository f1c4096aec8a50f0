package dev.lightbox.storage.embedded;

import dev.lightbox.base.LightboxStartupException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Properties;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real S3 server (s3proxy, SigV4 enforced) on loopback, storing objects as files under
 * {@code <data dir>/objects}. Its credentials are generated once and kept in {@code <data dir>/s3-credentials.properties}.
 */
public final class EmbeddedS3Server implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedS3Server.class);

    private final S3Proxy proxy;
    private final String endpoint;
    private final String accessKey;
    private final String secretKey;

    private EmbeddedS3Server(S3Proxy proxy, String endpoint, String accessKey, String secretKey) {
        this.proxy = proxy;
        this.endpoint = endpoint;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
    }

    public static EmbeddedS3Server start(Path objectsDir, Path credentialsFile, int port) {
        try {
            Properties credentials = loadOrCreateCredentials(credentialsFile);
            int actualPort = port > 0 ? port : freeLoopbackPort();
            String endpoint = "http://127.0.0.1:" + actualPort;
            S3Proxy proxy = S3Proxy.builder()
                    .blobStore(new FilesystemNio2BlobStore(objectsDir.toString()))
                    .endpoint(URI.create(endpoint))
                    .awsAuthentication(AuthenticationType.AWS_V4,
                            credentials.getProperty("accessKey"), credentials.getProperty("secretKey"))
                    .build();
            proxy.start();
            log.info("Embedded S3 server started on {} with objects in {}", endpoint, objectsDir);
            return new EmbeddedS3Server(proxy, endpoint, credentials.getProperty("accessKey"), credentials.getProperty("secretKey"));
        } catch (Exception e) {
            throw new LightboxStartupException("Embedded S3 server could not start in " + objectsDir + ": " + e.getMessage(),
                    "Check the data directory's permissions, or set LIGHTBOX_S3_ENDPOINT to use an external S3 server.", e);
        }
    }

    private static Properties loadOrCreateCredentials(Path file) throws IOException {
        Properties credentials = new Properties();
        if (Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                credentials.load(in);
            }
            if (credentials.getProperty("accessKey") != null && credentials.getProperty("secretKey") != null) {
                return credentials;
            }
        }
        SecureRandom random = new SecureRandom();
        credentials.setProperty("accessKey", "lightbox-" + randomHex(random, 8));
        credentials.setProperty("secretKey", randomHex(random, 32));
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (OutputStream out = Files.newOutputStream(file)) {
            credentials.store(out, "Generated credentials of Lightbox's embedded S3 server");
        }
        return credentials;
    }

    private static String randomHex(SecureRandom random, int bytes) {
        byte[] buffer = new byte[bytes];
        random.nextBytes(buffer);
        return HexFormat.of().formatHex(buffer);
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    public String endpoint() {
        return endpoint;
    }

    public String accessKey() {
        return accessKey;
    }

    public String secretKey() {
        return secretKey;
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
    }
}
