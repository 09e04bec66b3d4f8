package io.keygate.iam;

/** Store port for customer managed policies (AWS managed ones are predefined, see {@link AwsManagedPolicies}). */
public interface ManagedPolicyRepository extends EntityRepository<ManagedPolicy> {
}
