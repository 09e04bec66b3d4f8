package io.keygate.credentials;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.DirectDecrypter;
import com.nimbusds.jose.crypto.DirectEncrypter;

import io.keygate.error.AwsErrorCode;
import io.keygate.error.InvalidInputException;

/**
 * Seals the encoded authorization failure messages that AccessDenied answers carry, and opens them for
 * {@code DecodeAuthorizationMessage}. A message is a compact JWE (RFC 7516) {@code alg=dir}, {@code enc=A256GCM},
 * {@code kid} = the ring key, {@code cty} = {@value #CONTENT_TYPE}.
 *
 * <p>The AES key is not the ring key itself but HMAC-SHA256(ring key, {@value #KEY_LABEL}): session tokens are
 * sealed with the ring keys directly, so without this separation a session token handed to
 * DecodeAuthorizationMessage would decrypt and reveal its secret access key. Anything that does not open under a
 * derived key — a session token included — is {@code InvalidAuthorizationMessageException}.
 *
 * <p>Thread-safe. The ring is read at each use ({@link CurrentKeyRing}); the derived keys are made again when it
 * changes.
 */
public final class AuthorizationMessageCodec {

    /** Longest encoded message accepted (AWS's limit on {@code EncodedMessage}). */
    public static final int MAX_ENCODED_LENGTH = 10_240;
    static final String CONTENT_TYPE = "keygate-authorization-message";
    static final String KEY_LABEL = "keygate authorization message v1";

    private final CurrentKeyRing ring;
    private volatile Keys keys;

    /** The derived keys of one ring. */
    private record Keys(KeyRing ring, JWEHeader header, DirectEncrypter encrypter,
                        Map<String, DirectDecrypter> decrypters) {

        static Keys of(KeyRing ring) {
            JWEHeader header = new JWEHeader.Builder(JWEAlgorithm.DIR, EncryptionMethod.A256GCM)
                    .keyID(ring.activeKid())
                    .contentType(CONTENT_TYPE)
                    .build();
            Map<String, DirectDecrypter> byKid = new HashMap<>();
            try {
                DirectEncrypter encrypter = new DirectEncrypter(derive(ring.activeKey()));
                // AES-GCM IVs from per-thread generators: the default one serializes every minting thread.
                encrypter.getJCAContext().setSecureRandom(ThreadLocalSecureRandom.INSTANCE);
                for (Map.Entry<String, SecretKey> e : ring.keys()) {
                    byKid.put(e.getKey(), new DirectDecrypter(derive(e.getValue())));
                }
                return new Keys(ring, header, encrypter, Map.copyOf(byKid));
            } catch (JOSEException e) {
                throw new IllegalArgumentException("key ring keys must be 256-bit AES keys", e);
            }
        }
    }

    /** A codec over the fixed {@code ring}. */
    public AuthorizationMessageCodec(KeyRing ring) {
        this(new CurrentKeyRing(Objects.requireNonNull(ring, "ring")));
    }

    /** A codec over the ring in force at each use. */
    public AuthorizationMessageCodec(CurrentKeyRing ring) {
        this.ring = Objects.requireNonNull(ring, "ring");
        this.keys = Keys.of(ring.get());
    }

    private Keys keys(KeyRing now) {
        Keys current = keys;
        if (current.ring() != now) {
            current = Keys.of(now);
            keys = current;
        }
        return current;
    }

    /** Seals {@code json} (UTF-8 JSON text) under the active key. */
    public String encode(byte[] json) {
        Keys current = keys(ring.get());
        JWEObject jwe = new JWEObject(current.header(), new Payload(json));
        try {
            jwe.encrypt(current.encrypter());
        } catch (JOSEException e) {
            throw new IllegalStateException("authorization message encryption failed", e);
        }
        return jwe.serialize();
    }

    /**
     * Opens a message this codec (or one over the same ring) sealed.
     *
     * @throws InvalidInputException {@code InvalidAuthorizationMessageException} for anything else
     */
    public byte[] decode(String encoded) {
        if (encoded == null || encoded.isEmpty() || encoded.length() > MAX_ENCODED_LENGTH) {
            throw invalid();
        }
        try {
            JWEObject jwe = JWEObject.parse(encoded);
            JWEHeader h = jwe.getHeader();
            if (!JWEAlgorithm.DIR.equals(h.getAlgorithm()) || !EncryptionMethod.A256GCM.equals(h.getEncryptionMethod())
                    || h.getCompressionAlgorithm() != null || !CONTENT_TYPE.equals(h.getContentType())) {
                throw invalid();
            }
            DirectDecrypter decrypter = h.getKeyID() == null ? null
                    : keys(ring.holding(h.getKeyID())).decrypters().get(h.getKeyID());
            if (decrypter == null) {
                throw invalid();
            }
            jwe.decrypt(decrypter);
            return jwe.getPayload().toBytes();
        } catch (InvalidInputException e) {
            throw e;
        } catch (Exception e) {
            // ParseException, JOSEException, IllegalStateException...: every bad message looks the same.
            throw invalid();
        }
    }

    private static InvalidInputException invalid() {
        return new InvalidInputException(AwsErrorCode.InvalidAuthorizationMessageException,
                "The encoded authorization message is invalid or was not issued by this service.");
    }

    private static SecretKey derive(SecretKey ringKey) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(ringKey.getEncoded(), "HmacSHA256"));
            return new SecretKeySpec(mac.doFinal(KEY_LABEL.getBytes(StandardCharsets.UTF_8)), "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
