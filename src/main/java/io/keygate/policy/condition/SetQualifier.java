package io.keygate.policy.condition;

/** The set operator prefixed to a condition operator for multi-valued keys. */
public enum SetQualifier {
    /** No prefix: the key's values match if any of them matches (negated: if none does). */
    NONE(""),
    /** {@code ForAllValues:} every value must match; true when the key is absent or empty. */
    FOR_ALL_VALUES("ForAllValues:"),
    /** {@code ForAnyValue:} at least one value must match; false when the key is absent or empty. */
    FOR_ANY_VALUE("ForAnyValue:");

    private final String prefix;

    SetQualifier(String prefix) {
        this.prefix = prefix;
    }

    /** The prefix as written in policies. */
    public String prefix() {
        return prefix;
    }
}
