package io.keygate.iam.action;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import io.keygate.auth.Caller;
import io.keygate.iam.Group;
import io.keygate.iam.Role;
import io.keygate.iam.User;
import io.keygate.policy.PolicyType;
import io.keygate.protocol.query.QueryParams;

/**
 * The three kinds of entity that hold identity policies (users, groups, roles), behind one shape so that the
 * inline-policy and attachment actions are written once. Each holder keeps its policies in its own record, so every
 * change below is one compare-and-set on that record.
 */
final class PolicyHolders extends IamSupport {

    /** A user, group or role as a policy holder. */
    record Holder(String name, String arn, Map<String, String> inline, List<String> attached) {
    }

    /** One kind of holder: its wire words, limits and store operations. */
    interface Kind {
        /** {@code User}, {@code Group}, {@code Role}: as in {@code PutUserPolicy}, {@code ListAttachedGroupPolicies}. */
        String word();

        /** The request parameter naming the holder ({@code UserName}, ...). */
        String parameter();

        PolicyType inlineType();

        int inlineQuota();

        int attachQuota();

        /** Validates the name parameter. */
        String name(QueryParams p);

        /** Authorizes {@code action} on the holder and finds it (NoSuchEntity when absent). */
        Holder find(Caller caller, String action, String name, Map<String, List<String>> context);

        default Holder find(Caller caller, String action, String name) {
            return find(caller, action, name, Map.of());
        }

        void updateInline(Caller caller, String name, UnaryOperator<Map<String, String>> change);

        void updateAttached(Caller caller, String name, UnaryOperator<List<String>> change);
    }

    final Kind user;
    final Kind group;
    final Kind role;

    PolicyHolders(IamContext iam) {
        super(iam);
        this.user = new Kind() {
            public String word() { return "User"; }
            public String parameter() { return "UserName"; }
            public PolicyType inlineType() { return PolicyType.IDENTITY_INLINE_USER; }
            public int inlineQuota() { return iam.quotas().userPolicySize(); }
            public int attachQuota() { return iam.quotas().attachedPoliciesPerUser(); }
            public String name(QueryParams p) { return p.string("UserName", true, 1, 128, USER_NAME); }

            public Holder find(Caller caller, String action, String name, Map<String, List<String>> context) {
                User u = user(caller, action, name, context);
                return new Holder(u.name(), u.arn(iam.partition()), u.inlinePolicies(), u.attachedPolicies());
            }

            public void updateInline(Caller caller, String name, UnaryOperator<Map<String, String>> change) {
                iam.users().update(caller.accountId(), name, u -> u.withInlinePolicies(change))
                        .orElseThrow(() -> noSuchUser(name));
            }

            public void updateAttached(Caller caller, String name, UnaryOperator<List<String>> change) {
                iam.users().update(caller.accountId(), name, u -> u.withAttachedPolicies(change))
                        .orElseThrow(() -> noSuchUser(name));
            }
        };
        this.group = new Kind() {
            public String word() { return "Group"; }
            public String parameter() { return "GroupName"; }
            public PolicyType inlineType() { return PolicyType.IDENTITY_INLINE_GROUP; }
            public int inlineQuota() { return iam.quotas().groupPolicySize(); }
            public int attachQuota() { return iam.quotas().attachedPoliciesPerGroup(); }
            public String name(QueryParams p) { return groupName(p, "GroupName"); }

            public Holder find(Caller caller, String action, String name, Map<String, List<String>> context) {
                Group g = group(caller, action, name, context);
                return new Holder(g.name(), g.arn(iam.partition()), g.inlinePolicies(), g.attachedPolicies());
            }

            public void updateInline(Caller caller, String name, UnaryOperator<Map<String, String>> change) {
                iam.groups().update(caller.accountId(), name, g -> g.withInlinePolicies(change))
                        .orElseThrow(() -> noSuchGroup(name));
            }

            public void updateAttached(Caller caller, String name, UnaryOperator<List<String>> change) {
                iam.groups().update(caller.accountId(), name, g -> g.withAttachedPolicies(change))
                        .orElseThrow(() -> noSuchGroup(name));
            }
        };
        this.role = new Kind() {
            public String word() { return "Role"; }
            public String parameter() { return "RoleName"; }
            public PolicyType inlineType() { return PolicyType.IDENTITY_INLINE_ROLE; }
            public int inlineQuota() { return iam.quotas().rolePolicySize(); }
            public int attachQuota() { return iam.quotas().attachedPoliciesPerRole(); }
            public String name(QueryParams p) { return roleName(p, "RoleName"); }

            public Holder find(Caller caller, String action, String name, Map<String, List<String>> context) {
                Role r = role(caller, action, name, context);
                return new Holder(r.name(), r.arn(iam.partition()), r.inlinePolicies(), r.attachedPolicies());
            }

            public void updateInline(Caller caller, String name, UnaryOperator<Map<String, String>> change) {
                iam.roles().update(caller.accountId(), name, r -> r.withInlinePolicies(change))
                        .orElseThrow(() -> noSuchRole(name));
            }

            public void updateAttached(Caller caller, String name, UnaryOperator<List<String>> change) {
                iam.roles().update(caller.accountId(), name, r -> r.withAttachedPolicies(change))
                        .orElseThrow(() -> noSuchRole(name));
            }
        };
    }

    List<Kind> all() {
        return List.of(user, group, role);
    }
}
