/**
 * The IAM policy engine: parses and validates policy documents into compiled {@link io.keygate.policy.Policy}
 * objects and decides requests against identity, boundary, session and resource (trust) policies with
 * {@link io.keygate.policy.PolicyEvaluator}. Follows the IAM User Guide's policy grammar and "Policy evaluation
 * logic" pages (reference_policies_grammar, reference_policies_evaluation-logic).
 */
package io.keygate.policy;
