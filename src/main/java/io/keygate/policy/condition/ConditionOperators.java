package io.keygate.policy.condition;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The registry of condition operators keyed by name (case-insensitive), each mapped to its family and whether it is
 * the negated form. Contains exactly the operators AWS documents; anything else is an invalid condition type.
 */
public final class ConditionOperators {

    /** A registered operator: canonical name, family, negation. */
    public record Entry(String name, ConditionOperator family, boolean negated) {
    }

    private static final Map<String, Entry> BY_NAME = new HashMap<>();
    /** The same entries under their canonical spelling, which nearly every policy uses: found without lower-casing. */
    private static final Map<String, Entry> BY_CANONICAL_NAME = new HashMap<>();

    static {
        add("StringEquals", StringOperator.INSTANCE, false);
        add("StringNotEquals", StringOperator.INSTANCE, true);
        add("StringEqualsIgnoreCase", StringOperator.INSTANCE, false);
        add("StringNotEqualsIgnoreCase", StringOperator.INSTANCE, true);
        add("StringLike", StringOperator.INSTANCE, false);
        add("StringNotLike", StringOperator.INSTANCE, true);
        for (String suffix : new String[] {"Equals", "LessThan", "LessThanEquals", "GreaterThan", "GreaterThanEquals"}) {
            add("Numeric" + suffix, NumericOperator.INSTANCE, false);
            add("Date" + suffix, DateOperator.INSTANCE, false);
        }
        add("NumericNotEquals", NumericOperator.INSTANCE, true);
        add("DateNotEquals", DateOperator.INSTANCE, true);
        add("Bool", BoolOperator.INSTANCE, false);
        add("BinaryEquals", BinaryOperator.INSTANCE, false);
        add("IpAddress", IpAddressOperator.INSTANCE, false);
        add("NotIpAddress", IpAddressOperator.INSTANCE, true);
        add("ArnEquals", ArnOperator.INSTANCE, false);
        add("ArnLike", ArnOperator.INSTANCE, false);
        add("ArnNotEquals", ArnOperator.INSTANCE, true);
        add("ArnNotLike", ArnOperator.INSTANCE, true);
        add("Null", NullOperator.INSTANCE, false);
    }

    private ConditionOperators() {
    }

    private static void add(String name, ConditionOperator family, boolean negated) {
        Entry e = new Entry(name, family, negated);
        BY_NAME.put(name.toLowerCase(Locale.ROOT), e);
        BY_CANONICAL_NAME.put(name, e);
    }

    /** The operator called {@code name} (no modifiers), if AWS defines it. */
    public static Optional<Entry> lookup(String name) {
        return Optional.ofNullable(find(name));
    }

    /** The operator called {@code name} (no modifiers, any case), or {@code null}. */
    static Entry find(String name) {
        Entry e = BY_CANONICAL_NAME.get(name);
        return e != null ? e : BY_NAME.get(name.toLowerCase(Locale.ROOT));
    }
}
