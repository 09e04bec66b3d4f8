package io.keygate.policy.condition;

import java.util.List;

/** {@code Bool}: the context value equals {@code true} or {@code false}, ignoring case. */
final class BoolOperator implements ConditionOperator {

    static final BoolOperator INSTANCE = new BoolOperator();

    @Override
    public String family() {
        return "Bool";
    }

    @Override
    public ValueTest compile(String name, List<String> values, boolean variablesEnabled) {
        for (String v : values) {
            if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
                throw new IllegalArgumentException("Invalid Condition value for Bool: '" + v
                        + "', expected true or false");
            }
        }
        String[] policy = values.toArray(String[]::new);
        return (cv, i, vars) -> {
            String s = cv.values().get(i);
            for (String p : policy) {
                if (p.equalsIgnoreCase(s)) {
                    return Boolean.TRUE;
                }
            }
            return Boolean.FALSE;
        };
    }
}
