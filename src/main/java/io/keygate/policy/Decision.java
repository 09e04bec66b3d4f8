package io.keygate.policy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The answer to an {@link AuthorizationRequest}, saying why: the effect, the deciding statements (the explicit denies,
 * or the allows that granted access; empty for an implicit deny), the layer that denied, each layer's own outcome,
 * and the condition keys that conditions asked for and the request context did not have.
 *
 * @param effect             allow, explicit deny or implicit deny
 * @param matchedStatements  the deciding statements
 * @param deniedBy           the layer that denied; empty when allowed
 * @param layers             per-layer outcomes of the layers that were present
 * @param missingContextKeys keys referenced by evaluated conditions or variables but absent from the context
 */
public record Decision(EvalDecision effect, List<MatchedStatement> matchedStatements, Optional<PolicyLayer> deniedBy,
        String principalArn, String action, String resource, Map<PolicyLayer, LayerResult> layers,
        Set<String> missingContextKeys) {

    public Decision {
        matchedStatements = List.copyOf(matchedStatements);
        layers = Map.copyOf(layers);
        missingContextKeys = Set.copyOf(missingContextKeys);
    }

    /** Whether the request is allowed. */
    public boolean allowed() {
        return effect == EvalDecision.ALLOW;
    }

    /** The outcome of the permissions boundary alone, if there was one. */
    public Optional<LayerResult> boundaryDecision() {
        return Optional.ofNullable(layers.get(PolicyLayer.BOUNDARY));
    }

    /**
     * The AccessDenied message in AWS's wording (IAM User Guide, "Troubleshoot access denied error messages"), for
     * example {@code User: arn:aws:iam::111122223333:user/alice is not authorized to perform: s3:GetObject on
     * resource: arn:aws:s3:::b/k because no identity-based policy allows the s3:GetObject action}. Empty when
     * allowed.
     */
    public Optional<String> accessDeniedMessage() {
        if (effect == EvalDecision.ALLOW || deniedBy.isEmpty()) {
            return Optional.empty();
        }
        String head = "User: " + principalArn + " is not authorized to perform: " + action + " on resource: "
                + resource;
        PolicyLayer layer = deniedBy.get();
        if (effect == EvalDecision.EXPLICIT_DENY) {
            return Optional.of(head + " with an explicit deny in " + layer.withArticle());
        }
        return Optional.of(head + " because no " + layer.bare() + " allows the " + action + " action");
    }
}
