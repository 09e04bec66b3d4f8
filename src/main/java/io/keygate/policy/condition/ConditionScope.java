package io.keygate.policy.condition;

import io.keygate.policy.ContextValue;
import io.keygate.policy.match.VariableSource;

/** What a condition sees while it is evaluated: the request context, and a place to report absent keys. */
public interface ConditionScope extends VariableSource {

    /** The entry for a lower-cased key, or {@code null}. */
    ContextValue lookup(String lowerKey);

    /** Records that a condition asked for {@code key} and the request context did not have it. */
    void missing(String key);
}
