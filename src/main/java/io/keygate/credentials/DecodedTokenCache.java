package io.keygate.credentials;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A bounded, concurrent map from a session token's SHA-256 to its decoded claims, so repeated requests with one
 * token skip decryption. Two generations of {@link ConcurrentHashMap}: new entries go to the young one; when it
 * holds half the capacity it becomes the old one and the previous old generation is dropped whole. A hit in the
 * old generation is copied to the young one, so tokens in use survive (an approximate LRU with lock-free reads and
 * no per-entry bookkeeping). Holds at most about {@code capacity} entries.
 *
 * <p>Only tokens that decoded successfully are stored. The key is a digest, never the token itself. Thread-safe.
 */
final class DecodedTokenCache {

    /** A SHA-256 digest as four longs: cheap equals/hashCode, 32 bytes per entry. */
    record Key(long a, long b, long c, long d) {
    }

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    });

    private final int generationSize;
    private volatile ConcurrentHashMap<Key, SessionClaims> young;
    private volatile ConcurrentHashMap<Key, SessionClaims> old;

    DecodedTokenCache(int capacity) {
        if (capacity < 2) {
            throw new IllegalArgumentException("capacity must be at least 2");
        }
        this.generationSize = capacity / 2;
        this.young = new ConcurrentHashMap<>(generationSize * 4 / 3 + 1);
        this.old = new ConcurrentHashMap<>();
    }

    static Key keyOf(String token) {
        MessageDigest digest = SHA256.get();
        // Tokens are ASCII (checked by the caller), so ISO-8859-1 is exact and the cheapest encoding.
        ByteBuffer hash = ByteBuffer.wrap(digest.digest(token.getBytes(StandardCharsets.ISO_8859_1)));
        return new Key(hash.getLong(), hash.getLong(), hash.getLong(), hash.getLong());
    }

    SessionClaims get(Key key) {
        SessionClaims hit = young.get(key);
        if (hit != null) {
            return hit;
        }
        hit = old.get(key);
        if (hit != null) {
            put(key, hit);
        }
        return hit;
    }

    void put(Key key, SessionClaims claims) {
        ConcurrentHashMap<Key, SessionClaims> current = young;
        current.put(key, claims);
        if (current.size() >= generationSize) {
            rotate(current);
        }
    }

    private synchronized void rotate(ConcurrentHashMap<Key, SessionClaims> full) {
        if (young == full) {
            old = full;
            young = new ConcurrentHashMap<>(generationSize * 4 / 3 + 1);
        }
    }

    /** Entries currently held (both generations; a key may be counted twice). */
    int size() {
        return young.size() + old.size();
    }

    void clear() {
        synchronized (this) {
            young = new ConcurrentHashMap<>(generationSize * 4 / 3 + 1);
            old = new ConcurrentHashMap<>();
        }
    }
}
