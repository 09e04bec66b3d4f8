package io.keygate.iam;

/** Store port for IAM users; names are unique per account, compared case-insensitively. */
public interface UserRepository extends EntityRepository<User> {

    /** Deletes the user unconditionally; returns false if it did not exist. */
    boolean delete(String accountId, String userName);
}
