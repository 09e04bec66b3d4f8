package io.keygate.credentials;

import java.security.SecureRandom;
import java.util.Objects;

/**
 * Mints random access key ids, secret access keys and IAM unique ids in the formats AWS uses.
 * Backed by a {@link SecureRandom}; thread-safe (SecureRandom is).
 */
public final class IdGenerator {

    /** Length of a secret access key. */
    public static final int SECRET_LENGTH = 40;
    /** Characters after the prefix of an IAM unique id. */
    public static final int UNIQUE_ID_SUFFIX_LENGTH = 17;

    private static final char[] ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
    private static final char[] SECRET_ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();

    private final SecureRandom random;

    /** A generator over the given source of randomness (tests may pass a seeded one). */
    public IdGenerator(SecureRandom random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    /** A generator over a fresh {@link SecureRandom}. */
    public static IdGenerator create() {
        return new IdGenerator(ThreadLocalSecureRandom.INSTANCE);
    }

    /** A new long-term access key id, {@code AKIA} + 16 characters. */
    public AccessKeyId longTermAccessKeyId() {
        return new AccessKeyId(AccessKeyId.LONG_TERM_PREFIX + randomChars(ID_ALPHABET, 16));
    }

    /** A new temporary access key id, {@code ASIA} + 16 characters. */
    public AccessKeyId temporaryAccessKeyId() {
        return new AccessKeyId(AccessKeyId.TEMPORARY_PREFIX + randomChars(ID_ALPHABET, 16));
    }

    /** A new long-term access key id that encodes {@code accountId} (see {@link AccessKeyIds}). */
    public AccessKeyId longTermAccessKeyId(String accountId) {
        return new AccessKeyId(AccessKeyId.LONG_TERM_PREFIX + encodedId(accountId));
    }

    /** A new temporary access key id that encodes {@code accountId} (see {@link AccessKeyIds}). */
    public AccessKeyId temporaryAccessKeyId(String accountId) {
        return new AccessKeyId(AccessKeyId.TEMPORARY_PREFIX + encodedId(accountId));
    }

    private String encodedId(String accountId) {
        if (!AccountIds.isWellFormed(accountId)) {
            throw new IllegalArgumentException("account id must be 12 digits");
        }
        byte[] entropy = new byte[5];
        random.nextBytes(entropy);
        return Base32.encode(AccessKeyIds.layout(accountId, entropy));
    }

    /** A new secret access key: 40 characters of {@code A-Za-z0-9+/} (about 238 bits). */
    public String secretAccessKey() {
        return randomChars(SECRET_ALPHABET, SECRET_LENGTH);
    }

    /** A new IAM unique id such as {@code AROA} + 17 characters. */
    public String uniqueId(UniqueIdType type) {
        return type.prefix() + randomChars(ID_ALPHABET, UNIQUE_ID_SUFFIX_LENGTH);
    }

    /** Whether {@code value} has the shape of a secret access key; null gives false. */
    public static boolean isWellFormedSecret(String value) {
        if (value == null || value.length() != SECRET_LENGTH) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private String randomChars(char[] alphabet, int count) {
        // Both alphabets have a power-of-two size of at most 256, so masking a random byte is unbiased. One draw of
        // all the bytes: a draw per character cost a DRBG generation each.
        int mask = alphabet.length - 1;
        byte[] drawn = new byte[count];
        random.nextBytes(drawn);
        char[] out = new char[count];
        for (int i = 0; i < count; i++) {
            out[i] = alphabet[drawn[i] & mask];
        }
        return new String(out);
    }
}
