package io.keygate.credentials;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords as virtual MFA devices use them: RFC 6238 with HMAC-SHA1, a 30-second step from the
 * Unix epoch and 6 digits (RFC 4226 dynamic truncation). {@link #verify} accepts the current step and one step
 * either side (clock drift) and returns the step it matched, so the caller can refuse a code whose step it has
 * already accepted (replay). Stateless and thread-safe.
 */
public final class Totp {

    /** Seconds per time step. */
    public static final int STEP_SECONDS = 30;
    /** Digits in a code. */
    public static final int DIGITS = 6;
    /** Steps accepted either side of the current one. */
    public static final int WINDOW = 1;
    /** Bytes in a seed minted by {@link #newSeed()} (160 bits, RFC 4226 section 4). */
    public static final int SEED_BYTES = 20;

    private static final SecureRandom RANDOM = ThreadLocalSecureRandom.INSTANCE;

    private Totp() {
    }

    /** A new random seed; give it to the user as {@link Base32#encode(byte[])}. */
    public static byte[] newSeed() {
        byte[] seed = new byte[SEED_BYTES];
        RANDOM.nextBytes(seed);
        return seed;
    }

    /** The time step holding {@code instant}. */
    public static long timeStep(Instant instant) {
        return Math.floorDiv(instant.getEpochSecond(), STEP_SECONDS);
    }

    /** The 6-digit code for {@code instant} (zero-padded). */
    public static String generate(byte[] secret, Instant instant) {
        return codeForStep(secret, timeStep(instant));
    }

    /**
     * Checks {@code code} against the steps at {@code clock}'s instant and one either side.
     *
     * @return the matched time step, or empty if the code is wrong or not six digits
     */
    public static OptionalLong verify(byte[] secret, String code, Clock clock) {
        Objects.requireNonNull(secret, "secret");
        if (code == null || code.length() != DIGITS || !code.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            return OptionalLong.empty();
        }
        byte[] given = code.getBytes(StandardCharsets.US_ASCII);
        long now = timeStep(clock.instant());
        long matched = Long.MIN_VALUE;
        // Every candidate is computed and compared in constant time, so timing does not tell which step matched.
        for (long step = now - WINDOW; step <= now + WINDOW; step++) {
            byte[] expected = codeForStep(secret, step).getBytes(StandardCharsets.US_ASCII);
            if (MessageDigest.isEqual(expected, given) && matched == Long.MIN_VALUE) {
                matched = step;
            }
        }
        return matched == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(matched);
    }

    /** The code for one time step: HOTP (RFC 4226) with the step as the counter. */
    static String codeForStep(byte[] secret, long step) {
        byte[] hash;
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret, "HmacSHA1"));
            hash = mac.doFinal(ByteBuffer.allocate(Long.BYTES).putLong(step).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is not available", e);
        }
        int offset = hash[hash.length - 1] & 0x0F;
        int binary = ((hash[offset] & 0x7F) << 24) | ((hash[offset + 1] & 0xFF) << 16)
                | ((hash[offset + 2] & 0xFF) << 8) | (hash[offset + 3] & 0xFF);
        return String.format("%06d", binary % 1_000_000);
    }
}
