package io.keygate.store;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.keygate.iam.Account;
import io.keygate.iam.AccountRepository;

/** Accounts in the {@code accounts} cache, keyed by account id. */
public final class StoreAccountRepository implements AccountRepository {

    private final JsonCache<Account> accounts;
    private final JsonCache<String> aliases;

    public StoreAccountRepository(InfinispanStore store) {
        this.accounts = new JsonCache<>(store.namespace("accounts"), Account.class);
        this.aliases = new JsonCache<>(store.namespace("account-aliases"), String.class);
    }

    /**
     * The alias is reserved first (alias → account id, putIfAbsent), then written into the account record; a
     * reservation whose account does not name it back is stale and may be taken over.
     */
    @Override
    public boolean setAlias(String accountId, String alias) {
        if (!aliases.putIfAbsent(alias, accountId)) {
            String holder = aliases.get(alias).orElse(accountId);
            boolean stale = !holder.equals(accountId)
                    && accounts.get(holder).map(a -> !alias.equals(a.alias())).orElse(true);
            if (!holder.equals(accountId) && !(stale && aliases.replace(alias, holder, accountId))) {
                return false;
            }
        }
        String[] previous = new String[1];
        accounts.update(accountId, a -> {
            previous[0] = a.alias();
            return a.withAlias(alias);
        });
        if (previous[0] != null && !previous[0].equals(alias)) {
            aliases.remove(previous[0]);
        }
        return true;
    }

    @Override
    public boolean removeAlias(String accountId, String alias) {
        boolean[] removed = new boolean[1];
        accounts.update(accountId, a -> {
            removed[0] = alias.equals(a.alias());
            return removed[0] ? a.withAlias(null) : a;
        });
        if (removed[0]) {
            aliases.remove(alias);
        }
        return removed[0];
    }

    @Override
    public Optional<Account> find(String accountId) {
        return accounts.get(accountId);
    }

    /** The alias index names the holder; the account record must name the alias back (else it is stale). */
    @Override
    public Optional<Account> findByAlias(String alias) {
        return aliases.get(alias).flatMap(accounts::get).filter(a -> alias.equals(a.alias()));
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
