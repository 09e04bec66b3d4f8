package io.keygate.iam;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * An IAM group: a set of users sharing policies. Groups are not principals and hold no credentials. Membership is
 * kept on the user side ({@link User#groups()}); the group record holds the group's own policies.
 *
 * @param inlinePolicies   inline policy name → JSON document
 * @param attachedPolicies ARNs of attached managed policies
 */
public record Group(String accountId, String groupId, String name, String path, Instant created,
                    Map<String, String> inlinePolicies, List<String> attachedPolicies) {

    public Group {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(created, "created");
        inlinePolicies = Tags.copy(inlinePolicies);
        attachedPolicies = attachedPolicies == null ? List.of() : List.copyOf(attachedPolicies);
    }

    /** {@code arn:<partition>:iam::<account>:group/<path><name>}. */
    public String arn(Partition partition) {
        return "arn:" + partition.id() + ":iam::" + accountId + ":group" + path + name;
    }

    public Group withName(String newName, String newPath) {
        return new Group(accountId, groupId, newName, newPath, created, inlinePolicies, attachedPolicies);
    }

    public Group withInlinePolicies(Function<Map<String, String>, Map<String, String>> change) {
        return new Group(accountId, groupId, name, path, created, change.apply(new TreeMap<>(inlinePolicies)),
                attachedPolicies);
    }

    public Group withAttachedPolicies(Function<List<String>, List<String>> change) {
        return new Group(accountId, groupId, name, path, created, inlinePolicies,
                change.apply(new ArrayList<>(attachedPolicies)));
    }
}
