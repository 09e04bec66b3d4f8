package io.keygate.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import org.junit.jupiter.api.Test;

class SecretSealerTest {

    private final IdGenerator ids = IdGenerator.create();
    private final KeyRing ring = KeyRing.generate(Clock.systemUTC());
    private final SecretSealer sealer = new SecretSealer(ring);

    @Test
    void openWhenSealedForSameAccessKeyThenReturnsSecret() {
        AccessKeyId id = ids.longTermAccessKeyId();
        String secret = ids.secretAccessKey();
        String sealed = sealer.seal(id, secret);

        assertEquals(secret, sealer.open(id, sealed));
        assertFalse(sealed.contains(secret));
        assertTrue(sealed.startsWith("v1." + ring.activeKid() + "."), sealed);
        assertNotEquals(sealed, sealer.seal(id, secret), "a fresh IV each time");
    }

    @Test
    void openWhenSealedForAnotherAccessKeyThenSealedSecretException() {
        String sealed = sealer.seal(ids.longTermAccessKeyId(), ids.secretAccessKey());
        SealedSecretException e = assertThrows(SealedSecretException.class,
                () -> sealer.open(ids.longTermAccessKeyId(), sealed));
        assertTrue(e.getMessage().contains("does not authenticate"), e.getMessage());
    }

    @Test
    void openWhenAnyCharacterChangedThenSealedSecretException() {
        AccessKeyId id = ids.longTermAccessKeyId();
        String secret = ids.secretAccessKey();
        String sealed = sealer.seal(id, secret);
        for (int i = 0; i < sealed.length(); i++) {
            char original = sealed.charAt(i);
            for (char replacement : new char[] {'A', 'z', '_', '.', '0'}) {
                if (replacement == original) {
                    continue;
                }
                String tampered = sealed.substring(0, i) + replacement + sealed.substring(i + 1);
                try {
                    String opened = sealer.open(id, tampered);
                    // Only a change in unused trailing base64 bits can leave the bytes equal.
                    assertEquals(secret, opened);
                    assertEquals(sealed.length() - 1, i, "only the last character may be a no-op");
                } catch (SealedSecretException expected) {
                    assertFalse(expected.getMessage().contains(secret));
                }
            }
        }
    }

    @Test
    void openWhenKeyRotatedThenOldSealsStillOpenAndNewSealsUseNewKey() {
        AccessKeyId id = ids.longTermAccessKeyId();
        String secret = ids.secretAccessKey();
        String oldSeal = sealer.seal(id, secret);
        KeyRing rotated = ring.rotate(Clock.systemUTC());
        SecretSealer newSealer = new SecretSealer(rotated);

        assertEquals(secret, newSealer.open(id, oldSeal));
        assertTrue(newSealer.seal(id, secret).startsWith("v1." + rotated.activeKid() + "."));
    }

    @Test
    void openWhenKidUnknownOrFormatWrongThenSealedSecretException() {
        AccessKeyId id = ids.longTermAccessKeyId();
        String sealed = new SecretSealer(KeyRing.generate(Clock.systemUTC())).seal(id, ids.secretAccessKey());
        assertThrows(SealedSecretException.class, () -> sealer.open(id, sealed));
        for (String bad : new String[] {null, "", "v1", "v2.a.b.c", "v1.x.y", "v1." + ring.activeKid() + ".!!.!!",
            "v1." + ring.activeKid() + ".AAAA.AAAA", "x".repeat(10_000)}) {
            assertThrows(SealedSecretException.class, () -> sealer.open(id, bad));
        }
    }
}
