package io.keygate.credentials;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The SAML SP keys of this node, {@code <data-dir>/saml-sp-keys} ({@link SpKeys}), read or created on first use and
 * rotated like the key ring: {@link #rotate} adds a new key, which becomes the one published in the SP metadata,
 * while every older key still decrypts; {@link #retire} drops an old key once no IdP encrypts to it any more. Each
 * change is written to the file (atomically, owner-only) before it takes effect, so a restart keeps it.
 *
 * <p>Thread-safe: readers see one consistent set; changes are serialised.
 */
public final class SpKeyFile {

    private final Path file;
    private final SecretSealer sealer;
    private final Clock clock;
    private volatile SpKeys keys;

    public SpKeyFile(Path file, SecretSealer sealer, Clock clock) {
        this.file = file;
        this.sealer = sealer;
        this.clock = clock;
    }

    /** The current set, newest first (read or created on first call). */
    public SpKeys keys() {
        SpKeys current = keys;
        if (current == null) {
            synchronized (this) {
                current = keys;
                if (current == null) {
                    try {
                        current = SpKeys.loadOrCreate(file, sealer, clock);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    keys = current;
                }
            }
        }
        return current;
    }

    /** Adds a new key in front (the published one); the others keep decrypting. */
    public synchronized SpKeys rotate() {
        return save(keys().rotate(clock));
    }

    /**
     * Drops the key {@code kid}: assertions encrypted to it no longer decrypt.
     *
     * @throws IllegalArgumentException when {@code kid} is unknown or is the current (published) key
     */
    public synchronized SpKeys retire(String kid) {
        SpKeys current = keys();
        if (current.keys().stream().noneMatch(k -> k.kid().equals(kid))) {
            throw new IllegalArgumentException("no SP key has the id " + kid);
        }
        if (current.current().kid().equals(kid)) {
            throw new IllegalArgumentException("the current SP key " + kid + " cannot be retired: rotate first");
        }
        return save(current.retire(kid));
    }

    /**
     * Writes the current keys again, sealed with {@code with} (key-ring retirement re-seals them under the active
     * ring key before the retired key leaves the ring).
     */
    public synchronized void rewrite(SecretSealer with) throws IOException {
        keys().writeTo(file, with);
    }

    private SpKeys save(SpKeys next) {
        try {
            next.writeTo(file, sealer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        keys = next;
        return next;
    }
}
