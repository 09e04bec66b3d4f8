package io.keygate.store;

import java.util.function.UnaryOperator;

import io.keygate.iam.AccountSettings;
import io.keygate.iam.AccountSettingsRepository;

/** Account settings in the {@code account-settings} cache, keyed by account id. */
public final class StoreAccountSettingsRepository implements AccountSettingsRepository {

    private final JsonCache<AccountSettings> settings;

    public StoreAccountSettingsRepository(InfinispanStore store) {
        this.settings = new JsonCache<>(store.namespace("account-settings"), AccountSettings.class);
    }

    @Override
    public AccountSettings get(String accountId) {
        return settings.get(accountId).orElseGet(() -> AccountSettings.empty(accountId));
    }

    @Override
    public AccountSettings update(String accountId, UnaryOperator<AccountSettings> change) {
        settings.putIfAbsent(accountId, AccountSettings.empty(accountId));
        return settings.update(accountId, change).orElseThrow();
    }
}
