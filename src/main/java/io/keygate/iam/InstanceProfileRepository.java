package io.keygate.iam;

/** Store port for instance profiles. */
public interface InstanceProfileRepository extends EntityRepository<InstanceProfile> {
}
