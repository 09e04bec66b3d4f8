package io.keygate.pool;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.UnaryOperator;

/**
 * Store port for identity pools, their identities and the links from a verified login ({@code provider} +
 * {@code subject}) to the identity it always maps to. Single-record writes are atomic; {@link #link} is a
 * compare-and-set, so two parallel first sign-ins of one user get one identity.
 */
public interface IdentityPoolRepository {

    Optional<IdentityPool> find(String poolId);

    /** False if a pool with that id exists. */
    boolean create(IdentityPool pool);

    /** Applies {@code change} atomically; empty if absent. {@code change} may throw to refuse. */
    Optional<IdentityPool> update(String poolId, UnaryOperator<IdentityPool> change);

    /** Deletes the pool with its identities and links; empty if absent. */
    Optional<IdentityPool> delete(String poolId);

    /** The account's pools, sorted by id. */
    List<IdentityPool> list(String accountId);

    Optional<PoolIdentity> identity(String identityId);

    /** Stores a new identity (with whatever lists it under its pool); it survives a restart once this returns. */
    default void createIdentity(PoolIdentity identity) {
        Stages.await(createIdentityAsync(identity));
    }

    /**
     * Starts storing a new identity without waiting: the stage completes once the identity survives a restart, or
     * exceptionally (the store's faults translated to AWS errors). Starting it neither blocks nor waits for the disk.
     */
    CompletionStage<Void> createIdentityAsync(PoolIdentity identity);

    /** Applies {@code change} atomically; empty if absent. */
    Optional<PoolIdentity> updateIdentity(String identityId, UnaryOperator<PoolIdentity> change);

    /** Deletes the identity and its links; empty if absent. */
    Optional<PoolIdentity> deleteIdentity(String identityId);

    /** The pool's identities, sorted by id. */
    List<PoolIdentity> identities(String poolId);

    /**
     * The identity the login is linked to, linking it to {@code candidate} first when it is linked to none.
     *
     * @return the linked identity id ({@code candidate} when this call linked it)
     */
    String link(String poolId, String provider, String subject, String candidate);

    /** The identity a login is linked to, if any. */
    Optional<String> linked(String poolId, String provider, String subject);

    /** Links the login to {@code identityId}, replacing any link it had (MergeDeveloperIdentities). */
    void relink(String poolId, String provider, String subject, String identityId);

    /** Removes the link of a login (UnlinkIdentity). */
    void unlink(String poolId, String provider, String subject);
}
