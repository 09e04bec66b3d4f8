package io.keygate.credentials;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * A set of named 256-bit AES keys: one <em>active</em> key encrypts new secrets and session tokens; every key in the
 * ring still decrypts what it encrypted, so a key can be rotated without invalidating live tokens. Keys are
 * retired by dropping them from the ring once nothing they sealed is still needed.
 *
 * <h2>Encoded form</h2>
 * The file written by {@link #loadOrCreate(Path)} and the string read by {@link #fromEncoded(String)} share one
 * UTF-8 text format. Entries are separated by newlines or by {@code ;} (so a ring fits in one environment
 * variable); blank entries and entries starting with {@code #} are ignored:
 * <pre>
 * # keygate key ring v1
 * key k-1732788000 2026-11-28T10:00:00Z 3q2+7w...(base64 of 32 bytes)...=
 * key k-1732874400 2026-11-29T10:00:00Z Zm9vYmFy...=
 * active k-1732874400
 * </pre>
 * {@code key <kid> <created ISO-8601 instant> <standard base64 of exactly 32 bytes>} declares a key; a kid is 1-64
 * characters of {@code A-Za-z0-9_-}. {@code active <kid>} names the key for new encryptions and must appear exactly
 * once. Every node of a cluster must be given the same ring (for example from one Kubernetes Secret).
 *
 * <p>Rotate well before a key has encrypted 2<sup>32</sup> messages: session tokens and sealed secrets use random
 * 96-bit AES-GCM IVs, and NIST SP 800-38D caps random-IV use of one key at 2<sup>32</sup> invocations.
 *
 * <p>Immutable and thread-safe: {@link #rotate(Clock)} returns a new ring. {@link #toString()} shows kids only,
 * never key material.
 */
public final class KeyRing {

    /** Bytes in every key (AES-256). */
    public static final int KEY_BYTES = 32;

    private static final Pattern KID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, Entry> entries; // insertion order = order written
    private final String activeKid;

    private record Entry(String kid, Instant created, SecretKey key) {
    }

    private KeyRing(Map<String, Entry> entries, String activeKid) {
        this.entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        this.activeKid = activeKid;
        if (!this.entries.containsKey(activeKid)) {
            throw new IllegalArgumentException("key ring: the active kid " + activeKid + " names no key");
        }
    }

    /** A new ring holding one freshly generated key, active. */
    public static KeyRing generate(Clock clock) {
        Entry entry = newEntry(clock, Map.of());
        return new KeyRing(Map.of(entry.kid(), entry), entry.kid());
    }

    /**
     * Reads the ring in {@code file}; if the file does not exist, generates a ring with one key and writes it with
     * owner-only permissions ({@code rw-------}), creating its directory owner-only ({@code rwx------}), where the
     * file system supports POSIX permissions. An existing ring that group or others may read or write is refused:
     * its keys open every sealed secret and every session token, so a copy readable by other local users is a leak
     * to fix ({@code chmod 600}), not a file to use.
     *
     * @throws IOException if the file cannot be read or written
     * @throws IllegalArgumentException if the file exists but is not a valid ring
     * @throws IllegalStateException if the file exists and group or others may read or write it
     */
    public static KeyRing loadOrCreate(Path file) throws IOException {
        return loadOrCreate(file, Clock.systemUTC());
    }

    /** As {@link #loadOrCreate(Path)}, stamping a new key with {@code clock}. */
    public static KeyRing loadOrCreate(Path file, Clock clock) throws IOException {
        if (Files.exists(file)) {
            requireOwnerOnly(file);
            return fromEncoded(Files.readString(file, StandardCharsets.UTF_8));
        }
        KeyRing ring = generate(clock);
        try {
            ring.writeNew(file);
            return ring;
        } catch (FileAlreadyExistsException raced) {
            // Another process created it between our check and our write: use theirs.
            return fromEncoded(Files.readString(file, StandardCharsets.UTF_8));
        }
    }

    /**
     * Parses the encoded form described in the class comment.
     *
     * @throws IllegalArgumentException naming the faulty entry (never its key material)
     */
    public static KeyRing fromEncoded(String encoded) {
        Objects.requireNonNull(encoded, "encoded");
        Map<String, Entry> entries = new LinkedHashMap<>();
        String active = null;
        int number = 0;
        for (String raw : encoded.split("[;\\r\\n]+")) {
            number++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\\s+");
            if (f[0].equals("active") && f.length == 2 && KID.matcher(f[1]).matches()) {
                if (active != null) {
                    throw new IllegalArgumentException("key ring: entry " + number + " repeats 'active'");
                }
                active = f[1];
            } else if (f[0].equals("key") && f.length == 4 && KID.matcher(f[1]).matches()) {
                Entry entry = parseKey(f, number);
                if (entries.putIfAbsent(entry.kid(), entry) != null) {
                    throw new IllegalArgumentException("key ring: entry " + number + " repeats kid " + f[1]);
                }
            } else {
                throw new IllegalArgumentException("key ring: entry " + number
                        + " is neither 'key <kid> <created> <base64>' nor 'active <kid>'");
            }
        }
        if (active == null) {
            throw new IllegalArgumentException("key ring: no 'active <kid>' entry");
        }
        return new KeyRing(entries, active);
    }

    private static Entry parseKey(String[] f, int number) {
        Instant created;
        byte[] key;
        try {
            created = Instant.parse(f[2]);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("key ring: entry " + number + " has a bad created time");
        }
        try {
            key = Base64.getDecoder().decode(f[3]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("key ring: entry " + number + " has a key that is not base64");
        }
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("key ring: entry " + number + " has a key of " + key.length
                    + " bytes, expected " + KEY_BYTES);
        }
        return new Entry(f[1], created, new SecretKeySpec(key, "AES"));
    }

    /** The encoded form (see the class comment). It contains key material: store it like a password. */
    public String encode() {
        StringBuilder out = new StringBuilder("# keygate key ring v1\n");
        for (Entry e : entries.values()) {
            out.append("key ").append(e.kid()).append(' ').append(e.created()).append(' ')
                    .append(Base64.getEncoder().encodeToString(e.key().getEncoded())).append('\n');
        }
        return out.append("active ").append(activeKid).append('\n').toString();
    }

    /** A new ring with every key of this one plus a freshly generated key, which becomes active. */
    public KeyRing rotate(Clock clock) {
        Entry entry = newEntry(clock, entries);
        Map<String, Entry> next = new LinkedHashMap<>(entries);
        next.put(entry.kid(), entry);
        return new KeyRing(next, entry.kid());
    }

    /**
     * The same keys with {@code kid} active: what seals the ring itself under a key every holder of an older ring has
     * (see {@code io.keygate.keys.SharedKeyRing}).
     *
     * @throws IllegalArgumentException if the ring holds no such key
     */
    public KeyRing activating(String kid) {
        return new KeyRing(entries, kid);
    }

    /**
     * Every key of this ring followed by the keys of {@code other} it lacks; the active key is the later-created of
     * the two rings' active keys (this ring's on a tie). A key both hold under one kid keeps this ring's material.
     */
    public KeyRing union(KeyRing other) {
        Map<String, Entry> next = new LinkedHashMap<>(entries);
        other.entries.values().forEach(e -> next.putIfAbsent(e.kid(), e));
        Entry mine = entries.get(activeKid);
        Entry theirs = next.get(other.activeKid);
        return new KeyRing(next, theirs.created().isAfter(mine.created()) ? theirs.kid() : activeKid);
    }

    /** A new ring without {@code kid}; the active key cannot be retired. */
    public KeyRing retire(String kid) {
        if (kid.equals(activeKid)) {
            throw new IllegalArgumentException("key ring: cannot retire the active key " + kid);
        }
        Map<String, Entry> next = new LinkedHashMap<>(entries);
        next.remove(kid);
        return new KeyRing(next, activeKid);
    }

    /**
     * Writes the encoded ring to {@code file} (replacing it) with owner-only permissions where supported, through a
     * temporary file in the same directory and a rename, so readers never see half a ring.
     */
    public void writeTo(Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp); // left over from an interrupted write
        createOwnerOnly(tmp);
        try {
            Files.writeString(tmp, encode(), StandardCharsets.UTF_8);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private void writeNew(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            createOwnerOnlyDirectories(parent);
        }
        Path created = createOwnerOnly(file); // CREATE_NEW: fails if someone else won
        try {
            Files.writeString(created, encode(), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(created);
            throw e;
        }
    }

    /**
     * Creates {@code dir} (and missing parents) with owner-only permissions ({@code rwx------}) where the file system
     * supports POSIX permissions; an existing directory is left as it is.
     */
    public static void createOwnerOnlyDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createDirectories(dir,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(dir);
        }
    }

    /** Refuses a ring file that group or others may read or write (POSIX file systems only). */
    static void requireOwnerOnly(Path file) throws IOException {
        if (!file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        java.util.Set<java.nio.file.attribute.PosixFilePermission> perms = Files.getPosixFilePermissions(file);
        for (java.nio.file.attribute.PosixFilePermission p : perms) {
            switch (p) {
                case GROUP_READ, GROUP_WRITE, OTHERS_READ, OTHERS_WRITE -> throw new IllegalStateException(
                        "The key ring " + file + " may be read or written by users other than its owner (mode "
                                + PosixFilePermissions.toString(perms) + "); its keys open every sealed secret and "
                                + "session token. Make it owner-only (chmod 600 " + file + ") and start again.");
                default -> { }
            }
        }
    }

    private static Path createOwnerOnly(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return Files.createFile(file,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        return Files.createFile(file);
    }

    /** The kid of the key that encrypts new data. */
    public String activeKid() {
        return activeKid;
    }

    /** The key that encrypts new data. */
    public SecretKey activeKey() {
        return entries.get(activeKid).key();
    }

    /** The key named {@code kid}, if the ring holds it; null gives empty. */
    public Optional<SecretKey> key(String kid) {
        Entry entry = kid == null ? null : entries.get(kid);
        return entry == null ? Optional.empty() : Optional.of(entry.key());
    }

    /** When the key named {@code kid} was created. */
    public Optional<Instant> created(String kid) {
        Entry entry = kid == null ? null : entries.get(kid);
        return entry == null ? Optional.empty() : Optional.of(entry.created());
    }

    /** Every kid, in the order written. */
    public List<String> kids() {
        return List.copyOf(entries.keySet());
    }

    @Override
    public String toString() {
        return "KeyRing[active=" + activeKid + ", kids=" + entries.keySet() + "]";
    }

    private static Entry newEntry(Clock clock, Map<String, Entry> existing) {
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        String kid;
        do {
            // Time-ordered for humans, plus randomness so two nodes rotating at once do not collide.
            byte[] suffix = new byte[3];
            RANDOM.nextBytes(suffix);
            kid = "k" + now.getEpochSecond() + "-" + Base64.getUrlEncoder().withoutPadding().encodeToString(suffix);
        } while (existing.containsKey(kid));
        return new Entry(kid, now, new SecretKeySpec(key, "AES"));
    }

    /** Package-private: every (kid, key) pair, for components that pre-build ciphers per key. */
    List<Map.Entry<String, SecretKey>> keys() {
        List<Map.Entry<String, SecretKey>> out = new ArrayList<>();
        for (Entry e : entries.values()) {
            out.add(Map.entry(e.kid(), e.key()));
        }
        return out;
    }
}
