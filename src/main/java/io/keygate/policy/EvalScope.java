package io.keygate.policy;

import io.keygate.policy.condition.ConditionScope;
import io.keygate.policy.match.ArnPattern;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Per-evaluation state: the request with its action lower-cased once and the colons of its resource ARN found once
 * (on first need), and the absent keys. Used by one thread for one evaluation.
 */
final class EvalScope implements ConditionScope {

    final Principal principal;
    final String lowerAction;
    final String lowerService;
    final String resource;
    private int[] resourceColons;
    private boolean resourceScanned;
    private final RequestContext context;
    private Set<String> missing;

    EvalScope(Principal principal, String action, String resource, RequestContext context) {
        this.principal = principal;
        this.lowerAction = action.toLowerCase(Locale.ROOT);
        int colon = lowerAction.indexOf(':');
        this.lowerService = colon < 0 ? lowerAction : lowerAction.substring(0, colon);
        this.resource = resource;
        this.context = context;
    }

    /** {@link ArnPattern#arnColons} of the resource, computed on first use: many requests never reach a resource. */
    int[] resourceColons() {
        if (!resourceScanned) {
            resourceColons = ArnPattern.arnColons(resource);
            resourceScanned = true;
        }
        return resourceColons;
    }

    @Override
    public ContextValue lookup(String lowerKey) {
        return context.lookup(lowerKey);
    }

    @Override
    public void missing(String key) {
        if (missing == null) {
            missing = new LinkedHashSet<>();
        }
        missing.add(key);
    }

    @Override
    public String variable(String lowerKey) {
        ContextValue v = context.lookup(lowerKey);
        if (v == null) {
            missing(lowerKey);
            return null;
        }
        return v.multiValued() || v.values().size() != 1 ? null : v.values().get(0);
    }

    Set<String> missingKeys() {
        return missing == null ? Set.of() : Set.copyOf(missing);
    }
}
