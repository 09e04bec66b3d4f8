package io.keygate.store;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.keygate.iam.Account;
import io.keygate.iam.AccountRepository;

/** Accounts in the {@code accounts} cache, keyed by account id. */
public final class StoreAccountRepository implements AccountRepository {

    private final JsonCache<Account> accounts;

    public StoreAccountRepository(InfinispanStore store) {
        this.accounts = new JsonCache<>(store.cache("accounts"), Account.class);
    }

    @Override
    public Optional<Account> find(String accountId) {
        return accounts.get(accountId);
    }

    @Override
    public boolean create(Account account) {
        return accounts.putIfAbsent(account.id(), account);
    }

    @Override
    public List<Account> list() {
        return accounts.values().sorted(Comparator.comparing(Account::id)).toList();
    }
}
