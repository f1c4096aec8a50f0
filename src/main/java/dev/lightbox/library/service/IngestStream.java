package dev.lightbox.library.service;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Passes an upload through on its way to the object store, hashing (SHA-256) and counting it, keeping
 * its last bytes (to check the format's end marker), and failing once it exceeds the byte limit.
 */
final class IngestStream extends FilterInputStream {

    static final int TAIL = 64;

    private final MessageDigest sha256;
    private final long limit;
    private final byte[] tail = new byte[TAIL];
    private long count;
    private boolean limitExceeded;

    IngestStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            sha256.update(buffer, offset, n);
            remember(buffer, offset, n);
            count += n;
            if (count > limit) {
                limitExceeded = true;
                throw new IOException("upload exceeds " + limit + " bytes");
            }
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        throw new IOException("an upload is read whole, never skipped");
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void remember(byte[] buffer, int offset, int n) {
        if (n >= TAIL) {
            System.arraycopy(buffer, offset + n - TAIL, tail, 0, TAIL);
        } else {
            System.arraycopy(tail, n, tail, 0, TAIL - n);
            System.arraycopy(buffer, offset, tail, TAIL - n, n);
        }
    }

    long count() {
        return count;
    }

    boolean limitExceeded() {
        return limitExceeded;
    }

    String sha256Hex() {
        return HexFormat.of().formatHex(sha256.digest());
    }

    /** The last {@code min(count, 64)} bytes read. */
    byte[] tail() {
        int kept = (int) Math.min(count, TAIL);
        byte[] result = new byte[kept];
        System.arraycopy(tail, TAIL - kept, result, 0, kept);
        return result;
    }
}
