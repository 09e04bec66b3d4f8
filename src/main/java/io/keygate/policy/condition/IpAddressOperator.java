package io.keygate.policy.condition;

import java.util.List;

/** {@code IpAddress} / {@code NotIpAddress}: IPv4 and IPv6 addresses and CIDR blocks. */
final class IpAddressOperator implements ConditionOperator {

    static final IpAddressOperator INSTANCE = new IpAddressOperator();

    @Override
    public String family() {
        return "IpAddress";
    }

    @Override
    public ValueTest compile(String name, List<String> values, boolean variablesEnabled) {
        Values.Cidr[] blocks = new Values.Cidr[values.size()];
        for (int i = 0; i < blocks.length; i++) {
            blocks[i] = Values.parseCidr(values.get(i));
            if (blocks[i] == null) {
                throw new IllegalArgumentException("Invalid Condition value for " + name + ": '" + values.get(i)
                        + "' is not an IP address or CIDR block");
            }
        }
        return (cv, i, vars) -> {
            byte[] ip = cv.ip(i);
            if (ip == null) {
                return Boolean.FALSE;
            }
            for (Values.Cidr b : blocks) {
                if (b.contains(ip)) {
                    return Boolean.TRUE;
                }
            }
            return Boolean.FALSE;
        };
    }
}
