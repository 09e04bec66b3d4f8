/**
 * Wildcard, ARN and policy-variable matching for the policy engine, compiled once and matched without regular
 * expressions or backtracking. Follows the IAM User Guide pages on the Resource element, the Arn condition operators
 * and policy variables (reference_policies_elements_resource, reference_policies_variables).
 */
package io.keygate.policy.match;
