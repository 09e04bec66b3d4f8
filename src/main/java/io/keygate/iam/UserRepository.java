package io.keygate.iam;

import java.util.List;
import java.util.Optional;

/** Store port for IAM users; names are unique per account, compared case-insensitively. */
public interface UserRepository {

    Optional<User> find(String accountId, String userName);

    /** Creates the user; returns false if a user with that name (any case) exists in the account. */
    boolean create(User user);

    /** Deletes the user; returns false if it did not exist. */
    boolean delete(String accountId, String userName);

    /** All users of the account, sorted by name (case-insensitive), for stable pagination. */
    List<User> list(String accountId);
}
