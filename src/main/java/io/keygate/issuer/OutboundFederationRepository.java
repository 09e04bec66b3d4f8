package io.keygate.issuer;

import java.util.Optional;
import java.util.function.UnaryOperator;

/** Store port for each account's outbound federation record. */
public interface OutboundFederationRepository {

    Optional<OutboundFederation> find(String accountId);

    /** The record whose issuer id is {@code issuerId}. */
    Optional<OutboundFederation> byIssuerId(String issuerId);

    /** Stores the first record of the account; false if it has one. */
    boolean create(OutboundFederation record);

    /** Applies {@code change} atomically; empty if absent. */
    Optional<OutboundFederation> update(String accountId, UnaryOperator<OutboundFederation> change);
}
