package io.keygate.policy;

import io.keygate.policy.condition.ConditionScope;
import io.keygate.policy.match.ArnPattern;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/** Per-evaluation state: the request with its action lower-cased and resource split once, and the absent keys. */
final class EvalScope implements ConditionScope {

    final Principal principal;
    final String lowerAction;
    final String lowerService;
    final String resource;
    final String[] resourceParts;
    private final RequestContext context;
    private Set<String> missing;

    EvalScope(Principal principal, String action, String resource, RequestContext context) {
        this.principal = principal;
        this.lowerAction = action.toLowerCase(Locale.ROOT);
        int colon = lowerAction.indexOf(':');
        this.lowerService = colon < 0 ? lowerAction : lowerAction.substring(0, colon);
        this.resource = resource;
        this.resourceParts = ArnPattern.splitArn(resource);
        this.context = context;
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
