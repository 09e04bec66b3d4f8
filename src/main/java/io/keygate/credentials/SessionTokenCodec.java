package io.keygate.credentials;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.crypto.DirectDecrypter;
import io.keygate.error.AuthFailureException;
import io.keygate.error.AwsErrorCode;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import javax.crypto.SecretKey;

/**
 * Encodes {@link SessionClaims} into the opaque session token a caller sends as {@code X-Amz-Security-Token}, and
 * decodes it back (DESIGN decision 2). A token is a compact JWE (RFC 7516): {@code alg=dir}, {@code enc=A256GCM}
 * (RFC 7518 section 5.3), {@code kid} = {@code <ring kid>.<epoch>}: the token key is derived from the key ring key
 * and a random 128-bit epoch (HKDF-Expand, RFC 5869, with the ring key as PRK), and each codec moves to a fresh
 * epoch after {@link #MAX_ENCRYPTIONS_PER_KEY} encryptions, so no AES-GCM key ever makes 2<sup>32</sup> random-IV
 * encryptions (NIST SP 800-38D section 8.3), whatever the load and however long the ring key stays active. Epochs
 * are random per codec, so two nodes never share a token key and the count is exact. Tokens whose {@code kid} is a
 * bare ring kid (issued before epochs) are still read with the ring key itself. The plaintext is the claims' compact
 * JSON ({@link SessionClaimsJson}) compressed with raw DEFLATE (RFC 1951) by this class, not by Nimbus' {@code zip}
 * header, so the inflated size can be capped here.
 *
 * <p>Decoding fails closed: anything other than a well-formed token that authenticates under a key of the ring
 * ends as {@link AuthFailureException} {@code InvalidClientTokenId}, never another exception type. The token is
 * bounded to {@value #MAX_TOKEN_LENGTH} characters before parsing and the claims to {@value #MAX_CLAIMS_BYTES}
 * bytes after inflation. Expiry is not checked here: callers use {@link #requireUnexpired(SessionClaims, Clock)}
 * with their clock. Successful decodes are cached by the token's SHA-256.
 *
 * <p>The ring is read at every use ({@link CurrentKeyRing}): once a rotation makes another key active, the next
 * token is encrypted under a fresh epoch of that key, and a token naming a ring key this node does not hold yet
 * makes it look for a newer ring once before refusing.
 *
 * <p>Thread-safe.
 */
public final class SessionTokenCodec {

    /** Longest token accepted, in characters. */
    public static final int MAX_TOKEN_LENGTH = 8 * 1024;
    /** Largest inflated claims accepted, in bytes (decompression bomb guard). */
    public static final int MAX_CLAIMS_BYTES = 64 * 1024;
    /** Decoded tokens cached by default. */
    public static final int DEFAULT_CACHE_CAPACITY = 10_000;
    /**
     * Encryptions under one token key before the codec moves to a new one: 2<sup>30</sup>, a quarter of the
     * 2<sup>32</sup> random-IV invocations NIST SP 800-38D allows one AES-GCM key.
     */
    public static final long MAX_ENCRYPTIONS_PER_KEY = 1L << 30;
    /** Token keys whose decrypters are kept (the live epochs of every node); more clears the cache. */
    static final int MAX_CACHED_DECRYPTERS = 4_096;
    private static final byte[] KEY_LABEL = "keygate session-token key v1".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final int EPOCH_BYTES = 16;

    /** STS' message for a token that is not valid. */
    public static final String INVALID_MESSAGE = "The security token included in the request is invalid.";
    /** STS' message for a token past its expiry. */
    public static final String EXPIRED_MESSAGE = "The security token included in the request is expired";

    private static final int DEFLATE_LEVEL = Deflater.DEFAULT_COMPRESSION;
    /** One deflater per thread, reset between uses: allocating zlib's state per token cost more than compressing. */
    private static final ThreadLocal<Deflater> DEFLATERS = ThreadLocal.withInitial(() -> new Deflater(DEFLATE_LEVEL, true));

    private final CurrentKeyRing keyRing;
    private final long maxEncryptionsPerKey;
    private final java.util.concurrent.atomic.AtomicReference<Epoch> epoch = new java.util.concurrent.atomic.AtomicReference<>();
    private final Map<String, DirectDecrypter> decrypters = new java.util.concurrent.ConcurrentHashMap<>();
    /** The ring the cached decrypters were made from: a retirement clears them. */
    private volatile KeyRing decryptersOf;
    private final DecodedTokenCache cache;

