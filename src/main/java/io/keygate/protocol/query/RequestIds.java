package io.keygate.protocol.query;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Request ids in the UUID form AWS uses. They only correlate logs and answers, so they need to be unique, not
 * unpredictable: a thread-local generator avoids the lock of {@link UUID#randomUUID()}'s shared SecureRandom.
 */
public final class RequestIds {

    private RequestIds() {
    }

    /** A new version-4-shaped UUID string. */
    public static String next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }
}
