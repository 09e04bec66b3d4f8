package io.keygate.policy;

import java.util.List;

/**
 * The outcome of one layer taken alone: whether its policies explicitly deny, allow or say nothing, with the
 * statements that matched. What SimulatePrincipalPolicy reports per policy type (for example the permissions
 * boundary decision).
 */
public record LayerResult(PolicyLayer layer, EvalDecision decision, List<MatchedStatement> matched) {

    public LayerResult {
        matched = List.copyOf(matched);
    }
}
