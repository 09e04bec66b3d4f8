package io.keygate.policy.condition;

import io.keygate.policy.ContextValue;
import java.util.List;
import java.util.Locale;

/**
 * One compiled condition: an operator with its modifiers, one key and its policy values ({@code "StringLike":
 * {"s3:prefix": ["home/", "home/${aws:username}/*"]}} is one condition). A statement's conditions are ANDed; the
 * values of one condition are ORed (NORed for negated operators).
 *
 * <p>Semantics, from the IAM User Guide pages on condition operators and multi-valued keys: a missing key makes a
 * condition false, except for negated operators (true), {@code ...IfExists} (true), {@code ForAllValues:} (true) and
 * {@code Null}; a present but empty multi-valued key behaves like a missing one. Immutable and thread-safe.
 */
public final class Condition {

    private final String operator;
    private final String key;
    private final String lowerKey;
    private final SetQualifier qualifier;
    private final boolean ifExists;
    private final boolean negated;
    private final boolean isNull;
    private final boolean nullExpected;
    private final List<String> values;
    private final ValueTest test;

    private Condition(String operator, String key, SetQualifier qualifier, boolean ifExists, ConditionOperators.Entry entry,
            List<String> values, ValueTest test) {
        this.operator = operator;
        this.key = key;
        this.lowerKey = key.toLowerCase(Locale.ROOT);
        this.qualifier = qualifier;
        this.ifExists = ifExists;
        this.negated = entry.negated();
        this.isNull = entry.family() == NullOperator.INSTANCE;
        boolean expected = false;
        for (String v : values) {
            expected |= isNull && v.equalsIgnoreCase("true");
        }
        this.nullExpected = expected;
        this.values = List.copyOf(values);
        this.test = test;
    }

    /**
     * Compiles one condition.
     *
     * @param operator         as written, e.g. {@code ForAnyValue:StringLikeIfExists}
     * @param key              the condition key, e.g. {@code aws:PrincipalTag/team}
     * @param values           the policy values (numbers and booleans already turned into their text)
     * @param variablesEnabled whether policy variables are substituted ({@code Version 2012-10-17})
     * @throws IllegalArgumentException with an AWS-style message when the operator or a value is invalid
     */
    public static Condition compile(String operator, String key, List<String> values, boolean variablesEnabled) {
        String rest = operator;
        SetQualifier qualifier = SetQualifier.NONE;
        if (startsWithIgnoreCase(operator, "ForAllValues:")) {
            qualifier = SetQualifier.FOR_ALL_VALUES;
            rest = operator.substring("ForAllValues:".length());
        } else if (startsWithIgnoreCase(operator, "ForAnyValue:")) {
            qualifier = SetQualifier.FOR_ANY_VALUE;
            rest = operator.substring("ForAnyValue:".length());
        }
        boolean ifExists = false;
        ConditionOperators.Entry e = ConditionOperators.find(rest);
        int base = rest.length() - "IfExists".length();
        if (e == null && base >= 0 && rest.regionMatches(true, base, "IfExists", 0, "IfExists".length())) {
            ifExists = true;
            e = ConditionOperators.find(rest.substring(0, base));
        }
        if (e == null || ifExists && e.family() == NullOperator.INSTANCE
                || qualifier != SetQualifier.NONE && e.family() == NullOperator.INSTANCE) {
            throw new IllegalArgumentException("Invalid Condition type : " + operator);
        }
        if (values.isEmpty()) {
            throw new IllegalArgumentException("Condition " + operator + " for key " + key + " has no values");
        }
        boolean vars = variablesEnabled && e.family() != NullOperator.INSTANCE;
        ValueTest test = e.family().compile(e.name(), values, vars);
        return new Condition(operator, key, qualifier, ifExists, e, values, test);
    }

    private static boolean startsWithIgnoreCase(String s, String prefix) {
        return s.regionMatches(true, 0, prefix, 0, prefix.length());
    }

    /** The operator as written. */
    public String operator() {
        return operator;
    }

    /** The condition key as written. */
    public String key() {
        return key;
    }

    /** The policy values. */
    public List<String> values() {
        return values;
    }

    /**
     * Evaluates against the request context.
     *
     * @return {@code TRUE} or {@code FALSE}; {@code null} when a policy variable in the values cannot be resolved,
     *         in which case the statement does not apply
     */
    public Boolean evaluate(ConditionScope scope) {
        ContextValue cv = scope.lookup(lowerKey);
        if (isNull) {
            boolean absent = cv == null || cv.values().isEmpty();
            return absent == nullExpected;
        }
        if (cv == null || cv.values().isEmpty()) {
            if (cv == null) {
                scope.missing(key);
            }
            if (ifExists) {
                return Boolean.TRUE;
            }
            return switch (qualifier) {
                case FOR_ALL_VALUES -> Boolean.TRUE;
                case FOR_ANY_VALUE -> Boolean.FALSE;
                case NONE -> negated;
            };
        }
        int n = cv.values().size();
        switch (qualifier) {
            case NONE -> {
                for (int i = 0; i < n; i++) {
                    Boolean m = test.test(cv, i, scope);
                    if (m == null) {
                        return null;
                    }
                    if (m) {
                        return !negated;
                    }
                }
                return negated;
            }
            case FOR_ANY_VALUE -> {
                for (int i = 0; i < n; i++) {
                    Boolean m = test.test(cv, i, scope);
                    if (m == null) {
                        return null;
                    }
                    if (m != negated) {
                        return Boolean.TRUE;
                    }
                }
                return Boolean.FALSE;
            }
            default -> {
                for (int i = 0; i < n; i++) {
                    Boolean m = test.test(cv, i, scope);
                    if (m == null) {
                        return null;
                    }
                    if (m == negated) {
                        return Boolean.FALSE;
                    }
                }
                return Boolean.TRUE;
            }
        }
    }

    @Override
    public String toString() {
        return operator + " " + key + " " + values;
    }
}
