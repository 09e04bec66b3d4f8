package io.keygate.iam;

import java.util.List;
import java.util.Optional;

/** Store port for long-term access keys. */
public interface AccessKeyRepository {

    Optional<AccessKey> find(String accessKeyId);

    /** Stores a new key; returns false if the id is taken. */
    boolean create(AccessKey key);

    /** Replaces {@code expected} by {@code updated}; false if the stored key changed meanwhile (or is gone). */
    boolean replace(AccessKey expected, AccessKey updated);

    boolean delete(String accessKeyId);

    /** Keys of the account's root ({@code userName} null), oldest first. */
    List<AccessKey> listFor(String accountId, String userName);

    /** Keys of one IAM user, by its unique id ({@link AccessKey#belongsTo}), oldest first. */
    List<AccessKey> listFor(User user);
}