    /**
     * The token key in use: the ring kid it derives from, the key, its protected header's base64url encoding
     * ({@code kid} = ring kid and epoch; also the AES-GCM associated data, RFC 7516 section 5.1 step 14), and
     * encryptions so far.
     */
    private record Epoch(String ringKid, SecretKey key, byte[] encodedHeader,
                         java.util.concurrent.atomic.AtomicLong used) {
    }

    /** AES-GCM IV and tag sizes of {@code A256GCM} (RFC 7518 section 5.3). */
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    /**
     * One AES-GCM cipher per thread, initialised afresh (key and random IV) for every token: looking a cipher up in
     * the providers, as Nimbus does for every encryption, cost more than encrypting the claims.
     */
    private static final ThreadLocal<javax.crypto.Cipher> AES_GCM = ThreadLocal.withInitial(() -> {
        try {
            return javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    });

    /** A codec over the fixed {@code keyRing} with a cache of {@value #DEFAULT_CACHE_CAPACITY} tokens. */
    public SessionTokenCodec(KeyRing keyRing) {
        this(new CurrentKeyRing(keyRing));
    }

    /** A codec over the ring in force at each use, with a cache of {@value #DEFAULT_CACHE_CAPACITY} tokens. */
    public SessionTokenCodec(CurrentKeyRing keyRing) {
        this(keyRing, DEFAULT_CACHE_CAPACITY, MAX_ENCRYPTIONS_PER_KEY);
    }

    /** A codec over {@code keyRing} caching up to about {@code cacheCapacity} (at least 2) decoded tokens. */
    public SessionTokenCodec(KeyRing keyRing, int cacheCapacity) {
        this(keyRing, cacheCapacity, MAX_ENCRYPTIONS_PER_KEY);
    }

    /** As {@link #SessionTokenCodec(KeyRing, int)}, moving to a new token key after {@code maxEncryptionsPerKey}. */
    SessionTokenCodec(KeyRing keyRing, int cacheCapacity, long maxEncryptionsPerKey) {
        this(new CurrentKeyRing(Objects.requireNonNull(keyRing, "keyRing")), cacheCapacity, maxEncryptionsPerKey);
    }

    private SessionTokenCodec(CurrentKeyRing keyRing, int cacheCapacity, long maxEncryptionsPerKey) {
        this.keyRing = Objects.requireNonNull(keyRing, "keyRing");
        if (maxEncryptionsPerKey < 1 || maxEncryptionsPerKey > MAX_ENCRYPTIONS_PER_KEY) {
            throw new IllegalArgumentException("maxEncryptionsPerKey must be 1.." + MAX_ENCRYPTIONS_PER_KEY);
        }
        this.maxEncryptionsPerKey = maxEncryptionsPerKey;
        this.epoch.set(newEpoch(keyRing.get()));
        this.cache = new DecodedTokenCache(cacheCapacity);
    }

    /** A token key for a fresh random epoch of {@code ring}'s active key. */
    private static Epoch newEpoch(KeyRing ring) {
        byte[] salt = new byte[EPOCH_BYTES];
        ThreadLocalSecureRandom.INSTANCE.nextBytes(salt);
        String kid = ring.activeKid() + "." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(salt);
        SecretKey key = tokenKey(ring.activeKey(), salt); // HMAC-SHA256 output: always a 256-bit AES key
        // Nimbus writes the header; its encoding is the same for every token of the epoch.
        String header = new JWEHeader.Builder(JWEAlgorithm.DIR, EncryptionMethod.A256GCM).keyID(kid).build()
                .toBase64URL().toString();
        return new Epoch(ring.activeKid(), key, header.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                new java.util.concurrent.atomic.AtomicLong());
    }

    /** HKDF-Expand (RFC 5869 section 2.3, one block) with the ring key as PRK and label ‖ epoch as info. */
    private static SecretKey tokenKey(SecretKey ringKey, byte[] salt) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(ringKey.getEncoded(), "HmacSHA256"));
            mac.update(KEY_LABEL);
            mac.update(salt);
            mac.update((byte) 1);
            return new javax.crypto.spec.SecretKeySpec(mac.doFinal(), "AES");
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /**
     * The epoch to encrypt under: the current one, or a new one once it has made its share of encryptions or another
     * ring key has become active.
     */
    private Epoch epochForEncryption() {
        while (true) {
            Epoch current = epoch.get();
            KeyRing ring = keyRing.get();
            if (!current.ringKid().equals(ring.activeKid())) {
                epoch.compareAndSet(current, newEpoch(ring));
            } else if (current.used().incrementAndGet() <= maxEncryptionsPerKey) {
                return current;
            } else {
                epoch.compareAndSet(current, newEpoch(ring));
            }
        }
    }

