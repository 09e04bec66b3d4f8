package io.keygate.iam;

import java.util.List;
import java.util.Optional;

/** Store port for accounts. Implementations make every write durable before returning. */
public interface AccountRepository {

    Optional<Account> find(String accountId);

    /** The account whose alias is {@code alias} (exact, aliases are lower case), by the alias index, no scan. */
    Optional<Account> findByAlias(String alias);

    /** Creates the account; returns false if one with that id exists already. */
    boolean create(Account account);

    List<Account> list();

    /**
     * Gives the account the alias (one per account, globally unique as AWS account aliases are), replacing its
     * previous alias; false if another account holds that alias.
     */
    boolean setAlias(String accountId, String alias);

    /** Removes the account's alias if it is {@code alias}; false if it is not. */
    boolean removeAlias(String accountId, String alias);
}
