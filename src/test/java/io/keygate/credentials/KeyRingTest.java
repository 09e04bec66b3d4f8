package io.keygate.credentials;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyRingTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void loadOrCreateWhenFileMissingThenCreatesOwnerOnlyFileWithOneActiveKey() throws IOException {
        Path file = dir.resolve("sub/keyring");
        KeyRing ring = KeyRing.loadOrCreate(file, CLOCK);

        assertTrue(Files.exists(file));
        assertEquals(1, ring.kids().size());
        assertEquals(ring.kids().get(0), ring.activeKid());
        assertEquals(32, ring.activeKey().getEncoded().length);
        assertEquals(Instant.parse("2026-11-28T10:00:00Z"), ring.created(ring.activeKid()).orElseThrow());
        assumeTrue(file.getFileSystem().supportedFileAttributeViews().contains("posix"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void loadOrCreateWhenFileExistsThenReusesItsKeys() throws IOException {
        Path file = dir.resolve("keyring");
        KeyRing first = KeyRing.loadOrCreate(file);
        String written = Files.readString(file);
        KeyRing second = KeyRing.loadOrCreate(file);

        assertEquals(first.activeKid(), second.activeKid());
        assertArrayEquals(first.activeKey().getEncoded(), second.activeKey().getEncoded());
        assertEquals(written, Files.readString(file), "reloading does not rewrite the file");
    }

    @Test
    void rotateWhenCalledThenNewKeyIsActiveAndOldKeyStillPresent() {
        KeyRing ring = KeyRing.generate(CLOCK);
        KeyRing rotated = ring.rotate(CLOCK);

        assertNotEquals(ring.activeKid(), rotated.activeKid());
        assertEquals(List.of(ring.activeKid(), rotated.activeKid()), rotated.kids());
        assertArrayEquals(ring.activeKey().getEncoded(), rotated.key(ring.activeKid()).orElseThrow().getEncoded());
        assertEquals(1, ring.kids().size(), "rotation returns a new ring");
    }

    @Test
    void writeToWhenRotatedThenReloadKeepsEveryKeyAndTheActiveOne() throws IOException {
        Path file = dir.resolve("keyring");
        KeyRing rotated = KeyRing.loadOrCreate(file, CLOCK).rotate(CLOCK);
        rotated.writeTo(file);
        KeyRing reloaded = KeyRing.loadOrCreate(file);

        assertEquals(rotated.kids(), reloaded.kids());
        assertEquals(rotated.activeKid(), reloaded.activeKid());
        assertFalse(Files.exists(dir.resolve("keyring.tmp")));
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        }
    }

    @Test
    void fromEncodedWhenSemicolonSeparatedThenParses() {
        String k1 = Base64.getEncoder().encodeToString(new byte[32]);
        String k2 = Base64.getEncoder().encodeToString(new byte[] {
            1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29,
            30, 31, 32});
        KeyRing ring = KeyRing.fromEncoded(
                "key old 2026-01-01T00:00:00Z " + k1 + "; key new 2026-06-01T00:00:00Z " + k2 + ";active new");

        assertEquals("new", ring.activeKid());
        assertEquals(List.of("old", "new"), ring.kids());
        assertEquals(Instant.parse("2026-01-01T00:00:00Z"), ring.created("old").orElseThrow());
        assertTrue(ring.key("missing").isEmpty());
        assertEquals(ring.kids(), KeyRing.fromEncoded(ring.encode()).kids());
    }

    @Test
    void fromEncodedWhenMalformedThenIllegalArgumentWithoutKeyMaterial() {
        String key = Base64.getEncoder().encodeToString(new byte[32]);
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        List<String> bad = List.of(
                "",
                "key a 2026-01-01T00:00:00Z " + key,
                "key a 2026-01-01T00:00:00Z " + key + "\nactive b",
                "key a 2026-01-01T00:00:00Z " + shortKey + "\nactive a",
                "key a yesterday " + key + "\nactive a",
                "key a 2026-01-01T00:00:00Z " + key + "\nkey a 2026-01-01T00:00:00Z " + key + "\nactive a",
                "key a 2026-01-01T00:00:00Z " + key + "\nactive a\nactive a",
                "key a.b 2026-01-01T00:00:00Z " + key + "\nactive a.b",
                "key a 2026-01-01T00:00:00Z not*base64\nactive a",
                "secret " + key);
        for (String encoded : bad) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> KeyRing.fromEncoded(encoded), encoded);
            assertFalse(e.getMessage().contains(key), "message must not echo key material");
        }
    }

    @Test
    void retireWhenKeyIsNotActiveThenRemovedAndActiveCannotBeRetired() {
        KeyRing ring = KeyRing.generate(CLOCK);
        KeyRing rotated = ring.rotate(CLOCK);

        assertEquals(List.of(rotated.activeKid()), rotated.retire(ring.activeKid()).kids());
        assertThrows(IllegalArgumentException.class, () -> rotated.retire(rotated.activeKid()));
    }

    @Test
    void loadOrCreateWhenDirectoryMissingThenCreatesItOwnerOnly(@TempDir Path dir) throws IOException {
        Path data = dir.resolve("data").resolve("nested");
        KeyRing.loadOrCreate(data.resolve("keyring"), CLOCK);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data.getParent())));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("keyring"))));
    }

    @Test
    void loadOrCreateWhenRingIsReadableOrWritableByOthersThenRefusedWithoutKeyMaterial(@TempDir Path dir)
            throws IOException {
        Path file = dir.resolve("keyring");
        KeyRing ring = KeyRing.loadOrCreate(file, CLOCK);
        String key = ring.encode().lines().filter(l -> l.startsWith("key ")).findFirst().orElseThrow().split(" ")[3];
        for (String mode : List.of("rw-r--r--", "rw-r-----", "rw----r--", "rw--w----", "rw-------")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
            if (mode.equals("rw-------")) {
                assertEquals(ring.activeKid(), KeyRing.loadOrCreate(file, CLOCK).activeKid());
                continue;
            }
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> KeyRing.loadOrCreate(file, CLOCK),
                    mode);
            assertTrue(e.getMessage().contains(mode) && e.getMessage().contains("chmod 600"), e.getMessage());
            assertFalse(e.getMessage().contains(key));
        }
    }

    @Test
    void toStringNeverShowsKeyMaterial() {
        KeyRing ring = KeyRing.generate(CLOCK);
        String key = Base64.getEncoder().encodeToString(ring.activeKey().getEncoded());
        assertFalse(ring.toString().contains(key));
        assertTrue(ring.toString().contains(ring.activeKid()));
    }
}
