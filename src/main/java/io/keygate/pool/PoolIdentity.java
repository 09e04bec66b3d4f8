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
 * @param developerUserIdentifiers the developer user identifiers linked to this identity (developer provider)
 * @param created      creation time
 * @param lastModified time of the last link or unlink
 */
public record PoolIdentity(String identityId, String poolId, String accountId, Map<String, String> logins,
                           java.util.List<String> developerUserIdentifiers, Instant created, Instant lastModified) {

    public PoolIdentity {
        Objects.requireNonNull(identityId, "identityId");
        Objects.requireNonNull(poolId, "poolId");
        Objects.requireNonNull(accountId, "accountId");
        logins = logins == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(logins));
        developerUserIdentifiers = developerUserIdentifiers == null ? java.util.List.of()
                : java.util.List.copyOf(new java.util.TreeSet<>(developerUserIdentifiers));
    }

    /** A guest: neither a login nor a developer user identifier. */
    public boolean isGuest() {
        return logins.isEmpty() && developerUserIdentifiers.isEmpty();
    }

    public PoolIdentity withLogins(Map<String, String> newLogins, Instant now) {
        return new PoolIdentity(identityId, poolId, accountId, newLogins, developerUserIdentifiers, created, now);
    }

    public PoolIdentity withDeveloperUserIdentifiers(java.util.Collection<String> ids, Instant now) {
        return new PoolIdentity(identityId, poolId, accountId, logins, java.util.List.copyOf(ids), created, now);
    }
}
