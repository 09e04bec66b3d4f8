package io.keygate.credentials;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Keygate's SAML SP keys ({@link SpKeys}), read or created on first use and rotated like the key ring:
 * {@link #rotate} adds a new key, which becomes the one published in the SP metadata, while every older key still
 * decrypts; {@link #retire} drops an old key once no IdP encrypts to it any more.
 *
 * <p>With a {@link Shared} record (the store's replicated cache) every node of a cluster holds the same keys: the
 * first node creates them (or publishes the ones its {@code <data-dir>/saml-sp-keys} file already had), the others
 * find them, and changes are compare-and-set, so the metadata any node serves names a key every node can decrypt
 * with. The file is kept as this node's copy. Without one (a single node, tests) the file is the record.
 *
 * <p>Thread-safe: readers see one consistent set; this node's changes are serialised.
 */
public final class SpKeyFile {

    /** The one record the nodes of a cluster share: the {@link SpKeys#encode stored form}, sealed. */
    public interface Shared {

        Optional<String> read();

        /** Stores {@code next} if the record still is {@code expected} (null: absent); false when it changed. */
        boolean publish(String expected, String next);
    }

    private record Known(String stored, SpKeys keys) {
    }

    private final Path file;
    private final SecretSealer sealer;
    private final Clock clock;
    private final Shared shared;
    private volatile Known known;

    /** Keys kept in {@code file} only. */
    public SpKeyFile(Path file, SecretSealer sealer, Clock clock) {
        this(file, sealer, clock, null);
    }

    /** Keys kept in {@code shared} (null: in {@code file} only), with {@code file} as this node's copy. */
    public SpKeyFile(Path file, SecretSealer sealer, Clock clock, Shared shared) {
        this.file = file;
        this.sealer = sealer;
        this.clock = clock;
        this.shared = shared;
    }

    /** The current set, newest first (read or created on first call; another node's change seen at once). */
    public SpKeys keys() {
        return current().keys();
    }

    /** The stored form of the current set (what {@link #keys} decodes): sealed private keys, certificates. */
    public String stored() {
        return current().stored();
    }

    private Known current() {
        Known k = known;
        if (shared == null) {
            return k != null ? k : load();
        }
        Optional<String> stored = shared.read();
        if (stored.isPresent() && k != null && k.stored().equals(stored.get())) {
            return k;
        }
        return load();
    }

    private synchronized Known load() {
        try {
            if (shared == null) {
                if (known == null) {
                    String stored = local();
                    known = new Known(stored, SpKeys.decode(stored, sealer));
                }
                return known;
            }
            while (true) {
                Optional<String> stored = shared.read();
                if (stored.isPresent()) {
                    Known k = known;
                    if (k == null || !k.stored().equals(stored.get())) {
                        k = new Known(stored.get(), SpKeys.decode(stored.get(), sealer));
                        k.keys().writeTo(file, sealer);
                        known = k;
                    }
                    return k;
                }
                // first node up: publish the keys this node already had (as sealed), or new ones
                shared.publish(null, local());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** This node's file as written (created with one new key when absent). */
    private String local() throws IOException {
        SpKeys.loadOrCreate(file, sealer, clock);
        return Files.readString(file, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Adds a new key in front (the published one); the others keep decrypting. */
    public SpKeys rotate() {
        return change(keys -> keys.rotate(clock), sealer);
    }

    /**
     * Drops the key {@code kid}: assertions encrypted to it no longer decrypt.
     *
     * @throws IllegalArgumentException when {@code kid} is unknown or is the current (published) key
     */
    public SpKeys retire(String kid) {
        return change(current -> {
            if (current.keys().stream().noneMatch(k -> k.kid().equals(kid))) {
                throw new IllegalArgumentException("no SP key has the id " + kid);
            }
            if (current.current().kid().equals(kid)) {
                throw new IllegalArgumentException("the current SP key " + kid + " cannot be retired: rotate first");
            }
            return current.retire(kid);
        }, sealer);
    }

    /**
     * Writes the current keys again, sealed with {@code with} (key-ring retirement re-seals them under the active
     * ring key before the retired key leaves the ring).
     */
    public void rewrite(SecretSealer with) throws IOException {
        try {
            change(UnaryOperator.identity(), with);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private synchronized SpKeys change(UnaryOperator<SpKeys> step, SecretSealer with) {
        try {
            while (true) {
                Known before = current();
                SpKeys next = step.apply(before.keys());
                String stored = next.encode(with);
                if (shared == null || shared.publish(before.stored(), stored)) {
                    next.writeTo(file, with);
                    known = new Known(stored, next);
                    return next;
                }
                // another node changed the keys first: apply the change to theirs
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