    /** The decrypter for a token's {@code kid}: a derived token key, or (older tokens) a bare ring key. */
    private DirectDecrypter decrypter(String kid) throws JOSEException {
        KeyRing ring = keyRing.get();
        if (ring != decryptersOf) {
            decrypters.clear(); // a key may have left the ring
            decryptersOf = ring;
        }
        DirectDecrypter cached = decrypters.get(kid);
        if (cached != null) {
            return cached;
        }
        int dot = kid.indexOf('.');
        String ringKid = dot < 0 ? kid : kid.substring(0, dot);
        SecretKey ringKey = keyRing.holding(ringKid).key(ringKid).orElse(null);
        if (ringKey == null) {
            return null;
        }
        if (dot < 0) {
            return new DirectDecrypter(ringKey);
        }
        byte[] salt = java.util.Base64.getUrlDecoder().decode(kid.substring(dot + 1));
        if (salt.length != EPOCH_BYTES) {
            return null;
        }
        return new DirectDecrypter(tokenKey(ringKey, salt));
    }

    /** Remembers the decrypter of a kid whose token authenticated (never one an unauthenticated kid named). */
    private void remember(String kid, DirectDecrypter decrypter) {
        if (decrypters.size() >= MAX_CACHED_DECRYPTERS) {
            decrypters.clear();
        }
        decrypters.putIfAbsent(kid, decrypter);
    }

