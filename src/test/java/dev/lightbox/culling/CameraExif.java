package dev.lightbox.culling;

import dev.lightbox.coach.demo.DemoExif;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/** Inserts an EXIF APP1 segment with the camera's make and model and the capture time into a JPEG. */
public final class CameraExif {

    private CameraExif() {
    }

    /** {@code make} and {@code model}: 4 to 40 ASCII characters; {@code dateTimeOriginal}: "yyyy:MM:dd HH:mm:ss". */
    public static byte[] jpeg(byte[] jpeg, String make, String model, String dateTimeOriginal) {
        return DemoExif.withCamera(jpeg, make, model, LocalDateTime.parse(dateTimeOriginal, DateTimeFormatter.ofPattern("yyyy:MM:dd HH:mm:ss")));
    }
}
