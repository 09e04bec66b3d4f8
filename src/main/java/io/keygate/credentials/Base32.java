package io.keygate.credentials;

import java.util.Objects;

/**
 * Base32 as in RFC 4648 section 6 (alphabet {@code A-Z2-7}), the encoding of TOTP seeds in {@code otpauth://} URIs
 * and in IAM's {@code Base32StringSeed}. Encoding pads with {@code =}; decoding ignores case, padding and spaces.
 * Stateless and thread-safe.
 */
public final class Base32 {

    private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    private Base32() {
    }

    /** Encodes {@code data} with padding. */
    public static String encode(byte[] data) {
        Objects.requireNonNull(data, "data");
        StringBuilder out = new StringBuilder((data.length + 4) / 5 * 8);
        int buffer = 0;
        int bits = 0;
        for (byte b : data) {
            buffer = (buffer << 8) | (b & 0xFF);
            bits += 8;
            while (bits >= 5) {
                out.append(ALPHABET[(buffer >>> (bits - 5)) & 0x1F]);
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(ALPHABET[(buffer << (5 - bits)) & 0x1F]);
        }
        while (out.length() % 8 != 0) {
            out.append('=');
        }
        return out.toString();
    }

    /**
     * Decodes {@code text}, ignoring case, whitespace and trailing {@code =} padding.
     *
     * @throws IllegalArgumentException on a character outside the alphabet, padding in the middle, or a length no
     *                                  encoder produces
     */
    public static byte[] decode(String text) {
        Objects.requireNonNull(text, "text");
        String s = text.replaceAll("\\s+", "");
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '=') {
            end--;
        }
        int symbols = end;
        int rest = symbols % 8;
        if (rest == 1 || rest == 3 || rest == 6) {
            throw new IllegalArgumentException("not Base32: impossible length");
        }
        byte[] out = new byte[symbols * 5 / 8];
        int buffer = 0;
        int bits = 0;
        int n = 0;
        for (int i = 0; i < end; i++) {
            int v = value(s.charAt(i));
            if (v < 0) {
                throw new IllegalArgumentException("not Base32: bad character at " + i);
            }
            buffer = (buffer << 5) | v;
            bits += 5;
            if (bits >= 8) {
                out[n++] = (byte) (buffer >>> (bits - 8));
                bits -= 8;
            }
        }
        return out;
    }

    private static int value(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a';
        }
        if (c >= '2' && c <= '7') {
            return c - '2' + 26;
        }
        return -1;
    }
}