    /**
     * Encrypts {@code claims} under the current token key of the ring's active key: the JWE compact serialization
     * (RFC 7516 section 7.1) of {@code alg=dir}, so with an empty encrypted key, a fresh random 96-bit IV, and the
     * AES-256-GCM ciphertext and 128-bit tag over the deflated claims, with the encoded header as associated data.
     */
    public String encode(SessionClaims claims) {
        Objects.requireNonNull(claims, "claims");
        Epoch current = epochForEncryption();
        byte[] plaintext = deflate(claims);
        byte[] iv = new byte[IV_BYTES];
        ThreadLocalSecureRandom.INSTANCE.nextBytes(iv);
        byte[] sealed; // ciphertext ‖ tag
        try {
            javax.crypto.Cipher cipher = AES_GCM.get();
            cipher.init(javax.crypto.Cipher.ENCRYPT_MODE, current.key(),
                    new javax.crypto.spec.GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(current.encodedHeader());
            sealed = cipher.doFinal(plaintext);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("session token encryption failed", e);
        }
        int tagStart = sealed.length - TAG_BITS / 8;
        byte[] header = current.encodedHeader();
        byte[] token = new byte[header.length + 2 + Base64Url.length(IV_BYTES) + 1 + Base64Url.length(tagStart) + 1
                + Base64Url.length(TAG_BITS / 8)];
        System.arraycopy(header, 0, token, 0, header.length);
        int at = header.length;
        token[at++] = '.';
        token[at++] = '.'; // alg=dir: no encrypted key
        at = Base64Url.encode(iv, 0, IV_BYTES, token, at);
        token[at++] = '.';
        at = Base64Url.encode(sealed, 0, tagStart, token, at);
        token[at++] = '.';
        Base64Url.encode(sealed, tagStart, sealed.length, token, at);
        return new String(token, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /**
     * Decodes a token, from the cache when this token was decoded before.
     *
     * @throws AuthFailureException {@code InvalidClientTokenId} if the token is malformed, too large, altered, or
     *                              encrypted under a key the ring does not hold
     */
    public SessionClaims decode(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            throw invalid();
        }
        DecodedTokenCache.Key key = DecodedTokenCache.keyOf(token);
        if (key == null) {
            throw invalid(); // not ASCII, so not a session token
        }
        SessionClaims cached = cache.get(key);
        if (cached != null) {
            // Only tokens that passed every check are cached, under the SHA-256 of their exact text.
            return cached;
        }
        requireTokenShape(token);
        SessionClaims claims = decodeShaped(token);
        cache.put(key, claims);
        return claims;
    }

    /** As {@link #decode(String)} but always decrypts and never touches the cache (benchmarks, diagnostics). */
    public SessionClaims decodeUncached(String token) {
        requireTokenShape(token);
        return decodeShaped(token);
    }

    /**
     * Returns {@code claims} if they have not expired at {@code clock}'s instant.
     *
     * @throws AuthFailureException {@code ExpiredToken} at or after {@link SessionClaims#expiresAt()}
     */
    public static SessionClaims requireUnexpired(SessionClaims claims, Clock clock) {
        if (!clock.instant().isBefore(claims.expiresAt())) {
            throw new AuthFailureException(AwsErrorCode.ExpiredToken, EXPIRED_MESSAGE);
        }
        return claims;
    }

    /** Tokens currently held by the decode cache. */
    public int cachedTokens() {
        return cache.size();
    }

    private SessionClaims decodeShaped(String token) {
        try {
            JWEObject jwe = JWEObject.parse(token);
            JWEHeader h = jwe.getHeader();
            if (!JWEAlgorithm.DIR.equals(h.getAlgorithm()) || !EncryptionMethod.A256GCM.equals(h.getEncryptionMethod())
                    || h.getCompressionAlgorithm() != null) {
                throw invalid();
            }
            DirectDecrypter decrypter = h.getKeyID() == null ? null : decrypter(h.getKeyID());
            if (decrypter == null) {
                throw invalid();
            }
            jwe.decrypt(decrypter);
            remember(h.getKeyID(), decrypter);
            byte[] json = inflate(jwe.getPayload().toBytes());
            return SessionClaimsJson.read(json, json.length);
        } catch (AuthFailureException e) {
            throw e;
        } catch (Exception e) {
            // ParseException, JOSEException, IOException, IllegalArgumentException, NullPointerException...:
            // every way a token can be wrong looks the same to the caller.
            throw invalid();
        }
    }

    /**
     * Cheap checks before any parsing: length, five dot-separated parts, base64url characters only, and each part
     * in canonical form (unused trailing bits zero), so that no two strings decode to the same token.
     */
    private static void requireTokenShape(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            throw invalid();
        }
        int dots = 0;
        int partStart = 0;
        for (int i = 0; i <= token.length(); i++) {
            char c = i == token.length() ? '.' : token.charAt(i);
            if (c == '.') {
                if (!canonicalTail(token, partStart, i)) {
                    throw invalid();
                }
                dots++;
                partStart = i + 1;
            } else if (base64UrlValue(c) < 0) {
                throw invalid();
            }
        }
        if (dots != 5) { // four separators plus the end
            throw invalid();
        }
    }

    private static boolean canonicalTail(String s, int start, int end) {
        int length = end - start;
        switch (length % 4) {
            case 0:
                return true;
            case 1:
                return false;
            case 2:
                return (base64UrlValue(s.charAt(end - 1)) & 0x0F) == 0;
            default:
                return (base64UrlValue(s.charAt(end - 1)) & 0x03) == 0;
        }
    }

    private static int base64UrlValue(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        if (c == '-') {
            return 62;
        }
        return c == '_' ? 63 : -1;
    }

    private static byte[] deflate(SessionClaims claims) {
        // Serialize first, then compress in one call: streaming the generator through a DeflaterOutputStream
        // was about twice as slow in SessionTokenBench, for the same size.
        byte[] json = SessionClaimsJson.toBytes(claims);
        Deflater deflater = DEFLATERS.get();
        deflater.reset();
        try {
            deflater.setInput(json);
            deflater.finish();
            byte[] buffer = new byte[json.length + 64]; // deflate never grows input by more than a few bytes
            int length = 0;
            while (!deflater.finished()) {
                if (length == buffer.length) {
                    buffer = Arrays.copyOf(buffer, buffer.length * 2);
                }
                length += deflater.deflate(buffer, length, buffer.length - length);
            }
            return Arrays.copyOf(buffer, length);
        } finally {
            deflater.reset();
        }
    }

    private static byte[] inflate(byte[] compressed) throws DataFormatException {
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(compressed);
            byte[] buffer = new byte[Math.min(MAX_CLAIMS_BYTES, Math.max(1024, compressed.length * 4))];
            int length = 0;
            while (!inflater.finished()) {
                if (length == buffer.length) {
                    if (buffer.length >= MAX_CLAIMS_BYTES) {
                        throw new DataFormatException("claims exceed " + MAX_CLAIMS_BYTES + " bytes");
                    }
                    buffer = Arrays.copyOf(buffer, Math.min(MAX_CLAIMS_BYTES, buffer.length * 2));
                }
                int n = inflater.inflate(buffer, length, buffer.length - length);
                if (n == 0 && !inflater.finished() && length < buffer.length) {
                    // needs input it will never get, or a dictionary: either way not our stream
                    throw new DataFormatException("truncated claims");
                }
                length += n;
            }
            if (inflater.getRemaining() != 0) {
                throw new DataFormatException("data after the compressed claims");
            }
            return Arrays.copyOf(buffer, length);
        } finally {
            inflater.end();
        }
    }

    private static AuthFailureException invalid() {
        return new AuthFailureException(AwsErrorCode.InvalidClientTokenId, INVALID_MESSAGE);
    }
}
