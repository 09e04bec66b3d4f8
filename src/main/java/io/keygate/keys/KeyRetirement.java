package io.keygate.keys;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import io.keygate.credentials.KeyRing;
import io.keygate.credentials.SealedSecrets;
import io.keygate.credentials.SecretSealer;
import io.keygate.error.AwsErrorCode;
import io.keygate.error.EntityException;
import io.keygate.error.InvalidInputException;

/**
 * Retiring a key-ring key, in the only safe order: refuse while session tokens it encrypted may still be live; seal
 * again under the active key every stored secret it sealed (access key secrets, MFA seeds, uploaded and generated
 * private keys), each record by compare-and-set; check that none is left; only then hand back the ring without it.
 * A key dropped before that would leave those secrets unopenable: access keys that never verify again, MFA devices
 * that never accept a code.
 *
 * <p>A key stops encrypting session tokens when the next key becomes active, which is at the latest when the next
 * newer key was created; a token lives at most {@link #LONGEST_TOKEN} (GetSessionToken's and GetFederationToken's
 * 36 hours), so a key may leave the ring {@code LONGEST_TOKEN} after its successor's creation.
 */
public final class KeyRetirement {

    /** The longest any token encrypted with a key-ring key can live. */
    public static final Duration LONGEST_TOKEN = Duration.ofHours(36);

    /** What retiring one key did. */
    public record Result(String kid, Map<String, Integer> resealed, KeyRing ring) {
    }

    private final Supplier<KeyRing> rings;
    private final SecretSealer sealer;
    private final List<SealedSecrets> secrets;
    private final Clock clock;

    public KeyRetirement(KeyRing ring, SecretSealer sealer, List<SealedSecrets> secrets, Clock clock) {
        this(() -> ring, sealer, secrets, clock);
    }

    /** Retires keys of the ring in force at each call ({@link io.keygate.credentials.CurrentKeyRing}). */
    public KeyRetirement(Supplier<KeyRing> rings, SecretSealer sealer, List<SealedSecrets> secrets, Clock clock) {
        this.rings = rings;
        this.sealer = sealer;
        this.secrets = List.copyOf(secrets);
        this.clock = clock;
    }

    /**
     * Seals again everything {@code kid} sealed and returns the ring without {@code kid}.
     *
     * @throws EntityException       NoSuchEntity when the ring holds no such key
     * @throws InvalidInputException ValidationError for the active key, or while tokens it encrypted may be live
     */
    public Result retire(String kid) {
        KeyRing ring = rings.get();
        Optional<Instant> created = ring.created(kid);
        if (created.isEmpty()) {
            throw new EntityException(AwsErrorCode.NoSuchEntity, "The key ring holds no key " + kid + ".");
        }
        if (kid.equals(ring.activeKid())) {
            throw new InvalidInputException(AwsErrorCode.ValidationError,
                    "Key " + kid + " is the active key: rotate to a new key first, then retire it.");
        }
        Instant succeeded = ring.kids().stream()
                .map(k -> ring.created(k).orElseThrow())
                .filter(c -> c.isAfter(created.get()))
                .min(Instant::compareTo)
                .orElse(clock.instant());
        Instant safe = succeeded.plus(LONGEST_TOKEN);
        if (clock.instant().isBefore(safe)) {
            throw new InvalidInputException(AwsErrorCode.ValidationError, "Key " + kid
                    + " may still protect live session tokens until " + safe + "; retire it after that.");
        }
        Map<String, Integer> resealed = new LinkedHashMap<>();
        for (SealedSecrets kind : secrets) {
            resealed.put(kind.kind(), kind.reseal(kid, sealer));
        }
        for (SealedSecrets kind : secrets) {
            int left = kind.countSealedUnder(kid);
            if (left > 0) {
                // a secret sealed under the retiring key after the sweep: only a node still holding it as active
                throw new InvalidInputException(AwsErrorCode.ValidationError, left + " " + kind.kind()
                        + " were sealed under " + kid + " during the retirement; retry once every node has the "
                        + "new active key.");
            }
        }
        return new Result(kid, resealed, ring.retire(kid));
    }
}
