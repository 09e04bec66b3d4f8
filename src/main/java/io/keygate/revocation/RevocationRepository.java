package io.keygate.revocation;

import java.util.List;
import java.util.Optional;

/** Store port for revocations; implementations drop each entry at its {@code expiresAt}, on every node. */
public interface RevocationRepository {

    Optional<Revocation> find(String id);

    /** Stores (or replaces) a revocation, kept until its expiry. */
    void put(Revocation revocation);

    /**
     * Stores {@code proposed} or, when a revocation with its id is live, {@code merge(live, proposed)}, atomically
     * cluster-wide (compare-and-set): of two concurrent merges neither is lost.
     *
     * @return the revocation stored
     */
    Revocation merge(Revocation proposed, java.util.function.BinaryOperator<Revocation> merge);

    /** Whether a revocation with that id is live (the fast check on the request path). */
    boolean contains(String id);

    /** Live revocations of one account. */
    List<Revocation> list(String accountId);
}
