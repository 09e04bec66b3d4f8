package io.keygate.iam;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Store port for OIDC providers, keyed by account and {@link OidcProvider#id()} compared exactly (case-sensitive,
 * unlike the names of other IAM entities). Writes are single-record and compare-and-set, as in
 * {@link EntityRepository}.
 */
public interface OidcProviderRepository {

    Optional<OidcProvider> find(String accountId, String id);

    /** False if the account has a provider with that id. */
    boolean create(OidcProvider provider);

    /** Applies {@code change} atomically; empty if absent. {@code change} may throw to refuse. */
    Optional<OidcProvider> update(String accountId, String id, UnaryOperator<OidcProvider> change);

    /** Deletes if {@code check} accepts; empty if absent. */
    Optional<OidcProvider> delete(String accountId, String id, Consumer<OidcProvider> check);

    /** The account's providers, sorted by id. */
    List<OidcProvider> list(String accountId);
}
