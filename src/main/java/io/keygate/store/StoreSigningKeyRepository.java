package io.keygate.store;

import java.util.List;

import io.keygate.credentials.SecretSealer;
import io.keygate.issuer.SigningKey;
import io.keygate.issuer.SigningKeyRepository;

/** The issuer's signing keys in the {@code issuer-keys} namespace, each private JWK sealed with the key ring. */
public final class StoreSigningKeyRepository implements SigningKeyRepository {

    private final JsonCache<SigningKey> cache;
    private final SecretSealer sealer;

    public StoreSigningKeyRepository(InfinispanStore store, SecretSealer sealer) {
        this.cache = new JsonCache<>(store.namespace("issuer-keys"), SigningKey.class);
        this.sealer = sealer;
    }

    private static String context(String kid) {
        return "issuer-key/" + kid;
    }

    @Override
    public List<SigningKey> list() {
        return cache.valuesWithKeyPrefix("").map(k -> new SigningKey(k.kid(), k.algorithm(), k.period(),
                k.created(), sealer.open(context(k.kid()), k.privateJwk()))).toList();
    }

    @Override
    public boolean create(SigningKey key) {
        return cache.putIfAbsent(key.kid(), new SigningKey(key.kid(), key.algorithm(), key.period(), key.created(),
                sealer.seal(context(key.kid()), key.privateJwk())));
    }
}
