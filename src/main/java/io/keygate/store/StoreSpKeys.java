package io.keygate.store;

import java.util.Optional;

import io.keygate.credentials.SpKeyFile;

/**
 * The cluster's SAML SP keys as one record, {@code saml-sp-keys/shared}, in the replicated entity cache (their
 * private keys sealed with the key ring, as in the file form): every node reads it locally, and a change is written
 * to every node before it returns.
 */
public final class StoreSpKeys implements SpKeyFile.Shared {

    private static final String KEY = "shared";

    private final Namespace records;

    public StoreSpKeys(InfinispanStore store) {
        this.records = store.namespace("saml-sp-keys");
    }

    @Override
    public Optional<String> read() {
        return Optional.ofNullable(records.get(KEY));
    }

    @Override
    public boolean publish(String expected, String next) {
        return expected == null ? records.putIfAbsent(KEY, next) : records.replace(KEY, expected, next);
    }
}
