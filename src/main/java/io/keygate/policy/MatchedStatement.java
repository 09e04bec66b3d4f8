package io.keygate.policy;

import java.util.Optional;

/**
 * A statement that matched the request: which policy, its position, its {@code Sid}, its effect and the layer the
 * policy played.
 *
 * @param sid the {@code Sid}, or {@code null}
 */
public record MatchedStatement(String policyId, int statementIndex, String sid, Effect effect, PolicyLayer layer) {

    /** The {@code Sid}, if the statement has one. */
    public Optional<String> sidIfAny() {
        return Optional.ofNullable(sid);
    }

    /** {@code policyId#index}, the form used by the scenario corpus. */
    public String ref() {
        return policyId + "#" + statementIndex;
    }

    @Override
    public String toString() {
        return ref() + (sid == null ? "" : "(" + sid + ")") + ":" + effect.wireName();
    }
}
