package io.keygate.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.keygate.credentials.KeyRing;
import io.keygate.credentials.SecretSealer;
import io.keygate.credentials.SpKeyFile;
import io.keygate.credentials.SpKeys;

/**
 * The SAML SP keys are one record for every node of a cluster: the metadata any node publishes names a key every
 * node decrypts with, and a rotation or retirement on one node is what the others use at once.
 */
class StoreSpKeysTest {

    private static final Clock CLOCK = Clock.systemUTC();

    @TempDir
    Path dir;
    InfinispanStore store;
    final SecretSealer sealer = new SecretSealer(KeyRing.generate(CLOCK));

    @BeforeEach
    void open() {
        store = InfinispanStore.embedded(dir.resolve("store"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    /** A node: its own data directory (its copy of the keys), the shared record. */
    private SpKeyFile node(String name) {
        return new SpKeyFile(dir.resolve(name).resolve("saml-sp-keys"), sealer, CLOCK, new StoreSpKeys(store));
    }

    @Test
    void whenTwoNodesStartThenTheSecondUsesTheKeysTheFirstCreated() throws Exception {
        SpKeys a = node("a").keys();
        SpKeys b = node("b").keys();

        assertThat(b.current().kid()).isEqualTo(a.current().kid());
        assertThat(b.current().certificate()).isEqualTo(a.current().certificate());
        assertThat(b.current().privateKey().getEncoded()).isEqualTo(a.current().privateKey().getEncoded());
        // each node keeps its copy, and the record never holds a private key in the clear
        assertThat(Files.readString(dir.resolve("b").resolve("saml-sp-keys"))).contains(a.current().kid());
        String record = new StoreSpKeys(store).read().orElseThrow();
        assertThat(record).doesNotContain(Base64.getEncoder().encodeToString(a.current().privateKey().getEncoded()));
    }

    @Test
    void whenOneNodeRotatesOrRetiresThenTheOtherSeesItAtOnce() {
        SpKeyFile a = node("a");
        SpKeyFile b = node("b");
        String first = a.keys().current().kid();
        assertThat(b.keys().current().kid()).isEqualTo(first);

        String second = a.rotate().current().kid();
        assertThat(b.keys().keys()).extracting(SpKeys.SpKey::kid).containsExactly(second, first);

        b.retire(first);
        assertThat(a.keys().keys()).extracting(SpKeys.SpKey::kid).containsExactly(second);
    }

    @Test
    void whenBothNodesRotateThenNeitherRotationIsLost() {
        SpKeyFile a = node("a");
        SpKeyFile b = node("b");
        String first = a.keys().current().kid();
        b.keys();

        String byA = a.rotate().current().kid();
        // b's view is from before a's rotation: its rotation applies to the keys as stored, not to its view
        String byB = b.rotate().current().kid();

        assertThat(a.keys().keys()).extracting(SpKeys.SpKey::kid).containsExactly(byB, byA, first);
    }

    @Test
    void whenANodeHadKeysBeforeTheClusterThenTheFirstOneUpPublishesThemAsTheyAre() throws Exception {
        Path file = dir.resolve("a").resolve("saml-sp-keys");
        SpKeys before = SpKeys.loadOrCreate(file, sealer, CLOCK);
        String sealed = Files.readString(file);

        SpKeys a = node("a").keys();

        assertThat(a.current().kid()).isEqualTo(before.current().kid());
        assertThat(new StoreSpKeys(store).read()).contains(sealed);
        assertThat(node("b").keys().current().kid()).isEqualTo(before.current().kid());
    }
}
