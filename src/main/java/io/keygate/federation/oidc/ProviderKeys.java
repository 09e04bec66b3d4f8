package io.keygate.federation.oidc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;

/**
 * The public signing keys an OIDC provider published (its JWKS), as fetched at one moment. Symmetric keys and keys
 * marked for encryption are dropped when the set is built: only asymmetric signature keys can verify a token. Each
 * key is decoded into its {@link SignatureVerifiers.Verifier} here, once per fetch, so that a token's check does no
 * key decoding. Immutable and thread-safe.
 */
public final class ProviderKeys {

    /** One usable public key and the verifier made from it. */
    record Key(JWK jwk, SignatureVerifiers.Verifier verifier) {
    }

    private final List<Key> keys;
    private final Set<String> kids;
    private final Instant fetchedAt;

    /**
     * @param keys      the keys as published (unusable ones are dropped)
     * @param fetchedAt when they were fetched
     */
    public ProviderKeys(List<JWK> keys, Instant fetchedAt) {
        this.fetchedAt = Objects.requireNonNull(fetchedAt, "fetchedAt");
        List<Key> usable = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (JWK key : keys) {
            boolean asymmetric = key instanceof RSAKey || key instanceof ECKey || key instanceof OctetKeyPair;
            if (asymmetric && !KeyUse.ENCRYPTION.equals(key.getKeyUse())) {
                JWK pub = key.toPublicJWK();
                usable.add(new Key(pub, SignatureVerifiers.of(pub)));
                if (pub.getKeyID() != null) {
                    ids.add(pub.getKeyID());
                }
            }
        }
        this.keys = List.copyOf(usable);
        this.kids = Set.copyOf(ids);
    }

    /** The usable public keys. */
    public List<JWK> keys() {
        return keys.stream().map(Key::jwk).toList();
    }

    /** When the keys were fetched. */
    public Instant fetchedAt() {
        return fetchedAt;
    }

    /** Whether a key with this id is present ({@code kid} null: whether any key is). */
    public boolean has(String kid) {
        return kid == null ? !keys.isEmpty() : kids.contains(kid);
    }

    /**
     * The keys that may verify a token signed with {@code alg} and naming {@code kid} (null: any key id): the key
     * type must fit the algorithm (RSA for RS/PS, EC on the algorithm's curve for ES, Ed25519 for EdDSA), and a key
     * that declares an algorithm must declare this one. The header alone never picks the key type.
     */
    List<Key> candidates(String kid, JWSAlgorithm alg) {
        List<Key> out = new ArrayList<>(2);
        for (Key k : keys) {
            JWK key = k.jwk();
            if (kid != null && !kid.equals(key.getKeyID())) {
                continue;
            }
            if (key.getAlgorithm() != null && !key.getAlgorithm().getName().equals(alg.getName())) {
                continue;
            }
            if (fits(key, alg)) {
                out.add(k);
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

    @Override
    public String toString() {
        return "ProviderKeys[" + kids + ", fetched " + fetchedAt + "]";
    }
}
