package io.keygate.protocol.sigv4;

import java.security.MessageDigest;
import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A bounded cache of derived SigV4 signing keys (kSigning), keyed by access key id and credential scope.
 *
 * <p>A derived key is valid for one day, region and service, so deriving it (four HMACs) once per scope instead of
 * once per request roughly halves the cost of a verification. Each entry also holds a SHA-256 fingerprint of the
 * secret it was derived from: a hit for the same key id with another secret (a rotated or wrong secret) derives
 * again instead of using a stale key. When full, an arbitrary entry is evicted, which keeps the bound without a
 * lock; the working set (keys in use times at most two dates) is small. Thread-safe.
 */
final class SigningKeyCache {

    private record Scope(String accessKeyId, String date, String region, String service) {
    }

    private record Entry(byte[] secretFingerprint, byte[] signingKey) {
    }

    private final ConcurrentHashMap<Scope, Entry> entries = new ConcurrentHashMap<>();
    private final int maxEntries;

    SigningKeyCache(int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be positive");
        }
        this.maxEntries = maxEntries;
    }

    /** The signing key for this secret and scope, derived on a miss. The returned array must not be modified. */
    byte[] signingKey(byte[] secret, String accessKeyId, String date, String region, String service) {
        Scope scope = new Scope(accessKeyId, date, region, service);
        byte[] fingerprint = SigV4Crypto.sha256(secret);
        Entry e = entries.get(scope);
        if (e != null && MessageDigest.isEqual(e.secretFingerprint(), fingerprint)) {
            return e.signingKey();
        }
        byte[] key = SigV4Crypto.signingKey(secret, date, region, service);
        if (entries.size() >= maxEntries) {
            Iterator<Scope> it = entries.keySet().iterator();
            if (it.hasNext()) {
                entries.remove(it.next());
            }
        }
        entries.put(scope, new Entry(fingerprint, key));
        return key;
    }

    int size() {
        return entries.size();
    }
}
