package io.keygate.policy.condition;

import io.keygate.policy.match.ArnPattern;
import java.util.List;

/**
 * {@code ArnEquals}, {@code ArnLike} and negations. AWS documents both as matching each of the six ARN parts
 * separately with wildcards, so Equals and Like behave the same. Variables allowed.
 */
final class ArnOperator implements ConditionOperator {

    static final ArnOperator INSTANCE = new ArnOperator();

    @Override
    public String family() {
        return "Arn";
    }

    @Override
    public ValueTest compile(String name, List<String> values, boolean variablesEnabled) {
        ArnPattern[] patterns = values.stream().map(v -> ArnPattern.compile(v, variablesEnabled))
                .toArray(ArnPattern[]::new);
        return (cv, i, vars) -> {
            String s = cv.values().get(i);
            int[] colons = cv.arn(i);
            for (ArnPattern p : patterns) {
                Boolean m = p.matches(s, colons, vars);
                if (m == null) {
                    continue; // a variable with no value: no ARN equals or is like it
                }
                if (m) {
                    return Boolean.TRUE;
                }
            }
            return Boolean.FALSE;
        };
    }
}
