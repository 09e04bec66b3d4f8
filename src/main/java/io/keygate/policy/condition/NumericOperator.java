package io.keygate.policy.condition;

import java.util.List;

/** {@code NumericEquals}, {@code NumericLessThan[Equals]}, {@code NumericGreaterThan[Equals]}, {@code NumericNotEquals}. */
final class NumericOperator implements ConditionOperator {

    static final NumericOperator INSTANCE = new NumericOperator();

    @Override
    public String family() {
        return "Numeric";
    }

    @Override
    public ValueTest compile(String name, List<String> values, boolean variablesEnabled) {
        double[] policy = new double[values.size()];
        for (int i = 0; i < policy.length; i++) {
            policy[i] = Values.parseNumber(values.get(i));
            if (Double.isNaN(policy[i])) {
                throw new IllegalArgumentException("Invalid Condition value for " + name + ": '" + values.get(i)
                        + "' is not a number");
            }
        }
        Compare cmp = Compare.of(name.substring("Numeric".length()));
        return (cv, i, vars) -> {
            double v = cv.number(i);
            if (Double.isNaN(v)) {
                return Boolean.FALSE;
            }
            for (double p : policy) {
                if (cmp.test(Double.compare(v, p))) {
                    return Boolean.TRUE;
                }
            }
            return Boolean.FALSE;
        };
    }
}
