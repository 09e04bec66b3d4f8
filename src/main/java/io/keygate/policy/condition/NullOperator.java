package io.keygate.policy.condition;

import java.util.List;

/**
 * {@code Null}: {@code true} checks that the key is absent, {@code false} that it is present. Variables are not
 * substituted. The value test is unused: {@link Condition} answers from the key's presence.
 */
final class NullOperator implements ConditionOperator {

    static final NullOperator INSTANCE = new NullOperator();

    @Override
    public String family() {
        return "Null";
    }

    @Override
    public ValueTest compile(String name, List<String> values, boolean variablesEnabled) {
        for (String v : values) {
            if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
                throw new IllegalArgumentException("Invalid Condition value for Null: '" + v
                        + "', expected true or false");
            }
        }
        return (cv, i, vars) -> Boolean.FALSE;
    }
}
