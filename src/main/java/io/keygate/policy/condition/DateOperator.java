package io.keygate.policy.condition;

import java.util.List;

/** {@code DateEquals}, {@code DateLessThan[Equals]}, {@code DateGreaterThan[Equals]}, {@code DateNotEquals}. */
final class DateOperator implements ConditionOperator {

    static final DateOperator INSTANCE = new DateOperator();

    @Override
    public String family() {
        return "Date";
    }

    @Override
    public ValueTest compile(String name, List<String> values, boolean variablesEnabled) {
        long[] policy = new long[values.size()];
        for (int i = 0; i < policy.length; i++) {
            policy[i] = Values.parseDate(values.get(i));
            if (policy[i] == Long.MIN_VALUE) {
                throw new IllegalArgumentException("Invalid Condition value for " + name + ": '" + values.get(i)
                        + "' is not an ISO 8601 date or epoch time");
            }
        }
        Compare cmp = Compare.of(name.substring("Date".length()));
        return (cv, i, vars) -> {
            long v = cv.epochMillis(i);
            if (v == Long.MIN_VALUE) {
                return Boolean.FALSE;
            }
            for (long p : policy) {
                if (cmp.test(Long.compare(v, p))) {
                    return Boolean.TRUE;
                }
            }
            return Boolean.FALSE;
        };
    }
}
