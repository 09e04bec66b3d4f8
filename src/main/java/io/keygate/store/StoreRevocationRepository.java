package io.keygate.store;

import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.keygate.revocation.Revocation;
import io.keygate.revocation.RevocationRepository;

/** Revocations in the {@code revocations} cache; each entry's lifespan ends at its {@code expiresAt}. */
public final class StoreRevocationRepository implements RevocationRepository {

    private final JsonCache<Revocation> revocations;
    private final Clock clock;

    public StoreRevocationRepository(InfinispanStore store, Clock clock) {
        this.revocations = new JsonCache<>(store.namespace("revocations"), Revocation.class);
        this.clock = clock;
    }

    @Override
    public Optional<Revocation> find(String id) {
        return revocations.get(id);
    }

    @Override
    public void put(Revocation revocation) {
        Duration lifespan = Duration.between(clock.instant(), revocation.expiresAt());
        if (!lifespan.isNegative() && !lifespan.isZero()) {
            revocations.put(revocation.id(), revocation, lifespan);
        }
    }

    @Override
    public Revocation merge(Revocation proposed, java.util.function.BinaryOperator<Revocation> merge) {
        // A revocation always lives into the future (its expiry is its creation plus the longest session); at
        // least one millisecond keeps the store from reading a zero lifespan as "forever".
        return revocations.merge(proposed.id(), proposed, merge, r -> {
            Duration lifespan = Duration.between(clock.instant(), r.expiresAt());
            return lifespan.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : lifespan;
        });
    }

    @Override
    public boolean contains(String id) {
        return revocations.containsKey(id);
    }

    @Override
    public List<Revocation> list(String accountId) {
        return revocations.values()
                .filter(r -> r.accountId().equals(accountId))
                .filter(r -> r.expiresAt().isAfter(clock.instant()))
                .sorted(Comparator.comparing(Revocation::createdAt).thenComparing(Revocation::id))
                .toList();
    }
}
