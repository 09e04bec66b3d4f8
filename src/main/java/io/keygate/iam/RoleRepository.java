package io.keygate.iam;

/** Store port for IAM roles. */
public interface RoleRepository extends EntityRepository<Role> {
}
