package io.keygate.store;

import java.util.Optional;
import java.util.function.UnaryOperator;

import io.keygate.issuer.OutboundFederation;
import io.keygate.issuer.OutboundFederationRepository;

/**
 * Each account's outbound federation record in {@code outbound-federation} (by account), with an index from issuer
 * id to account in {@code outbound-issuers}. The issuer id never changes once made, so the index is written once.
 */
public final class StoreOutboundFederationRepository implements OutboundFederationRepository {

    private final JsonCache<OutboundFederation> records;
    private final Namespace issuers;

    public StoreOutboundFederationRepository(InfinispanStore store) {
        this.records = new JsonCache<>(store.namespace("outbound-federation"), OutboundFederation.class);
        this.issuers = store.namespace("outbound-issuers");
    }

    @Override
    public Optional<OutboundFederation> find(String accountId) {
        return records.get(accountId);
    }

    @Override
    public Optional<OutboundFederation> byIssuerId(String issuerId) {
        String account = issuers.get(issuerId);
        return account == null ? Optional.empty() : find(account);
    }

    @Override
    public boolean create(OutboundFederation record) {
        issuers.putIfAbsent(record.issuerId(), record.accountId());
        return records.putIfAbsent(record.accountId(), record);
    }

    @Override
    public Optional<OutboundFederation> update(String accountId, UnaryOperator<OutboundFederation> change) {
        return records.update(accountId, change);
    }
}
