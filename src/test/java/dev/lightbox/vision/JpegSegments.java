package dev.lightbox.vision;

import java.util.ArrayList;
import java.util.List;

/** The marker bytes of a JPEG's header segments, from SOI up to the start of scan. */
final class JpegSegments {

    private JpegSegments() {
    }

    static List<Integer> markers(byte[] jpeg) {
        var markers = new ArrayList<Integer>();
        int i = 2;
        while (i + 4 <= jpeg.length) {
            if ((jpeg[i] & 0xff) != 0xFF) throw new AssertionError("not a marker at " + i);
            int marker = jpeg[i + 1] & 0xff;
            markers.add(marker);
            if (marker == 0xDA) break; // start of scan: entropy-coded data follows
            int length = ((jpeg[i + 2] & 0xff) << 8) | (jpeg[i + 3] & 0xff);
            i += 2 + length;
        }
        return markers;
    }
}
