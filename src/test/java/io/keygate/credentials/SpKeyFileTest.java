package io.keygate.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SP key file rotates like the key ring, and every change survives a restart (a new reader of the file). */
class SpKeyFileTest {

    private static final Clock CLOCK = Clock.systemUTC();
    private final SecretSealer sealer = new SecretSealer(KeyRing.generate(CLOCK));

    @Test
    void rotateWhenCalledThenNewKeyIsCurrentOldKeyKeptAndTheFileSaysSo(@TempDir Path dir) {
        Path file = dir.resolve("saml-sp-keys");
        SpKeyFile keys = new SpKeyFile(file, sealer, CLOCK);
        String first = keys.keys().current().kid();

        SpKeys rotated = keys.rotate();

        assertThat(rotated.keys()).hasSize(2);
        assertThat(rotated.current().kid()).isNotEqualTo(first);
        assertThat(rotated.keys().get(1).kid()).isEqualTo(first);
        SpKeys reread = new SpKeyFile(file, sealer, CLOCK).keys();
        assertThat(reread.keys()).extracting(SpKeys.SpKey::kid)
                .containsExactly(rotated.current().kid(), first);
        assertThat(reread.current().certificate()).isEqualTo(rotated.current().certificate());
    }

    @Test
    void retireWhenOldKeyThenDroppedAndWhenCurrentOrUnknownThenRefused(@TempDir Path dir) {
        Path file = dir.resolve("saml-sp-keys");
        SpKeyFile keys = new SpKeyFile(file, sealer, CLOCK);
        String old = keys.keys().current().kid();
        String current = keys.rotate().current().kid();

        assertThatThrownBy(() -> keys.retire(current)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rotate first");
        assertThatThrownBy(() -> keys.retire("sp-0-unknown")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no SP key");
        SpKeys retired = keys.retire(old);

        assertThat(retired.keys()).extracting(SpKeys.SpKey::kid).containsExactly(current);
        assertThat(new SpKeyFile(file, sealer, CLOCK).keys().keys()).extracting(SpKeys.SpKey::kid)
                .containsExactly(current);
    }
}
