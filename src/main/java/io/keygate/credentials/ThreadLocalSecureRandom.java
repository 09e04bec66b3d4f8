package io.keygate.credentials;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * A {@link SecureRandom} that hands every call to a DRBG instance of the calling thread (NIST SP 800-90A
 * Hash_DRBG, seeded from the platform's entropy source when the thread first asks). The JDK's default
 * {@code NativePRNG} serializes all threads on one lock, which under load costs more than minting a credential;
 * per-thread generators remove that contention without weakening the randomness.
 *
 * <p>Thread-safe; use {@link #INSTANCE}.
 */
public final class ThreadLocalSecureRandom extends SecureRandom {

    private static final long serialVersionUID = 1L;

    /** The shared instance. */
    public static final ThreadLocalSecureRandom INSTANCE = new ThreadLocalSecureRandom();

    private static final ThreadLocal<SecureRandom> PER_THREAD = ThreadLocal.withInitial(() -> {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    });

    private ThreadLocalSecureRandom() {
        super(new byte[0]);
    }

    @Override
    public void nextBytes(byte[] bytes) {
        PER_THREAD.get().nextBytes(bytes);
    }

    @Override
    public int nextInt() {
        return PER_THREAD.get().nextInt();
    }

    @Override
    public int nextInt(int bound) {
        return PER_THREAD.get().nextInt(bound);
    }

    @Override
    public long nextLong() {
        return PER_THREAD.get().nextLong();
    }

    @Override
    public byte[] generateSeed(int numBytes) {
        return PER_THREAD.get().generateSeed(numBytes);
    }

    @Override
    public void setSeed(long seed) {
        // Ignored: the per-thread generators seed themselves; the super constructor calls this once.
    }

    @Override
    public void setSeed(byte[] seed) {
        // Ignored for the same reason: callers must not be able to make the output predictable.
    }

    @Override
    public String getAlgorithm() {
        return "DRBG (per thread)";
    }
}
