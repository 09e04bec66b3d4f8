package io.keygate.iam;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * An IAM user: a long-lived principal of one account.
 *
 * @param accountId           the owning account
 * @param userId              the unique id ({@code AIDA…})
 * @param name                the user name, unique per account case-insensitively
 * @param path                the path, {@code /} by default
 * @param created             creation time
 * @param tags                the user's tags (case preserved)
 * @param permissionsBoundary the ARN of the managed policy used as permissions boundary, or {@code null}
 */
public record User(String accountId, String userId, String name, String path, Instant created,
                   Map<String, String> tags, String permissionsBoundary) {

    public User {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(created, "created");
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    /** {@code arn:<partition>:iam::<account>:user/<path><name>}. */
    public String arn(Partition partition) {
        return "arn:" + partition.id() + ":iam::" + accountId + ":user" + path + name;
    }
}
