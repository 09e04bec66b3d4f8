package io.keygate.iam;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Store port for the named entities of an account (users, groups, roles, managed policies, instance profiles). Names
 * are unique per account, compared case-insensitively, as in IAM. Every write touches one entity record only, so an
 * interrupted request never leaves half an entity; read-modify-write goes through {@link #update}, a compare-and-set
 * loop, so concurrent writers never lose each other's changes.
 *
 * @param <T> the entity record
 */
public interface EntityRepository<T> {

    Optional<T> find(String accountId, String name);

    /** Creates the entity; false if one with that name (any case) exists in the account. */
    boolean create(T entity);

    /** What {@link #create(Object, String, int)} did. */
    enum Created { CREATED, EXISTS, OVER_QUOTA }

    /**
     * Creates the entity unless its account already holds {@code quota} entities of this kind. Counting and writing
     * are one step for every create of this repository on this node, so parallel creates never overshoot the quota;
     * the store's implementation makes them one step across the nodes of a cluster as well.
     *
     * @param accountId the entity's account
     */
    default Created create(T entity, String accountId, int quota) {
        synchronized (this) {
            if (list(accountId).size() >= quota) {
                return Created.OVER_QUOTA;
            }
            return create(entity) ? Created.CREATED : Created.EXISTS;
        }
    }

    /**
     * Applies {@code change} atomically (compare-and-set, retried on a concurrent write). {@code change} may throw
     * to refuse (nothing is written) and may run more than once.
     *
     * @return the stored result, or empty if the entity does not exist
     */
    Optional<T> update(String accountId, String name, UnaryOperator<T> change);

    /**
     * Deletes the entity if {@code check} accepts its current state ({@code check} throws to refuse) and it did not
     * change in between.
     *
     * @return the deleted entity, or empty if it did not exist
     */
    Optional<T> delete(String accountId, String name, Consumer<T> check);

    /** All entities of the account, sorted by name case-insensitively (stable pagination). */
    List<T> list(String accountId);
}
