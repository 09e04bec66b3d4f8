package io.keygate.iam;

/** Store port for IAM groups. */
public interface GroupRepository extends EntityRepository<Group> {
}
