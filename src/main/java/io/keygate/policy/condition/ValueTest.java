package io.keygate.policy.condition;

import io.keygate.policy.ContextValue;
import io.keygate.policy.match.VariableSource;

/**
 * A compiled operator with its policy values bound: tests one context value in the positive sense of the operator
 * family (equals / like / less than / in block ...); negation and set qualifiers are applied by {@link Condition}.
 */
@FunctionalInterface
public interface ValueTest {

    /**
     * A policy value whose variable has no value in the request matches nothing, so a negated operator against it
     * is true (IAM User Guide, "Policy variables with no value").
     *
     * @return whether value {@code index} of {@code value} matches at least one policy value; {@code null} only
     *         where an operator cannot decide at all
     */
    Boolean test(ContextValue value, int index, VariableSource vars);
}
