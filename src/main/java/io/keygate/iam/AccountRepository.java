package io.keygate.iam;

import java.util.List;
import java.util.Optional;

/** Store port for accounts. Implementations make every write durable before returning. */
public interface AccountRepository {

    Optional<Account> find(String accountId);

    /** Creates the account; returns false if one with that id exists already. */
    boolean create(Account account);

    List<Account> list();
}
