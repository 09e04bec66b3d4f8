package io.keygate.iam;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link PrincipalPolicies} read from the IAM store at request time: a user's own inline and attached managed
 * policies (default version) and those of every group it really belongs to; a role's inline and attached policies;
 * the permissions boundary; the principal's tags. Memberships of deleted groups and attachments of deleted policies
 * contribute nothing.
 *
 * <p>Thread-safe (stateless over thread-safe repositories).
 */
public final class RepositoryPrincipalPolicies implements PrincipalPolicies {

    private final Partition partition;
    private final UserRepository users;
    private final GroupRepository groups;
    private final RoleRepository roles;
    private final ManagedPolicyRepository policies;

    public RepositoryPrincipalPolicies(Partition partition, UserRepository users, GroupRepository groups,
                                       RoleRepository roles, ManagedPolicyRepository policies) {
        this.partition = partition;
        this.users = users;
        this.groups = groups;
        this.roles = roles;
        this.policies = policies;
    }

    @Override
    public Optional<Applicable> forUser(String accountId, String userName) {
        return users.find(accountId, userName).map(user -> {
            List<StoredPolicy> identity = new ArrayList<>();
            String userArn = user.arn(partition);
            inline(identity, userArn, user.inlinePolicies(), StoredPolicy.Kind.USER_INLINE);
            attached(identity, user.attachedPolicies());
            for (GroupMembership m : user.groups()) {
                groups.find(accountId, m.groupName()).filter(g -> g.groupId().equals(m.groupId())).ifPresent(g -> {
                    inline(identity, g.arn(partition), g.inlinePolicies(), StoredPolicy.Kind.GROUP_INLINE);
                    attached(identity, g.attachedPolicies());
                });
            }
            return new Applicable(userArn, user.userId(), identity, boundary(user.permissionsBoundary()),
                    user.tags());
        });
    }

    @Override
    public Optional<Applicable> forRole(String accountId, String roleName) {
        return roles.find(accountId, roleName).map(role -> {
            List<StoredPolicy> identity = new ArrayList<>();
            String roleArn = role.arn(partition);
            inline(identity, roleArn, role.inlinePolicies(), StoredPolicy.Kind.ROLE_INLINE);
            attached(identity, role.attachedPolicies());
            return new Applicable(roleArn, role.roleId(), identity, boundary(role.permissionsBoundary()),
                    role.tags());
        });
    }

    @Override
    public Optional<Applicable> forGroup(String accountId, String groupName) {
        return groups.find(accountId, groupName).map(group -> {
            List<StoredPolicy> identity = new ArrayList<>();
            String groupArn = group.arn(partition);
            inline(identity, groupArn, group.inlinePolicies(), StoredPolicy.Kind.GROUP_INLINE);
            attached(identity, group.attachedPolicies());
            return new Applicable(groupArn, group.groupId(), identity, Optional.empty(), Map.of());
        });
    }

    @Override
    public Optional<StoredPolicy> managedPolicy(String policyArn) {
        return resolve(policyArn).map(p -> new StoredPolicy(policyArn + ":" + p.defaultVersionId(),
                StoredPolicy.Kind.MANAGED, p.defaultVersion().document()));
    }

    private static void inline(List<StoredPolicy> out, String ownerArn, Map<String, String> documents,
                               StoredPolicy.Kind kind) {
        documents.forEach((name, doc) -> out.add(new StoredPolicy(ownerArn + "/inline/" + name, kind, doc)));
    }

    private void attached(List<StoredPolicy> out, List<String> arns) {
        arns.forEach(arn -> managedPolicy(arn).ifPresent(out::add));
    }

    private Optional<StoredPolicy> boundary(String arn) {
        return arn == null ? Optional.empty() : resolve(arn).map(p -> new StoredPolicy(
                arn + ":" + p.defaultVersionId(), StoredPolicy.Kind.BOUNDARY, p.defaultVersion().document()));
    }

    /** The managed policy an ARN names (AWS managed or customer managed, with exactly that path). */
    public Optional<ManagedPolicy> resolve(String arn) {
        String[] parts = arn.split(":", 6);
        if (parts.length != 6 || !parts[0].equals("arn") || !parts[5].startsWith("policy/")) {
            return Optional.empty();
        }
        String name = parts[5].substring(parts[5].lastIndexOf('/') + 1);
        Optional<ManagedPolicy> found = ManagedPolicy.AWS.equals(parts[4]) ? AwsManagedPolicies.find(name)
                : policies.find(parts[4], name);
        return found.filter(p -> p.arn(partition).equals(arn));
    }
}
