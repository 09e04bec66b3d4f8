package io.keygate.policy;

import io.keygate.policy.condition.Condition;
import io.keygate.policy.match.ArnPattern;
import io.keygate.policy.match.Glob;
import java.util.List;
import java.util.Optional;

/**
 * One compiled statement: its position, {@code Sid} and {@code Effect}, and matchers for the principal, action,
 * resource and condition elements, all built once when the policy is parsed. Immutable and thread-safe.
 */
public final class Statement {

    private final int index;
    private final String sid;
    private final Effect effect;
    private final PrincipalMatcher principal;
    private final boolean notPrincipal;
    private final Glob[] actions;
    private final boolean notAction;
    private final ArnPattern[] resources;
    private final boolean notResource;
    private final Condition[] conditions;

    Statement(int index, String sid, Effect effect, PrincipalMatcher principal, boolean notPrincipal, Glob[] actions,
            boolean notAction, ArnPattern[] resources, boolean notResource, Condition[] conditions) {
        this.index = index;
        this.sid = sid;
        this.effect = effect;
        this.principal = principal;
        this.notPrincipal = notPrincipal;
        this.actions = actions;
        this.notAction = notAction;
        this.resources = resources;
        this.notResource = notResource;
        this.conditions = conditions;
    }

    /**
     * The distinct lower-cased services this statement's actions can match ({@code s3} for {@code s3:Get*}), or
     * {@code null} when it can match any service ({@code *}, a wildcard in the service, or {@code NotAction}).
     */
    String[] services() {
        if (notAction) {
            return null;
        }
        String[] out = new String[actions.length];
        int n = 0;
        for (Glob g : actions) {
            String a = g.toString();
            int colon = a.indexOf(':');
            if (colon < 0) {
                return null;
            }
            int star = a.indexOf('*');
            int any = a.indexOf('?');
            if (star >= 0 && star < colon || any >= 0 && any < colon) {
                return null;
            }
            if (!contains(out, n, a, colon)) {
                out[n++] = a.substring(0, colon);
            }
        }
        return n == out.length ? out : java.util.Arrays.copyOf(out, n);
    }

    /** Whether one of the first {@code n} services equals {@code action}'s service (before {@code colon}). */
    private static boolean contains(String[] services, int n, String action, int colon) {
        for (int i = 0; i < n; i++) {
            if (services[i].length() == colon && action.startsWith(services[i])) {
                return true;
            }
        }
        return false;
    }

    /** Zero-based position in the policy's statement list. */
    public int index() {
        return index;
    }

    /** The {@code Sid}, if any. */
    public Optional<String> sid() {
        return Optional.ofNullable(sid);
    }

    /** The {@code Effect}. */
    public Effect effect() {
        return effect;
    }

    /** The compiled conditions, in document order. */
    public List<Condition> conditions() {
        return List.of(conditions);
    }

    /**
     * Whether the statement applies to the request in {@code scope}.
     *
     * @return {@link PrincipalMatcher#NONE} (as {@code 0}) when it does not apply; otherwise how directly the
     *         principal is named ({@link PrincipalMatcher#DIRECT} for statements without a principal element)
     */
    int applies(EvalScope scope) {
        if (matchesAction(scope.lowerAction) == notAction) {
            return PrincipalMatcher.NONE;
        }
        if (resources != null) {
            Boolean r = matchesResource(scope);
            if (r == null || r == notResource) {
                return PrincipalMatcher.NONE;
            }
        }
        int how = PrincipalMatcher.DIRECT;
        if (principal != null) {
            if (notPrincipal) {
                if (principal.excepts(scope.principal)) {
                    return PrincipalMatcher.NONE;
                }
            } else {
                how = principal.match(scope.principal);
                if (how == PrincipalMatcher.NONE) {
                    return how;
                }
            }
        }
        for (Condition c : conditions) {
            Boolean ok = c.evaluate(scope);
            if (ok == null || !ok) {
                return PrincipalMatcher.NONE;
            }
        }
        return how;
    }

    private boolean matchesAction(String lowerAction) {
        for (Glob g : actions) {
            if (g.matches(lowerAction)) {
                return true;
            }
        }
        return false;
    }

    /** TRUE/FALSE for Resource; for NotResource, null when a variable is unresolved (statement must not apply). */
    private Boolean matchesResource(EvalScope scope) {
        boolean unresolved = false;
        for (ArnPattern p : resources) {
            Boolean m = p.matches(scope.resource, p.matchesEverything() ? null : scope.resourceColons(), scope);
            if (m == null) {
                unresolved = true;
            } else if (m) {
                return Boolean.TRUE;
            }
        }
        return unresolved && notResource ? null : Boolean.FALSE;
    }

    @Override
    public String toString() {
        return "Statement[" + index + "]" + (sid == null ? "" : " " + sid) + " " + effect.wireName();
    }
}
