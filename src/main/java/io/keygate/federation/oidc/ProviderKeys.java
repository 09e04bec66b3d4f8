package io.keygate.federation.oidc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;

/**
 * The public signing keys an OIDC provider published (its JWKS), as fetched at one moment. Symmetric keys and keys
 * marked for encryption are dropped when the set is built: only asymmetric signature keys can verify a token.
 * Immutable and thread-safe.
 *
 * @param keys      the usable public keys
 * @param fetchedAt when they were fetched
 */
public record ProviderKeys(List<JWK> keys, Instant fetchedAt) {

    public ProviderKeys {
        Objects.requireNonNull(fetchedAt, "fetchedAt");
        List<JWK> usable = new ArrayList<>();
        for (JWK key : keys) {
            boolean asymmetric = key instanceof RSAKey || key instanceof ECKey || key instanceof OctetKeyPair;
            if (asymmetric && !KeyUse.ENCRYPTION.equals(key.getKeyUse())) {
                usable.add(key.toPublicJWK());
            }
        }
        keys = List.copyOf(usable);
    }

    /** Whether a key with this id is present ({@code kid} null: whether any key is). */
    public boolean has(String kid) {
        return kid == null ? !keys.isEmpty() : keys.stream().anyMatch(k -> kid.equals(k.getKeyID()));
    }

    /**
     * The keys that may verify a token signed with {@code alg} and naming {@code kid} (null: any key id): the key
     * type must fit the algorithm (RSA for RS/PS, EC on the algorithm's curve for ES, Ed25519 for EdDSA), and a key
     * that declares an algorithm must declare this one. The header alone never picks the key type.
     */
    public List<JWK> candidates(String kid, JWSAlgorithm alg) {
        List<JWK> out = new ArrayList<>();
        for (JWK key : keys) {
            if (kid != null && !kid.equals(key.getKeyID())) {
                continue;
            }
            if (key.getAlgorithm() != null && !key.getAlgorithm().getName().equals(alg.getName())) {
                continue;
            }
            if (fits(key, alg)) {
                out.add(key);
            }
        }
        return out;
    }

    static boolean fits(JWK key, JWSAlgorithm alg) {
        if (JWSAlgorithm.Family.RSA.contains(alg)) {
            return key instanceof RSAKey;
        }
        if (key instanceof ECKey ec) {
            return JWSAlgorithm.ES256.equals(alg) && Curve.P_256.equals(ec.getCurve())
                    || JWSAlgorithm.ES384.equals(alg) && Curve.P_384.equals(ec.getCurve())
                    || JWSAlgorithm.ES512.equals(alg) && Curve.P_521.equals(ec.getCurve());
        }
        if (key instanceof OctetKeyPair okp) {
            return (JWSAlgorithm.EdDSA.equals(alg) || JWSAlgorithm.Ed25519.equals(alg))
                    && Curve.Ed25519.equals(okp.getCurve());
        }
        return false;
    }
}
