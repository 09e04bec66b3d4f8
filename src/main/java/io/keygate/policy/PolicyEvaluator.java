package io.keygate.policy;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides a request as AWS does (IAM User Guide, "Policy evaluation logic" and "Determining whether a request is
 * allowed or denied within an account"):
 * <ol>
 * <li>an explicit Deny in any applicable policy wins;</li>
 * <li>the root user of the account is allowed;</li>
 * <li>a trust policy, and for cross-account requests the resource policy, must allow the principal;</li>
 * <li>in the same account, a resource policy that names the principal itself (its user or session ARN, or
 * {@code *}) allows on its own, unaffected by implicit denies in the other layers;</li>
 * <li>otherwise identity-based policies must allow (in the same account a resource policy naming the role ARN or,
 * for a federated user, the IAM user counts as that allow);</li>
 * <li>the permissions boundary, if any, must allow;</li>
 * <li>session policies must allow, if any were passed; a federated-user session without one is denied;</li>
 * <li>otherwise the request is allowed.</li>
 * </ol>
 * Service control policies are not modelled. Evaluation never throws and does no parsing or pattern compilation.
 * Stateless and thread-safe.
 */
public final class PolicyEvaluator {

    /** Creates an evaluator; it holds no state. */
    public PolicyEvaluator() {
    }

    /**
     * Decides {@code request}. Never throws: should evaluation fail unexpectedly, the answer is an implicit deny by
     * the identity layer (fail closed).
     */
    public Decision evaluate(AuthorizationRequest request) {
        try {
            return decide(request);
        } catch (RuntimeException e) {
            return new Decision(EvalDecision.IMPLICIT_DENY, List.of(), Optional.of(PolicyLayer.IDENTITY),
                    request.principal().arn(), request.action(), request.resource(), Map.of(), java.util.Set.of());
        }
    }

    private Decision decide(AuthorizationRequest request) {
        EvalScope scope = new EvalScope(request.principal(), request.action(), request.resource(), request.context());
        Layer identity = Layer.of(PolicyLayer.IDENTITY, request.identityPolicies(), scope);
        Policy b = request.permissionsBoundary().orElse(null);
        Layer boundary = b == null ? null : Layer.of(PolicyLayer.BOUNDARY, List.of(b), scope);
        List<Policy> s = request.sessionPolicies().orElse(null);
        Layer session = s == null ? null : Layer.of(PolicyLayer.SESSION, s, scope);
        Policy r = request.resourcePolicy().orElse(null);
        Layer resource = r == null ? null : Layer.of(PolicyLayer.RESOURCE, List.of(r), scope);

        Map<PolicyLayer, LayerResult> layers;
        if (boundary == null && session == null && resource == null) {
            layers = Map.of(PolicyLayer.IDENTITY, identity.result()); // the usual case, without the EnumMap detour
        } else {
            layers = new EnumMap<>(PolicyLayer.class);
            for (Layer l : new Layer[] {identity, resource, boundary, session}) {
                if (l != null) {
                    layers.put(l.layer, l.result());
                }
            }
        }
        Outcome o = decide(request, identity, boundary, session, resource);
        return new Decision(o.effect, o.matched, Optional.ofNullable(o.deniedBy), request.principal().arn(),
                request.action(), request.resource(), layers, scope.missingKeys());
    }

    private record Outcome(EvalDecision effect, List<MatchedStatement> matched, PolicyLayer deniedBy) {
    }

    private static Outcome decide(AuthorizationRequest request, Layer identity, Layer boundary, Layer session,
            Layer resource) {
        // 1. An explicit deny anywhere wins.
        List<MatchedStatement> denies = List.of();
        PolicyLayer denier = null;
        for (Layer l : new Layer[] {identity, resource, boundary, session}) {
            if (l != null && !l.denies.isEmpty()) {
                denies = concat(denies, l.denies);
                denier = denier == null ? l.layer : denier;
            }
        }
        if (denier != null) {
            return new Outcome(EvalDecision.EXPLICIT_DENY, denies, denier);
        }
        Principal p = request.principal();
        String resourceAccount = request.resourceAccount().orElse(p.account());
        boolean sameAccount = p.account() == null || p.account().equals(resourceAccount);
        int named = resource == null ? PrincipalMatcher.NONE : resource.bestPrincipalMatch;
        boolean trust = resource != null && resource.policyType == PolicyType.TRUST;

        // 2. The root user of the account owns it.
        if (p.type() == PrincipalType.ACCOUNT && sameAccount && !trust) {
            return new Outcome(EvalDecision.ALLOW, resource == null ? identity.allows
                    : concat(identity.allows, resource.allows), null);
        }
        // 3. Trust policies, and resource policies across accounts, must allow the principal.
        if ((trust || !sameAccount) && named == PrincipalMatcher.NONE) {
            return new Outcome(EvalDecision.IMPLICIT_DENY, List.of(), PolicyLayer.RESOURCE);
        }
        // 4. Same account, principal named directly: the resource policy alone allows.
        boolean resourceOnlyPrincipal = p.account() == null || p.type() == PrincipalType.SERVICE
                || p.type() == PrincipalType.WEB_IDENTITY || p.type() == PrincipalType.ANONYMOUS;
        if (sameAccount && named == PrincipalMatcher.DIRECT || resourceOnlyPrincipal && named != PrincipalMatcher.NONE) {
            return new Outcome(EvalDecision.ALLOW, resource.allows, null);
        }
        if (resourceOnlyPrincipal) {
            return new Outcome(EvalDecision.IMPLICIT_DENY, List.of(),
                    resource == null ? PolicyLayer.IDENTITY : PolicyLayer.RESOURCE);
        }
        // 5. Identity-based policies must allow (same-account resource policy naming the role counts).
        List<MatchedStatement> granted = identity.allows;
        boolean viaResource = sameAccount && named == PrincipalMatcher.SOURCE;
        if (viaResource || !sameAccount || trust) {
            granted = concat(granted, resource.allows);
        }
        if (identity.allows.isEmpty() && !viaResource) {
            return new Outcome(EvalDecision.IMPLICIT_DENY, List.of(), PolicyLayer.IDENTITY);
        }
        // 6. The permissions boundary caps identity-based permissions.
        if (boundary != null) {
            if (boundary.allows.isEmpty()) {
                return new Outcome(EvalDecision.IMPLICIT_DENY, List.of(), PolicyLayer.BOUNDARY);
            }
            granted = concat(granted, boundary.allows);
        }
        // 7. Session policies cap the session.
        if (session != null) {
            if (session.allows.isEmpty()) {
                return new Outcome(EvalDecision.IMPLICIT_DENY, List.of(), PolicyLayer.SESSION);
            }
            granted = concat(granted, session.allows);
        } else if (request.sessionKind() == SessionKind.FEDERATED_USER_SESSION) {
            return new Outcome(EvalDecision.IMPLICIT_DENY, List.of(), PolicyLayer.SESSION);
        }
        return new Outcome(EvalDecision.ALLOW, granted, null);
    }

    /**
     * {@code a} then {@code b} as an immutable list. The lists of a decision are immutable from the start, so the
     * defensive copies in {@link Decision} and {@link LayerResult} cost nothing, and a lone layer's list is reused.
     */
    private static List<MatchedStatement> concat(List<MatchedStatement> a, List<MatchedStatement> b) {
        if (b.isEmpty()) {
            return a;
        }
        if (a.isEmpty()) {
            return b;
        }
        List<MatchedStatement> out = new ArrayList<>(a.size() + b.size());
        out.addAll(a);
        out.addAll(b);
        return List.copyOf(out);
    }

    /** The statements of one layer that apply to the request. */
    private static final class Layer {
        final PolicyLayer layer;
        final PolicyType policyType;
        List<MatchedStatement> allows = List.of();
        List<MatchedStatement> denies = List.of();
        int bestPrincipalMatch = PrincipalMatcher.NONE;

        private Layer(PolicyLayer layer, PolicyType policyType) {
            this.layer = layer;
            this.policyType = policyType;
        }

        static Layer of(PolicyLayer layer, List<Policy> policies, EvalScope scope) {
            Layer l = new Layer(layer, policies.isEmpty() ? null : policies.get(0).type());
            List<MatchedStatement> allows = null;
            List<MatchedStatement> denies = null;
            for (int p = 0, np = policies.size(); p < np; p++) {
                Policy policy = policies.get(p);
                for (Statement st : policy.candidates(scope.lowerService)) {
                    int how = st.applies(scope);
                    if (how == PrincipalMatcher.NONE) {
                        continue;
                    }
                    MatchedStatement m = policy.matched(st, layer);
                    if (st.effect() == Effect.DENY) {
                        denies = add(denies, m);
                    } else {
                        allows = add(allows, m);
                        l.bestPrincipalMatch = Math.max(l.bestPrincipalMatch, how);
                    }
                }
            }
            // Frozen once here; every list built from them later is immutable too (see concat).
            l.allows = allows == null ? List.of() : List.copyOf(allows);
            l.denies = denies == null ? List.of() : List.copyOf(denies);
            return l;
        }

        private static List<MatchedStatement> add(List<MatchedStatement> list, MatchedStatement m) {
            List<MatchedStatement> out = list == null ? new ArrayList<>(8) : list;
            out.add(m);
            return out;
        }

        LayerResult result() {
            EvalDecision d = !denies.isEmpty() ? EvalDecision.EXPLICIT_DENY
                    : !allows.isEmpty() ? EvalDecision.ALLOW : EvalDecision.IMPLICIT_DENY;
            return new LayerResult(layer, d, !denies.isEmpty() ? denies : allows);
        }
    }
}
