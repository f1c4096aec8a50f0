package dev.lightbox.data.backup.service;

import java.nio.file.Path;

/** Where an object's bytes sit in a backup: {@code objects/<key>}, for keys that stay inside that folder. */
final class ObjectPaths {

    private ObjectPaths() {
    }

    static Path resolve(Path objectsDir, String key) {
        if (key.isEmpty() || key.startsWith("/") || key.contains("\\") || key.contains("\0")) {
            throw BackupException.refused("Object key not storable in a backup: " + key);
        }
        for (String segment : key.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw BackupException.refused("Object key not storable in a backup: " + key);
            }
        }
        Path file = objectsDir.resolve(key).normalize();
        if (!file.startsWith(objectsDir.normalize())) throw BackupException.refused("Object key not storable in a backup: " + key);
        return file;
    }
}
