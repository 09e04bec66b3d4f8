package io.keygate.policy.condition;

import java.util.List;

/**
 * One family of condition operators (String, Numeric, Date, Bool, Binary, IpAddress, Arn, Null), as listed on the
 * IAM User Guide page "IAM JSON policy elements: Condition operators". A family binds policy values once, when a
 * policy is compiled; {@code ...IfExists}, {@code ForAllValues:} and {@code ForAnyValue:} are modifiers handled by
 * {@link Condition}, not separate operators. Implementations are stateless and thread-safe.
 */
public interface ConditionOperator {

    /** The family name used in messages. */
    String family();

    /**
     * Binds {@code values} for the operator {@code name} (a member of this family, without modifiers and in its
     * canonical spelling, positive or negated).
     *
     * @throws IllegalArgumentException with an AWS-style message when a value is not valid for the family
     */
    ValueTest compile(String name, List<String> values, boolean variablesEnabled);
}
