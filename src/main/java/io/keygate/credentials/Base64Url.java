package io.keygate.credentials;

/**
 * Base64url without padding (RFC 4648 section 5, as JOSE uses it: RFC 7515 section 2) written straight into a
 * caller's ASCII buffer, so that a token is assembled in one array instead of one string per part.
 *
 * <p>Stateless and thread-safe.
 */
final class Base64Url {

    private static final byte[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".getBytes(
                    java.nio.charset.StandardCharsets.US_ASCII);

    private Base64Url() {
    }

    /** The number of characters {@code bytes} bytes encode to. */
    static int length(int bytes) {
        return bytes / 3 * 4 + (bytes % 3 == 0 ? 0 : bytes % 3 + 1);
    }

    /**
     * Encodes {@code src[from, to)} into {@code dst} from {@code at}.
     *
     * @return the index in {@code dst} after the last character written
     */
    static int encode(byte[] src, int from, int to, byte[] dst, int at) {
        int i = from;
        for (; i + 3 <= to; i += 3) {
            int bits = (src[i] & 0xff) << 16 | (src[i + 1] & 0xff) << 8 | src[i + 2] & 0xff;
            dst[at++] = ALPHABET[bits >>> 18];
            dst[at++] = ALPHABET[bits >>> 12 & 0x3f];
            dst[at++] = ALPHABET[bits >>> 6 & 0x3f];
            dst[at++] = ALPHABET[bits & 0x3f];
        }
        int left = to - i;
        if (left == 1) {
            int bits = (src[i] & 0xff) << 16;
            dst[at++] = ALPHABET[bits >>> 18];
            dst[at++] = ALPHABET[bits >>> 12 & 0x3f];
        } else if (left == 2) {
            int bits = (src[i] & 0xff) << 16 | (src[i + 1] & 0xff) << 8;
            dst[at++] = ALPHABET[bits >>> 18];
            dst[at++] = ALPHABET[bits >>> 12 & 0x3f];
            dst[at++] = ALPHABET[bits >>> 6 & 0x3f];
        }
        return at;
    }
}
