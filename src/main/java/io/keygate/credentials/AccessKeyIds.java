package io.keygate.credentials;

import java.util.Optional;

/**
 * The account encoded in an access key id. Keygate lays out the 80 bits after the {@code AKIA}/{@code ASIA}
 * prefix as AWS does: the first 48 bits hold {@code account << 7} plus 7 random bits, the last 32 bits are random.
 * So {@code GetAccessKeyInfo} can answer for temporary keys without any store, and tools that decode AWS key ids
 * find the right account.
 */
public final class AccessKeyIds {

    private static final long ACCOUNT_MASK = 0x7fffffffff80L;

    private AccessKeyIds() {
    }

    /** The 10 bytes behind the prefix for {@code accountId}, with {@code random} filling the free bits. */
    static byte[] layout(String accountId, byte[] random) {
        long account = Long.parseLong(accountId);
        long head = (account << 7) | (random[0] & 0x7f);
        byte[] out = new byte[10];
        for (int i = 0; i < 6; i++) {
            out[i] = (byte) (head >>> (8 * (5 - i)));
        }
        System.arraycopy(random, 1, out, 6, 4);
        return out;
    }

    /**
     * The account an id names, as 12 digits; empty when the id is not a 20-character {@code AKIA}/{@code ASIA} id
     * in the base-32 alphabet.
     */
    public static Optional<String> accountOf(String accessKeyId) {
        if (!AccessKeyId.isWellFormed(accessKeyId)) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = Base32.decode(accessKeyId.substring(4));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (bytes.length < 6) {
            return Optional.empty();
        }
        long head = 0;
        for (int i = 0; i < 6; i++) {
            head = (head << 8) | (bytes[i] & 0xff);
        }
        long account = (head & ACCOUNT_MASK) >>> 7;
        return account > 999_999_999_999L ? Optional.empty() : Optional.of(String.format("%012d", account));
    }
}
