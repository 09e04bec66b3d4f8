package io.keygate.bootstrap;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import io.keygate.iam.OidcProvider;
import io.keygate.iam.OidcProviderRepository;

/**
 * The OIDC providers of the store plus the dry run's own writes, kept in memory (see {@link OverlayRepository}; ids
 * are compared exactly). Not thread-safe.
 */
final class OverlayOidcProviders implements OidcProviderRepository {

    private final OidcProviderRepository store;
    private final Map<String, Optional<OidcProvider>> written = new HashMap<>();

    OverlayOidcProviders(OidcProviderRepository store) {
        this.store = store;
    }

    private static String key(String accountId, String id) {
        return accountId + "/" + id;
    }

    @Override
    public Optional<OidcProvider> find(String accountId, String id) {
        Optional<OidcProvider> mine = written.get(key(accountId, id));
        return mine != null ? mine : store.find(accountId, id);
    }

    @Override
    public boolean create(OidcProvider provider) {
        if (find(provider.accountId(), provider.id()).isPresent()) {
            return false;
        }
        written.put(key(provider.accountId(), provider.id()), Optional.of(provider));
        return true;
    }

    @Override
    public Optional<OidcProvider> update(String accountId, String id, UnaryOperator<OidcProvider> change) {
        Optional<OidcProvider> updated = find(accountId, id).map(change);
        updated.ifPresent(u -> written.put(key(accountId, id), updated));
        return updated;
    }

    @Override
    public Optional<OidcProvider> delete(String accountId, String id, Consumer<OidcProvider> check) {
        Optional<OidcProvider> current = find(accountId, id);
        current.ifPresent(check);
        current.ifPresent(c -> written.put(key(accountId, id), Optional.empty()));
        return current;
    }

    @Override
    public List<OidcProvider> list(String accountId) {
        Map<String, OidcProvider> all = new HashMap<>();
        store.list(accountId).forEach(o -> all.put(key(accountId, o.id()), o));
        written.forEach((k, v) -> {
            if (k.startsWith(accountId + "/")) {
                v.ifPresentOrElse(o -> all.put(k, o), () -> all.remove(k));
            }
        });
        List<OidcProvider> out = new ArrayList<>(all.values());
        out.sort(Comparator.comparing(OidcProvider::id));
        return out;
    }
}
