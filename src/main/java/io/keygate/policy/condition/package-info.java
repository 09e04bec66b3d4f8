/**
 * Condition operators of the IAM policy language: one {@link io.keygate.policy.condition.ConditionOperator} per
 * family in a registry, with {@code IfExists} and the {@code ForAllValues:}/{@code ForAnyValue:} set operators as
 * modifiers. Follows the IAM User Guide pages "Condition operators" and "Conditions with multiple context keys or
 * values" (reference_policies_elements_condition_operators, reference_policies_multi-value-conditions).
 */
package io.keygate.policy.condition;
