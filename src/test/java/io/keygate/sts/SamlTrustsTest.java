package io.keygate.sts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.PrivateKey;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;

import io.keygate.credentials.KeyRing;
import io.keygate.credentials.SecretSealer;
import io.keygate.iam.Partition;
import io.keygate.iam.SamlProvider;
import io.keygate.iam.SamlProviderRepository;
import io.keygate.support.TestSamlResponses;

class SamlTrustsTest {

    private static final String ARN = "arn:aws:iam::123456789012:saml-provider/idp";

    private final SecretSealer sealer = new SecretSealer(KeyRing.generate(Clock.systemUTC()));
    private final AtomicReference<SamlProvider> stored = new AtomicReference<>();
    private final SamlTrusts trusts = new SamlTrusts(new OneProvider(stored), sealer, List::of);

    @Test
    void forArnWhenKeysAreReplacedThenTheNewKeysDecrypt() {
        TestSamlResponses.IdpKey first = TestSamlResponses.newKey("CN=First");
        TestSamlResponses.IdpKey second = TestSamlResponses.newKey("CN=Second");
        stored.set(provider(uploaded("k1", first)));
        assertEquals(List.of(first.pair().getPrivate()), keys());
        assertEquals(List.of(first.pair().getPrivate()), keys()); // opened once, remembered

        stored.set(provider(uploaded("k2", second)));
        assertEquals(List.of(second.pair().getPrivate()), keys());

        stored.set(provider(uploaded("k1", first), uploaded("k2", second)));
        assertEquals(List.of(first.pair().getPrivate(), second.pair().getPrivate()), keys());
    }

    @Test
    void forArnWhenSealedForAnotherKeyIdThenRefused() {
        TestSamlResponses.IdpKey key = TestSamlResponses.newKey("CN=Key");
        SamlProvider.PrivateKey k1 = uploaded("k1", key);
        stored.set(provider(k1));
        keys();
        // the same sealed text under another key id is bound to another context: it must not open from memory
        stored.set(provider(new SamlProvider.PrivateKey("k2", k1.timestamp(), k1.sealed())));
        assertThrows(RuntimeException.class, this::keys);
    }

    private List<PrivateKey> keys() {
        return trusts.forArn(ARN, Partition.AWS).orElseThrow().decryptionKeys();
    }

    private SamlProvider.PrivateKey uploaded(String keyId, TestSamlResponses.IdpKey key) {
        return new SamlProvider.PrivateKey(keyId, Instant.now(), sealer.seal(ARN + "#" + keyId, key.privateKeyPem()));
    }

    private static SamlProvider provider(SamlProvider.PrivateKey... keys) {
        return new SamlProvider("123456789012", "idp", "uuid-1", Instant.now(),
                TestSamlResponses.metadata(TestSamlResponses.ISSUER, TestSamlResponses.IDP), TestSamlResponses.ISSUER,
                null, "Allowed", List.of(keys), Map.of());
    }

    private record OneProvider(AtomicReference<SamlProvider> stored) implements SamlProviderRepository {
        @Override
        public Optional<SamlProvider> find(String accountId, String name) {
            return Optional.ofNullable(stored.get());
        }

        @Override
        public boolean create(SamlProvider entity) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<SamlProvider> update(String accountId, String name, UnaryOperator<SamlProvider> change) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<SamlProvider> delete(String accountId, String name, Consumer<SamlProvider> check) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<SamlProvider> list(String accountId) {
            return List.of();
        }
    }
}
