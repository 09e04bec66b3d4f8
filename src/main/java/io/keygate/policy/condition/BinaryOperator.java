package io.keygate.policy.condition;

import java.util.Arrays;
import java.util.List;

/** {@code BinaryEquals}: base64 policy values compared, byte for byte, with the (base64) context value. */
final class BinaryOperator implements ConditionOperator {

    static final BinaryOperator INSTANCE = new BinaryOperator();

    @Override
    public String family() {
        return "Binary";
    }

    @Override
    public ValueTest compile(String name, List<String> values, boolean variablesEnabled) {
        byte[][] policy = new byte[values.size()][];
        for (int i = 0; i < policy.length; i++) {
            policy[i] = Values.parseBase64(values.get(i));
            if (policy[i] == null) {
                throw new IllegalArgumentException("Invalid Condition value for BinaryEquals: '" + values.get(i)
                        + "' is not base64");
            }
        }
        return (cv, i, vars) -> {
            byte[] v = Values.parseBase64(cv.values().get(i));
            if (v == null) {
                return Boolean.FALSE;
            }
            for (byte[] p : policy) {
                if (Arrays.equals(p, v)) {
                    return Boolean.TRUE;
                }
            }
            return Boolean.FALSE;
        };
    }
}
