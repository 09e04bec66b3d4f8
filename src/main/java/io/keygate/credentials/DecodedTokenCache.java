package io.keygate.credentials;

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

    /** Per thread: the digest, a scratch copy of the token's bytes and the digest's output, reused every call. */
    private static final class Hashing {
        final MessageDigest sha256;
        byte[] in = new byte[4096];
        final byte[] out = new byte[32];

        Hashing() {
            try {
                sha256 = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is not available", e);
            }
        }
    }

    private static final ThreadLocal<Hashing> HASHING = ThreadLocal.withInitial(Hashing::new);

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

    /**
     * The key of {@code token} (at most a session token's length), or null if it is not ASCII: no session token is,
     * and hashing only ASCII makes the bytes hashed the token's text exactly (no two texts share a key).
     */
    static Key keyOf(String token) {
        Hashing h = HASHING.get();
        int n = token.length();
        if (h.in.length < n) {
            h.in = new byte[n];
        }
        byte[] in = h.in;
        for (int i = 0; i < n; i++) {
            char c = token.charAt(i);
            if (c > 0x7F) {
                return null;
            }
            in[i] = (byte) c;
        }
        h.sha256.update(in, 0, n);
        try {
            h.sha256.digest(h.out, 0, 32);
        } catch (java.security.DigestException e) {
            throw new IllegalStateException("SHA-256 digest does not fit 32 bytes", e);
        }
        byte[] d = h.out;
        return new Key(longAt(d, 0), longAt(d, 8), longAt(d, 16), longAt(d, 24));
    }

    private static long longAt(byte[] b, int at) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[at + i] & 0xFF);
        }
        return v;
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
