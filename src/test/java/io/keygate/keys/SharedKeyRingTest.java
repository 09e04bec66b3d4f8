package io.keygate.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.keygate.credentials.AuthorizationMessageCodec;
import io.keygate.credentials.CurrentKeyRing;
import io.keygate.credentials.KeyRing;
import io.keygate.credentials.SecretSealer;
import io.keygate.credentials.SessionClaims;
import io.keygate.credentials.SessionTokenCodec;
import io.keygate.credentials.TestClaims;
import io.keygate.store.InfinispanStore;
import io.keygate.store.StoreSharedKeyRing;

/**
 * Two key-ring holders over one store (the way two nodes share the replicated cache): a rotation on one is taken
 * into force by the other, a token the other has not seen the key of yet still verifies, a node joining later with
 * an older ring takes the shared one, and the store holds the ring sealed, never its key material. Real embedded
 * store, real AES-GCM; no timing: refreshes are called, not waited for.
 */
class SharedKeyRingTest {

    private static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");
    private static final Clock LATER = Clock.fixed(T0.plus(Duration.ofDays(1)), ZoneOffset.UTC);

    @TempDir
    Path dir;
    InfinispanStore store;
    KeyRing configured;
    List<KeyRing> keptByA = new ArrayList<>();

    @BeforeEach
    void open() {
        store = InfinispanStore.embedded(dir);
        configured = KeyRing.generate(Clock.fixed(T0, ZoneOffset.UTC));
    }

    @AfterEach
    void close() {
        store.close();
    }

    /** A node: its own ring in force, its own view of the store, joined. */
    private SharedKeyRing node(KeyRing ring, List<KeyRing> kept) {
        SharedKeyRing node = new SharedKeyRing(new CurrentKeyRing(ring), new StoreSharedKeyRing(store), kept::add,
                LATER);
        node.join();
        return node;
    }

    @Test
    void whenOneHolderRotatesThenTheOtherTakesTheNewActiveKeyOnItsNextRefresh() {
        SharedKeyRing a = node(configured, keptByA);
        SharedKeyRing b = node(configured, new ArrayList<>());

        KeyRing rotated = a.rotate();

        assertThat(rotated.activeKid()).isNotEqualTo(configured.activeKid());
        assertThat(a.current().get().activeKid()).isEqualTo(rotated.activeKid());
        assertThat(keptByA).extracting(KeyRing::activeKid).containsExactly(rotated.activeKid());
        assertThat(b.current().get().activeKid()).isEqualTo(configured.activeKid());
        assertThat(b.refresh()).isTrue();
        assertThat(b.current().get().activeKid()).isEqualTo(rotated.activeKid());
        assertThat(b.current().get().kids()).containsExactly(configured.activeKid(), rotated.activeKid());
        assertThat(b.refresh()).isFalse();
        // b now seals under the new key, and a opens it
        String sealed = new SecretSealer(b.current()).seal("ctx", "s3cret");
        assertThat(SecretSealer.kidOf(sealed)).contains(rotated.activeKid());
        assertThat(new SecretSealer(a.current()).open("ctx", sealed)).isEqualTo("s3cret");
    }

    @Test
    void whenATokenNamesAKeyTheHolderHasNotTakenYetThenItLooksAgainAndVerifiesIt() {
        SharedKeyRing a = node(configured, keptByA);
        SharedKeyRing b = node(configured, new ArrayList<>());
        SessionTokenCodec mintsOnA = new SessionTokenCodec(a.current());
        SessionTokenCodec verifiesOnB = new SessionTokenCodec(b.current());
        SessionClaims claims = TestClaims.sessionUser();
        String before = mintsOnA.encode(claims);

        a.rotate();
        String after = mintsOnA.encode(claims);

        assertThat(verifiesOnB.decode(after)).isEqualTo(claims);
        assertThat(b.current().get().activeKid()).isEqualTo(a.current().get().activeKid());
        assertThat(verifiesOnB.decode(before)).isEqualTo(claims);
        AuthorizationMessageCodec messagesOnB = new AuthorizationMessageCodec(b.current());
        assertThat(new AuthorizationMessageCodec(a.current()).decode(messagesOnB.encode("{}".getBytes())))
                .isEqualTo("{}".getBytes());
    }

    @Test
    void whenANodeJoinsLaterWithTheConfiguredRingThenItTakesTheRotatedOne() {
        SharedKeyRing a = node(configured, keptByA);
        KeyRing rotated = a.rotate();
        List<KeyRing> keptByC = new ArrayList<>();

        SharedKeyRing c = node(configured, keptByC);

        assertThat(c.current().get().activeKid()).isEqualTo(rotated.activeKid());
        assertThat(keptByC).extracting(KeyRing::activeKid).containsExactly(rotated.activeKid());
    }

    @Test
    void whenTwoHoldersRotateOneAfterTheOtherThenNeitherKeyIsLost() {
        SharedKeyRing a = node(configured, keptByA);
        SharedKeyRing b = node(configured, new ArrayList<>());

        KeyRing first = a.rotate();
        KeyRing second = b.rotate(); // b had not refreshed: it rotates the stored ring, not its own

        assertThat(second.kids()).containsExactly(configured.activeKid(), first.activeKid(), second.activeKid());
        assertThat(a.refresh()).isTrue();
        assertThat(a.current().get().activeKid()).isEqualTo(second.activeKid());
    }

    @Test
    void whenAKeyIsRetiredOnOneHolderThenTheOtherDropsIt() {
        SharedKeyRing a = node(configured, keptByA);
        SharedKeyRing b = node(configured, new ArrayList<>());
        KeyRing rotated = a.rotate();
        b.refresh();

        a.change(ring -> ring.retire(configured.activeKid()));
        b.refresh();

        assertThat(b.current().get().kids()).containsExactly(rotated.activeKid());
        // sealed under the remaining key now: a node with only the old key cannot open it
        assertThatThrownBy(() -> node(configured, new ArrayList<>()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("sealed under key " + rotated.activeKid())
                .hasMessageNotContaining(Base64.getEncoder().encodeToString(rotated.activeKey().getEncoded()));
    }

    @Test
    void whenTheRingIsStoredThenTheStoreHoldsItSealedNeverItsKeys() {
        SharedKeyRing a = node(configured, keptByA);
        KeyRing rotated = a.rotate();

        String stored = new StoreSharedKeyRing(store).read().orElseThrow().sealed();

        assertThat(SecretSealer.kidOf(stored)).contains(configured.activeKid());
        for (String kid : rotated.kids()) {
            assertThat(stored).doesNotContain(Base64.getEncoder().encodeToString(
                    rotated.key(kid).orElseThrow().getEncoded()));
        }
        assertThat(stored).doesNotContain(rotated.encode());
    }
}
