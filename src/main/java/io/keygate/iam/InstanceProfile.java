package io.keygate.iam;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An instance profile: a container for (at most) one role, passed to compute instances.
 *
 * @param roleNames the role in the profile (zero or one name)
 */
public record InstanceProfile(String accountId, String instanceProfileId, String name, String path,
                              Instant created, List<String> roleNames, Map<String, String> tags) {

    public InstanceProfile {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(instanceProfileId, "instanceProfileId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(created, "created");
        roleNames = roleNames == null ? List.of() : List.copyOf(roleNames);
        tags = Tags.copy(tags);
    }

    /** {@code arn:<partition>:iam::<account>:instance-profile/<path><name>}. */
    public String arn(Partition partition) {
        return "arn:" + partition.id() + ":iam::" + accountId + ":instance-profile" + path + name;
    }

    public InstanceProfile withRoles(List<String> names) {
        return new InstanceProfile(accountId, instanceProfileId, name, path, created, names, tags);
    }

    public InstanceProfile withTags(Map<String, String> newTags) {
        return new InstanceProfile(accountId, instanceProfileId, name, path, created, roleNames, newTags);
    }
}
