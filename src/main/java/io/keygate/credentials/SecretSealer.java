package io.keygate.credentials;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Encrypts long-term secret access keys at rest (DESIGN decision 5) with AES-256-GCM under the key ring's active key.
 * A sealed secret is one compact ASCII string, {@code v1.<kid>.<iv>.<ciphertext+tag>} (base64url without padding,
 * 96-bit random IV, 128-bit tag). The access key id is the associated data, so a sealed secret copied onto another
 * access key does not open. Opening uses whichever key the kid names, so rotation needs no re-encryption. The ring
 * is read at every call ({@link CurrentKeyRing}), so a rotation takes effect at once.
 *
 * <p>Thread-safe: each thread keeps its own {@link Cipher} and initialises it afresh (new key, new IV) for every call;
 * looking a cipher up in the providers costs more than the AES-GCM of a short secret.
 */
public final class SecretSealer {

    private static final String VERSION = "v1";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    /** Large enough for a sealed RSA private JWK (issuer signing keys) and a PEM private key (AddPrivateKey, 16,384). */
    private static final int MAX_SEALED_LENGTH = 32 * 1024;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private static final ThreadLocal<Cipher> AES_GCM = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    });

    private final CurrentKeyRing keyRing;
    private final SecureRandom random = ThreadLocalSecureRandom.INSTANCE;

    /** A sealer over the fixed {@code keyRing}: seals with its active key, opens with any of its keys. */
    public SecretSealer(KeyRing keyRing) {
        this(new CurrentKeyRing(keyRing));
    }

    /** A sealer over the ring in force at each call: seals with its active key, opens with any of its keys. */
    public SecretSealer(CurrentKeyRing keyRing) {
        this.keyRing = Objects.requireNonNull(keyRing, "keyRing");
    }

    /** Seals {@code secret} for {@code accessKeyId}. */
    public String seal(AccessKeyId accessKeyId, String secret) {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        return seal(accessKeyId.value(), secret);
    }

    /**
     * Seals any secret (an MFA seed, say) bound to {@code context}, the associated data: it opens only with the same
     * context.
     */
    public String seal(String context, String secret) {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(secret, "secret");
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        KeyRing ring = keyRing.get(); // one ring for the kid and its key, whatever a rotation does meanwhile
        String kid = ring.activeKid();
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, ring.activeKey(), iv, context);
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return VERSION + '.' + kid + '.' + B64.encodeToString(iv) + '.' + B64.encodeToString(sealed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /**
     * Opens a sealed secret of {@code accessKeyId}.
     *
     * @throws SealedSecretException if it is malformed, its kid is unknown, or it does not authenticate
     */
    public String open(AccessKeyId accessKeyId, String sealed) {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        return open(accessKeyId.value(), sealed);
    }

    /**
     * Opens a secret sealed with {@link #seal(String, String)} for {@code accessKeyId} (the context).
     *
     * @throws SealedSecretException if it is malformed, its kid is unknown, or it does not authenticate
     */
    public String open(String accessKeyId, String sealed) {
        Objects.requireNonNull(accessKeyId, "context");
        if (sealed == null || sealed.length() > MAX_SEALED_LENGTH) {
            throw new SealedSecretException("sealed secret of " + accessKeyId + " is missing or too long");
        }
        String[] parts = sealed.split("\\.", -1);
        if (parts.length != 4 || !parts[0].equals(VERSION)) {
            throw new SealedSecretException("sealed secret of " + accessKeyId + " is not in format v1");
        }
        SecretKey key = keyRing.holding(parts[1]).key(parts[1]).orElseThrow(() -> new SealedSecretException(
                "sealed secret of " + accessKeyId + " names a key the ring does not hold: " + parts[1]));
        byte[] iv;
        byte[] body;
        try {
            iv = B64D.decode(parts[2]);
            body = B64D.decode(parts[3]);
        } catch (IllegalArgumentException e) {
            throw new SealedSecretException("sealed secret of " + accessKeyId + " is not base64url");
        }
        if (iv.length != IV_BYTES) {
            throw new SealedSecretException("sealed secret of " + accessKeyId + " has a bad IV length");
        }
        try {
            byte[] plain = cipher(Cipher.DECRYPT_MODE, key, iv, accessKeyId).doFinal(body);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new SealedSecretException("sealed secret of " + accessKeyId
                    + " does not authenticate (altered, or sealed for another access key)");
        } catch (GeneralSecurityException e) {
            throw new SealedSecretException("sealed secret of " + accessKeyId + " cannot be decrypted");
        }
    }

    /** The kid of the key-ring key that sealed {@code sealed}, if it is in the sealed format at all. */
    public static java.util.Optional<String> kidOf(String sealed) {
        if (sealed == null || !sealed.startsWith(VERSION + '.')) {
            return java.util.Optional.empty();
        }
        int end = sealed.indexOf('.', VERSION.length() + 1);
        return end < 0 ? java.util.Optional.empty()
                : java.util.Optional.of(sealed.substring(VERSION.length() + 1, end));
    }

    /**
     * Opens {@code sealed} (bound to {@code context}) and seals it again under the active key: what retiring the key
     * that sealed it needs first.
     *
     * @throws SealedSecretException if it does not open
     */
    public String reseal(String context, String sealed) {
        return seal(context, open(context, sealed));
    }

    private static Cipher cipher(int mode, SecretKey key, byte[] iv, String aad) throws GeneralSecurityException {
        Cipher cipher = AES_GCM.get();
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, iv));
        cipher.updateAAD(aad.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
