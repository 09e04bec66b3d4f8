package io.keygate.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.keygate.credentials.KeyRing;
import io.keygate.credentials.SealedSecretException;
import io.keygate.credentials.SecretSealer;
import io.keygate.error.EntityException;
import io.keygate.error.InvalidInputException;
import io.keygate.iam.AccessKey;
import io.keygate.iam.Partition;
import io.keygate.issuer.SigningKey;
import io.keygate.mfa.VirtualMfaDevice;
import io.keygate.store.InfinispanStore;
import io.keygate.store.StoreAccessKeyRepository;
import io.keygate.store.StoreMfaDeviceRepository;
import io.keygate.store.StoreSealedSecrets;
import io.keygate.store.StoreSigningKeyRepository;

/**
 * Retiring a key-ring key seals its secrets again first: after retirement, a ring without the key opens every
 * stored secret (and without the re-sealing it would open none of them); the active key, unknown keys and keys whose
 * session tokens may still be live are refused. Real embedded store, real AES-GCM.
 */
class KeyRetirementTest {

    private static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");
    private static final String ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE";
    private static final String SERIAL = "arn:aws:iam::111122223333:mfa/alice";

    @TempDir
    Path dir;
    InfinispanStore store;
    KeyRing old;
    KeyRing rotated;

    @BeforeEach
    void seal() {
        store = InfinispanStore.embedded(dir);
        old = KeyRing.generate(Clock.fixed(T0, ZoneOffset.UTC));
        SecretSealer first = new SecretSealer(old);
        new StoreAccessKeyRepository(store).create(new AccessKey(ACCESS_KEY, "111122223333", "alice", "AIDAALICE",
                first.seal(io.keygate.credentials.AccessKeyId.of(ACCESS_KEY), "the-secret"), AccessKey.Status.Active,
                T0, null));
        new StoreMfaDeviceRepository(store).create(new VirtualMfaDevice("111122223333", SERIAL, "alice", "/",
                first.seal(SERIAL, "JBSWY3DPEHPK3PXP"), "alice", "AIDAALICE", false, T0, 0, T0, Map.of()));
        new StoreSigningKeyRepository(store, first).create(new SigningKey("sig-1", "RS256", 0, T0, "{\"d\":\"x\"}"));
        rotated = old.rotate(Clock.fixed(T0.plus(Duration.ofDays(1)), ZoneOffset.UTC));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private KeyRetirement at(Instant now) {
        SecretSealer sealer = new SecretSealer(rotated);
        return new KeyRetirement(rotated, sealer, StoreSealedSecrets.all(store, Partition.of("aws")),
                Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void whenAKeyIsRetiredThenEverySecretItSealedOpensWithoutIt() {
        KeyRetirement.Result result = at(T0.plus(Duration.ofDays(3))).retire(old.activeKid());

        assertThat(result.ring().kids()).containsExactly(rotated.activeKid());
        assertThat(result.resealed()).containsEntry("AccessKeys", 1).containsEntry("MfaDevices", 1)
                .containsEntry("IssuerSigningKeys", 1).containsEntry("ServerCertificates", 0);
        SecretSealer after = new SecretSealer(result.ring());
        AccessKey key = new StoreAccessKeyRepository(store).find(ACCESS_KEY).orElseThrow();
        assertThat(after.open(io.keygate.credentials.AccessKeyId.of(ACCESS_KEY), key.sealedSecret()))
                .isEqualTo("the-secret");
        assertThat(key.userName()).isEqualTo("alice");
        assertThat(key.created()).isEqualTo(T0);
        VirtualMfaDevice device = new StoreMfaDeviceRepository(store).find(SERIAL).orElseThrow();
        assertThat(after.open(SERIAL, device.sealedSeed())).isEqualTo("JBSWY3DPEHPK3PXP");
        assertThat(device.enableDate()).isEqualTo(T0);
        assertThat(new StoreSigningKeyRepository(store, after).list()).extracting(SigningKey::privateJwk)
                .containsExactly("{\"d\":\"x\"}");
    }

    @Test
    void whenAKeyIsDroppedWithoutRetirementThenItsSecretsNoLongerOpen() {
        SecretSealer without = new SecretSealer(rotated.retire(old.activeKid()));
        AccessKey key = new StoreAccessKeyRepository(store).find(ACCESS_KEY).orElseThrow();
        assertThatThrownBy(() -> without.open(io.keygate.credentials.AccessKeyId.of(ACCESS_KEY), key.sealedSecret()))
                .isInstanceOf(SealedSecretException.class);
    }

    @Test
    void whenTheActiveKeyIsNamedThenNothingIsRetired() {
        assertThatThrownBy(() -> at(T0.plus(Duration.ofDays(3))).retire(rotated.activeKid()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("Key " + rotated.activeKid() + " is the active key: rotate to a new key first, then retire it.");
    }

    @Test
    void whenTheKeyIsUnknownThenNoSuchEntity() {
        assertThatThrownBy(() -> at(T0.plus(Duration.ofDays(3))).retire("k-nope"))
                .isInstanceOf(EntityException.class).hasMessage("The key ring holds no key k-nope.");
    }

    @Test
    void whenSessionTokensOfTheKeyMayStillLiveThenItIsRefusedAndNothingIsResealed() {
        Instant early = T0.plus(Duration.ofDays(1)).plus(Duration.ofHours(35));
        assertThatThrownBy(() -> at(early).retire(old.activeKid()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("may still protect live session tokens until "
                        + T0.plus(Duration.ofDays(1)).plus(Duration.ofHours(36)));
        AccessKey key = new StoreAccessKeyRepository(store).find(ACCESS_KEY).orElseThrow();
        assertThat(SecretSealer.kidOf(key.sealedSecret())).contains(old.activeKid());
    }
}
