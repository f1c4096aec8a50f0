package dev.lightbox.library.service;

import dev.lightbox.base.LightboxStartupException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Who is uploading: {@code nodeId} stays the same across restarts (generated once into
 * {@code <data dir>/node-id}), {@code incarnation} is new for each process. A restarted node owns the
 * in-flight uploads of its earlier incarnations: whatever they left behind, it may remove at once.
 * (The job workers' id is per process, so it cannot tell a node's past from a stranger's.)
 */
@Component
class NodeIdentity {

    private final String nodeId;
    private final UUID incarnation = UUID.randomUUID();

    NodeIdentity(@Value("${lightbox.data-dir:./data}") String dataDir) {
        Path file = Path.of(dataDir).toAbsolutePath().normalize().resolve("node-id");
        try {
            if (Files.isRegularFile(file)) {
                String stored = Files.readString(file, StandardCharsets.UTF_8).strip();
                if (!stored.isEmpty()) {
                    this.nodeId = stored;
                    return;
                }
            }
            Files.createDirectories(file.getParent());
            String generated = UUID.randomUUID().toString();
            Path temp = Files.createTempFile(file.getParent(), ".node-id", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temp, generated + "\n", StandardCharsets.UTF_8);
            Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            this.nodeId = generated;
        } catch (IOException e) {
            throw new LightboxStartupException("Cannot keep this node's id in " + file + ": " + e.getMessage(),
                    "Set LIGHTBOX_DATA_DIR to a folder this user can write, or fix its permissions.", e);
        }
    }

    String nodeId() {
        return nodeId;
    }

    UUID incarnation() {
        return incarnation;
    }
}
