package io.keygate.issuer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;

/**
 * Keygate's token-signing keys, RS256 (RSA 2048) and ES384 (P-384), rotated on a fixed schedule that every node
 * computes alike: time is cut into periods of {@code rotation}; the key of period {@code p} (kid
 * {@code <alg>-<p>}) signs during {@code p}. The next period's key is made by the first signing within
 * {@code prePublish} of its period, and a key stays published one period after its own: so the JWKS always holds the signing key, the next one
 * before it is used (verifiers that cache the JWKS already know it) and the previous one while its tokens live. Keys
 * are created lazily, once, with a compare-and-set create, so concurrent nodes agree on one key per period.
 *
 * <p>Thread-safe. Keys are kept decoded in memory; the store is read again only when a period's key is missing.
 */
public final class IssuerKeys {

    /** The algorithms Keygate signs with. */
    public static final List<JWSAlgorithm> ALGORITHMS = List.of(JWSAlgorithm.RS256, JWSAlgorithm.ES384);

    private final SigningKeyRepository repository;
    private final Clock clock;
    private final Duration rotation;
    private final Duration prePublish;
    private final Map<String, JWK> decoded = new ConcurrentHashMap<>();
    private final Map<String, JWSSigner> signers = new ConcurrentHashMap<>();
    /** Kids found absent, until when: the store is not scanned again for them on every JWKS request. */
    private final Map<String, Instant> absent = new ConcurrentHashMap<>();

    public IssuerKeys(SigningKeyRepository repository, Clock clock, Duration rotation, Duration prePublish) {
        if (prePublish.compareTo(rotation) >= 0) {
            throw new IllegalArgumentException("prePublish must be shorter than the rotation period");
        }
        this.repository = repository;
        this.clock = clock;
        this.rotation = rotation;
        this.prePublish = prePublish;
    }

    /** A key and the signer for it. */
    public record Signing(String kid, JWSAlgorithm algorithm, JWSSigner signer) {
    }

    /** The key that signs with {@code algorithm} now (made if this period has none yet). */
    public Signing signing(JWSAlgorithm algorithm) {
        Instant now = clock.instant();
        long period = period(now);
        JWK key = key(algorithm, period);
        if (!now.plus(prePublish).isBefore(start(period + 1))) {
            key(algorithm, period + 1); // published from now on, used from its period on
        }
        JWSSigner signer = signers.computeIfAbsent(key.getKeyID(), kid -> signer(key));
        return new Signing(key.getKeyID(), algorithm, signer);
    }

    /**
     * The public keys to publish now: for each algorithm the previous, current and next period's key, those that
     * exist (keys are made only by {@link #signing}, never by a read of the JWKS). The next period's key exists once
     * something was signed within {@code prePublish} of its period.
     */
    public JWKSet published() {
        long period = period(clock.instant());
        List<JWK> keys = new ArrayList<>();
        for (JWSAlgorithm alg : ALGORITHMS) {
            for (long p = period - 1; p <= period + 1; p++) {
                find(alg, p).ifPresent(k -> keys.add(k.toPublicJWK()));
            }
        }
        return new JWKSet(keys);
    }

    private long period(Instant t) {
        return Math.floorDiv(t.toEpochMilli(), rotation.toMillis());
    }

    private Instant start(long period) {
        return Instant.ofEpochMilli(period * rotation.toMillis());
    }

    private static String kid(JWSAlgorithm alg, long period) {
        return alg.getName().toLowerCase(Locale.ROOT) + "-" + period;
    }

    private Optional<JWK> find(JWSAlgorithm alg, long period) {
        String kid = kid(alg, period);
        JWK known = decoded.get(kid);
        if (known != null) {
            return Optional.of(known);
        }
        Instant now = clock.instant();
        Instant until = absent.get(kid);
        if (until != null && now.isBefore(until)) {
            return Optional.empty();
        }
        Optional<JWK> stored = repository.list().stream().filter(k -> k.kid().equals(kid)).findFirst()
                .map(this::decode);
        if (stored.isEmpty()) {
            if (absent.size() > 1000) {
                absent.clear();
            }
            absent.put(kid, now.plusSeconds(10));
        }
        return stored;
    }

    /** The key of the period, made and stored if it does not exist yet. */
    private JWK key(JWSAlgorithm alg, long period) {
        Optional<JWK> found = find(alg, period);
        if (found.isPresent()) {
            return found.get();
        }
        String kid = kid(alg, period);
        absent.remove(kid);
        found = find(alg, period);
        if (found.isPresent()) {
            return found.get();
        }
        JWK generated = generate(alg, kid);
        repository.create(new SigningKey(kid, alg.getName(), period, clock.instant(), generated.toJSONString()));
        // Another node may have stored its own key for the period first: the stored one wins.
        absent.remove(kid);
        return find(alg, period).orElseThrow(() -> new IllegalStateException("signing key " + kid + " not stored"));
    }

    private JWK decode(SigningKey key) {
        return decoded.computeIfAbsent(key.kid(), kid -> {
            try {
                return JWK.parse(key.privateJwk());
            } catch (ParseException e) {
                throw new IllegalStateException("stored signing key " + kid + " cannot be read", e);
            }
        });
    }

    private static JWK generate(JWSAlgorithm alg, String kid) {
        try {
            if (JWSAlgorithm.RS256.equals(alg)) {
                return new RSAKeyGenerator(2048).keyID(kid).algorithm(alg).keyUse(KeyUse.SIGNATURE).generate();
            }
            return new ECKeyGenerator(Curve.P_384).keyID(kid).algorithm(alg).keyUse(KeyUse.SIGNATURE).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate a " + alg + " key", e);
        }
    }

    private static JWSSigner signer(JWK key) {
        try {
            return key instanceof RSAKey rsa ? new RSASSASigner(rsa) : new Es384Signer((ECKey) key);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign with " + key.getKeyID(), e);
        }
    }
}
