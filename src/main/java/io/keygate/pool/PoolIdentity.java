package io.keygate.pool;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One identity of a pool (Cognito Identity {@code IdentityDescription}). Immutable.
 *
 * @param identityId   {@code <region>:<uuid>}, never reused
 * @param poolId       the pool it belongs to
 * @param accountId    the pool's account
 * @param logins       provider name → the verified subject linked to this identity; empty for a guest
 * @param created      creation time
 * @param lastModified time of the last link or unlink
 */
public record PoolIdentity(String identityId, String poolId, String accountId, Map<String, String> logins,
                           Instant created, Instant lastModified) {

    public PoolIdentity {
        Objects.requireNonNull(identityId, "identityId");
        Objects.requireNonNull(poolId, "poolId");
        Objects.requireNonNull(accountId, "accountId");
        logins = logins == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(logins));
    }

    public boolean isGuest() {
        return logins.isEmpty();
    }

    public PoolIdentity withLogins(Map<String, String> newLogins, Instant now) {
        return new PoolIdentity(identityId, poolId, accountId, newLogins, created, now);
    }
}
