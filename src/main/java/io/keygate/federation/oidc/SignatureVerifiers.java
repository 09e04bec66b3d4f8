package io.keygate.federation.oidc;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;

/**
 * Verifiers of JWS signatures, one per provider key, made once when the provider's key set is fetched
 * ({@link ProviderKeys}): the JDK for RS* (one signature object per thread), Nimbus for PS* and ECDSA (ES*), the
 * JDK's Ed25519 for EdDSA (Nimbus' EdDSA verifier needs an extra library). RSA keys shorter than 2048 bits, and keys that cannot be decoded, give a verifier
 * that accepts nothing. The algorithm is the header's, already checked against the allowlist, and the key type has
 * been matched to it ({@link ProviderKeys#candidates}). Verifiers are immutable and thread-safe.
 */
final class SignatureVerifiers {

    /** Checks a token's signature against one key. */
    @FunctionalInterface
    interface Verifier {
        /** Whether the token's signature verifies with this verifier's key. */
        boolean verifies(CompactJws token);
    }

    /** DER prefix of an X.509 SubjectPublicKeyInfo for Ed25519 (RFC 8410), before the 32 key bytes. */
    private static final byte[] ED25519_SPKI_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03,
        0x21, 0x00};
    private static final Verifier NONE = token -> false;

    private SignatureVerifiers() {
    }

    /** The verifier of {@code key} (a public key of {@link ProviderKeys}). */
    static Verifier of(JWK key) {
        try {
            if (key instanceof RSAKey rsa) {
                RSAPublicKey pub = rsa.toRSAPublicKey();
                // No deferred critical parameters: crit was refused earlier unless empty.
                return pub.getModulus().bitLength() < 2048 ? NONE : rsa(pub);
            }
            if (key instanceof ECKey ec) {
                return nimbus(new ECDSAVerifier(ec.toECPublicKey(), Set.of()));
            }
            if (key instanceof OctetKeyPair okp) {
                return ed25519(okp);
            }
        } catch (JOSEException | GeneralSecurityException | IllegalStateException | IllegalArgumentException e) {
            return NONE;
        }
        return NONE;
    }

    private static Verifier nimbus(JWSVerifier verifier) {
        return token -> {
            try {
                return verifier.verify(token.header(), token.signingInput(), token.signature());
            } catch (JOSEException | RuntimeException e) {
                return false;
            }
        };
    }

    /** The JCA names of RS256, RS384 and RS512 (RSASSA-PKCS1-v1_5, RFC 7518 section 3.3), by index. */
    private static final String[] PKCS1_NAMES = {"SHA256withRSA", "SHA384withRSA", "SHA512withRSA"};

    /**
     * One PKCS#1 v1.5 {@link Signature} per algorithm and thread, its provider chosen at its first use: Nimbus asks
     * the providers for a new one on every verification, and the look-up cost a fifth of the RSA check itself.
     */
    private static final ThreadLocal<Signature[]> PKCS1 = ThreadLocal.withInitial(() -> new Signature[3]);

    /**
     * RSA: RS256/384/512 with this thread's {@link #PKCS1} signature, PS256/384/512 with Nimbus. Like Nimbus'
     * verifier, refuses a header with critical parameters (none are understood) and treats a malformed signature
     * as one that does not verify.
     */
    private static Verifier rsa(RSAPublicKey pub) {
        Verifier pss = nimbus(new RSASSAVerifier(pub, Set.of()));
        return token -> {
            JWSAlgorithm alg = token.header().getAlgorithm();
            int index = JWSAlgorithm.RS256.equals(alg) ? 0 : JWSAlgorithm.RS384.equals(alg) ? 1
                    : JWSAlgorithm.RS512.equals(alg) ? 2 : -1;
            if (index < 0) {
                return pss.verifies(token);
            }
            if (token.header().getCriticalParams() != null && !token.header().getCriticalParams().isEmpty()) {
                return false;
            }
            try {
                Signature[] signatures = PKCS1.get();
                if (signatures[index] == null) {
                    signatures[index] = Signature.getInstance(PKCS1_NAMES[index]);
                }
                Signature verifier = signatures[index];
                verifier.initVerify(pub);
                verifier.update(token.signingInput());
                return verifier.verify(token.signatureBytes());
            } catch (GeneralSecurityException | IllegalStateException | IllegalArgumentException e) {
                return false;
            }
        };
    }

    private static Verifier ed25519(OctetKeyPair okp) throws GeneralSecurityException {
        byte[] x = okp.getDecodedX();
        if (x.length != 32) {
            return NONE;
        }
        byte[] spki = new byte[ED25519_SPKI_PREFIX.length + 32];
        System.arraycopy(ED25519_SPKI_PREFIX, 0, spki, 0, ED25519_SPKI_PREFIX.length);
        System.arraycopy(x, 0, spki, ED25519_SPKI_PREFIX.length, 32);
        PublicKey pub = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
        return token -> {
            JWSAlgorithm alg = token.header().getAlgorithm();
            if (!JWSAlgorithm.EdDSA.equals(alg) && !JWSAlgorithm.Ed25519.equals(alg)) {
                return false;
            }
            try {
                Signature verifier = Signature.getInstance("Ed25519");
                verifier.initVerify(pub);
                verifier.update(token.signingInput());
                return verifier.verify(token.signatureBytes());
            } catch (GeneralSecurityException | IllegalStateException | IllegalArgumentException e) {
                return false;
            }
        };
    }
}
