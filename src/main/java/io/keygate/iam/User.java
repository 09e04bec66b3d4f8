package io.keygate.iam;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * An IAM user: a long-lived principal of one account. Everything that belongs to the user alone is kept in this
 * one record (inline policies, attached managed policy ARNs, group memberships, login profile), so each IAM write
 * to a user is a single atomic store operation. Access keys are separate records (they are looked up by id).
 *
 * @param accountId           the owning account
 * @param userId              the unique id ({@code AIDA…})
 * @param name                the user name, unique per account case-insensitively
 * @param path                the path, {@code /} by default
 * @param created             creation time
 * @param tags                the user's tags (case preserved, sorted by key)
 * @param permissionsBoundary the ARN of the managed policy used as permissions boundary, or {@code null}
 * @param inlinePolicies      inline policy name → JSON document
 * @param attachedPolicies    ARNs of the attached managed policies, in attachment order
 * @param groups              the groups the user belongs to, in the order added
 * @param loginProfile        the console password, or {@code null}
 * @param passwordLastUsed    last console sign-in, or {@code null}
 */
public record User(String accountId, String userId, String name, String path, Instant created,
                   Map<String, String> tags, String permissionsBoundary, Map<String, String> inlinePolicies,
                   List<String> attachedPolicies, List<GroupMembership> groups, LoginProfile loginProfile,
                   Instant passwordLastUsed) {

    public User {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(created, "created");
        tags = Tags.copy(tags);
        inlinePolicies = Tags.copy(inlinePolicies);
        attachedPolicies = attachedPolicies == null ? List.of() : List.copyOf(attachedPolicies);
        groups = groups == null ? List.of() : List.copyOf(groups);
    }

    /** A new user with no policies, groups or password. */
    public static User create(String accountId, String userId, String name, String path, Instant created,
                              Map<String, String> tags, String permissionsBoundary) {
        return new User(accountId, userId, name, path, created, tags, permissionsBoundary, null, null, null, null,
                null);
    }

    /** {@code arn:<partition>:iam::<account>:user/<path><name>}. */
    public String arn(Partition partition) {
        return "arn:" + partition.id() + ":iam::" + accountId + ":user" + path + name;
    }

    /**
     * Whether a credential record (access key, MFA device) bound to a user is this user's. Records name the user's
     * unique id, which a rename keeps and a user re-created under the same name does not have. Records stored
     * before the id was recorded name only the user: they belong to the user of that name (any case) that existed
     * when they were bound, never to one created after them.
     *
     * @param boundUserId   the unique id the record names, or null for an older record
     * @param boundUserName the user name the record names
     * @param boundAt       when the record was bound to the user (key created, device enabled)
     */
    public boolean owns(String boundUserId, String boundUserName, Instant boundAt) {
        if (boundUserId != null) {
            return boundUserId.equals(userId);
        }
        return boundUserName != null && boundUserName.equalsIgnoreCase(name) && boundAt != null
                && !boundAt.isBefore(created);
    }

    public User withName(String newName, String newPath) {
        return new User(accountId, userId, newName, newPath, created, tags, permissionsBoundary, inlinePolicies,
                attachedPolicies, groups, loginProfile, passwordLastUsed);
    }

    public User withTags(Map<String, String> newTags) {
        return new User(accountId, userId, name, path, created, newTags, permissionsBoundary, inlinePolicies,
                attachedPolicies, groups, loginProfile, passwordLastUsed);
    }

    public User withPermissionsBoundary(String arn) {
        return new User(accountId, userId, name, path, created, tags, arn, inlinePolicies, attachedPolicies, groups,
                loginProfile, passwordLastUsed);
    }

    public User withInlinePolicies(Function<Map<String, String>, Map<String, String>> change) {
        return new User(accountId, userId, name, path, created, tags, permissionsBoundary,
                change.apply(new TreeMap<>(inlinePolicies)), attachedPolicies, groups, loginProfile,
                passwordLastUsed);
    }

    public User withAttachedPolicies(Function<List<String>, List<String>> change) {
        return new User(accountId, userId, name, path, created, tags, permissionsBoundary, inlinePolicies,
                change.apply(new ArrayList<>(attachedPolicies)), groups, loginProfile, passwordLastUsed);
    }

    public User withGroups(Function<List<GroupMembership>, List<GroupMembership>> change) {
        return new User(accountId, userId, name, path, created, tags, permissionsBoundary, inlinePolicies,
                attachedPolicies, change.apply(new ArrayList<>(groups)), loginProfile, passwordLastUsed);
    }

    public User withLoginProfile(LoginProfile profile) {
        return new User(accountId, userId, name, path, created, tags, permissionsBoundary, inlinePolicies,
                attachedPolicies, groups, profile, passwordLastUsed);
    }

    public User withPasswordLastUsed(Instant when) {
        return new User(accountId, userId, name, path, created, tags, permissionsBoundary, inlinePolicies,
                attachedPolicies, groups, loginProfile, when);
    }

    /** Whether the user is a member of the group with that unique id. */
    public boolean isMemberOf(String groupId) {
        return groups.stream().anyMatch(g -> g.groupId().equals(groupId));
    }
}
