package io.keygate.iam;

import static io.keygate.iam.IamTestSupport.assertAwsError;
import static io.keygate.iam.IamTestSupport.unique;
import static io.keygate.support.TestClients.ACCOUNT;
import static io.keygate.support.TestClients.iam;
import static io.keygate.support.TestClients.root;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.Group;
import software.amazon.awssdk.services.iam.model.Policy;
import software.amazon.awssdk.services.iam.model.PolicyScopeType;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.User;

/** Groups, roles, managed and inline policies through the AWS SDK for Java v2 IamClient. */
@QuarkusTest
class GroupRolePolicySdkTest {

    static final String ALLOW_LIST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"iam:ListUsers\",\"Resource\":\"*\"}]}";
    static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"AWS\":\"arn:aws:iam::" + ACCOUNT + ":root\"},\"Action\":\"sts:AssumeRole\"}]}";

    @Test
    void groupsWithMembers() {
        try (IamClient iam = iam(root())) {
            String group = unique("devs");
            String u1 = unique("m1");
            String u2 = unique("m2");
            Group g = iam.createGroup(b -> b.groupName(group).path("/teams/")).group();
            assertThat(g.groupId()).startsWith("AGPA");
            assertThat(g.arn()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":group/teams/" + group);
            assertAwsError(() -> iam.createGroup(b -> b.groupName(group.toUpperCase())), 409, "EntityAlreadyExists",
                    "Group with name " + group.toUpperCase() + " already exists.");
            iam.createUser(b -> b.userName(u1));
            iam.createUser(b -> b.userName(u2));
            iam.addUserToGroup(b -> b.groupName(group).userName(u1));
            iam.addUserToGroup(b -> b.groupName(group).userName(u2));
            iam.addUserToGroup(b -> b.groupName(group).userName(u2));
            var got = iam.getGroup(b -> b.groupName(group));
            assertThat(got.users()).extracting(User::userName).containsExactlyInAnyOrder(u1, u2);
            assertThat(iam.getGroup(b -> b.groupName(group).maxItems(1)).isTruncated()).isTrue();
            assertThat(iam.listGroupsForUser(b -> b.userName(u1)).groups()).extracting(Group::groupName)
                    .containsExactly(group);

            assertAwsError(() -> iam.deleteGroup(b -> b.groupName(group)), 409, "DeleteConflict",
                    "Cannot delete entity, must remove users from group first.");
            assertAwsError(() -> iam.deleteUser(b -> b.userName(u1)), 409, "DeleteConflict",
                    "must remove user from all groups first");

            String renamed = unique("devs2");
            iam.updateGroup(b -> b.groupName(group).newGroupName(renamed));
            assertThat(iam.listGroupsForUser(b -> b.userName(u1)).groups()).extracting(Group::groupName)
                    .containsExactly(renamed);
            iam.removeUserFromGroup(b -> b.groupName(renamed).userName(u1));
            iam.removeUserFromGroup(b -> b.groupName(renamed).userName(u2));
            assertThat(iam.getGroup(b -> b.groupName(renamed)).users()).isEmpty();
            iam.deleteGroup(b -> b.groupName(renamed));
            iam.deleteUser(b -> b.userName(u1));
            iam.deleteUser(b -> b.userName(u2));
            assertAwsError(() -> iam.getGroup(b -> b.groupName(renamed)), 404, "NoSuchEntity",
                    "The group with name " + renamed + " cannot be found.");
        }
    }

    @Test
    void rolesWithTrustPolicyAndLimits() {
        try (IamClient iam = iam(root())) {
            String name = unique("app");
            Role r = iam.createRole(b -> b.roleName(name).assumeRolePolicyDocument(TRUST).description("the app")
                    .maxSessionDuration(7200)).role();
            assertThat(r.roleId()).startsWith("AROA");
            assertThat(URLDecoder.decode(r.assumeRolePolicyDocument(), StandardCharsets.UTF_8)).isEqualTo(TRUST);
            Role got = iam.getRole(b -> b.roleName(name)).role();
            assertThat(got.maxSessionDuration()).isEqualTo(7200);
            assertThat(got.description()).isEqualTo("the app");

            assertAwsError(() -> iam.updateRole(b -> b.roleName(name).maxSessionDuration(43_201)), 400,
                    "ValidationError", "Member must have value less than or equal to 43200");
            assertAwsError(() -> iam.createRole(b -> b.roleName(unique("bad")).assumeRolePolicyDocument("{}")), 400,
                    "MalformedPolicyDocument", null);
            assertAwsError(() -> iam.createRole(b -> b.roleName(unique("bad")).assumeRolePolicyDocument(ALLOW_LIST)),
                    400, "MalformedPolicyDocument", null);

            iam.updateRole(b -> b.roleName(name).maxSessionDuration(3600));
            assertThat(iam.updateRoleDescription(b -> b.roleName(name).description("new")).role().description())
                    .isEqualTo("new");
            iam.updateAssumeRolePolicy(b -> b.roleName(name).policyDocument(TRUST.replace("root", "user/x")));
            iam.putRolePolicy(b -> b.roleName(name).policyName("inline").policyDocument(ALLOW_LIST));
            assertAwsError(() -> iam.deleteRole(b -> b.roleName(name)), 409, "DeleteConflict",
                    "must delete policies first");
            assertThat(iam.listRolePolicies(b -> b.roleName(name)).policyNames()).containsExactly("inline");
            iam.deleteRolePolicy(b -> b.roleName(name).policyName("inline"));
            iam.deleteRole(b -> b.roleName(name));
        }
    }

    @Test
    void managedPoliciesVersionsAndAttachments() {
        try (IamClient iam = iam(root())) {
            String name = unique("pol");
            String user = unique("pu");
            iam.createUser(b -> b.userName(user));
            Policy p = iam.createPolicy(b -> b.policyName(name).path("/x/").policyDocument(ALLOW_LIST)).policy();
            assertThat(p.arn()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":policy/x/" + name);
            assertThat(p.defaultVersionId()).isEqualTo("v1");
            assertThat(p.policyId()).startsWith("ANPA");

            for (int i = 2; i <= 5; i++) {
                int n = i;
                var v = iam.createPolicyVersion(b -> b.policyArn(p.arn()).policyDocument(ALLOW_LIST)
                        .setAsDefault(n == 3)).policyVersion();
                assertThat(v.versionId()).isEqualTo("v" + i);
            }
            assertAwsError(() -> iam.createPolicyVersion(b -> b.policyArn(p.arn()).policyDocument(ALLOW_LIST)),
                    409, "LimitExceeded", "up to 5 versions");
            assertThat(iam.getPolicy(b -> b.policyArn(p.arn())).policy().defaultVersionId()).isEqualTo("v3");
            assertAwsError(() -> iam.deletePolicyVersion(b -> b.policyArn(p.arn()).versionId("v3")), 409,
                    "DeleteConflict", "Cannot delete the default version of a policy.");
            iam.deletePolicyVersion(b -> b.policyArn(p.arn()).versionId("v1"));
            iam.setDefaultPolicyVersion(b -> b.policyArn(p.arn()).versionId("v5"));
            assertThat(iam.listPolicyVersions(b -> b.policyArn(p.arn())).versions()).hasSize(4);
            var doc = iam.getPolicyVersion(b -> b.policyArn(p.arn()).versionId("v5")).policyVersion();
            assertThat(doc.isDefaultVersion()).isTrue();
            assertThat(URLDecoder.decode(doc.document(), StandardCharsets.UTF_8)).isEqualTo(ALLOW_LIST);

            iam.attachUserPolicy(b -> b.userName(user).policyArn(p.arn()));
            iam.attachUserPolicy(b -> b.userName(user).policyArn("arn:aws:iam::aws:policy/ReadOnlyAccess"));
            assertThat(iam.listAttachedUserPolicies(b -> b.userName(user)).attachedPolicies())
                    .extracting(AttachedPolicy::policyName).containsExactly(name, "ReadOnlyAccess");
            assertThat(iam.getPolicy(b -> b.policyArn(p.arn())).policy().attachmentCount()).isEqualTo(1);
            assertThat(iam.listEntitiesForPolicy(b -> b.policyArn(p.arn())).policyUsers())
                    .extracting(u -> u.userName()).containsExactly(user);
            assertThat(iam.listPolicies(b -> b.scope(PolicyScopeType.LOCAL).onlyAttached(true).pathPrefix("/x/"))
                    .policies()).extracting(Policy::policyName).contains(name);
            assertThat(iam.listPolicies(b -> b.scope(PolicyScopeType.AWS)).policies()).extracting(Policy::policyName)
                    .contains("AdministratorAccess", "ReadOnlyAccess", "IAMReadOnlyAccess", "IAMUserChangePassword");
            assertAwsError(() -> iam.deletePolicy(b -> b.policyArn(p.arn())), 409, "DeleteConflict",
                    "Cannot delete a policy attached to entities.");
            assertAwsError(() -> iam.attachUserPolicy(b -> b.userName(user)
                    .policyArn("arn:aws:iam::" + ACCOUNT + ":policy/nope")), 404, "NoSuchEntity",
                    "does not exist or is not attachable");
            assertAwsError(() -> iam.deleteUser(b -> b.userName(user)), 409, "DeleteConflict",
                    "must detach all policies first");

            iam.detachUserPolicy(b -> b.userName(user).policyArn(p.arn()));
            iam.detachUserPolicy(b -> b.userName(user).policyArn("arn:aws:iam::aws:policy/ReadOnlyAccess"));
            assertAwsError(() -> iam.deletePolicy(b -> b.policyArn(p.arn())), 409, "DeleteConflict",
                    "must delete the policy's versions");
            for (String v : new String[] {"v2", "v3", "v4"}) {
                iam.deletePolicyVersion(b -> b.policyArn(p.arn()).versionId(v));
            }
            iam.deletePolicy(b -> b.policyArn(p.arn()));
            assertAwsError(() -> iam.getPolicy(b -> b.policyArn(p.arn())), 404, "NoSuchEntity", null);
            iam.deleteUser(b -> b.userName(user));
        }
    }

    @Test
    void inlinePoliciesForUsersAndGroups() {
        try (IamClient iam = iam(root())) {
            String user = unique("iu");
            String group = unique("ig");
            iam.createUser(b -> b.userName(user));
            iam.createGroup(b -> b.groupName(group));
            iam.putUserPolicy(b -> b.userName(user).policyName("p1").policyDocument(ALLOW_LIST));
            var got = iam.getUserPolicy(b -> b.userName(user).policyName("p1"));
            assertThat(URLDecoder.decode(got.policyDocument(), StandardCharsets.UTF_8)).isEqualTo(ALLOW_LIST);
            assertAwsError(() -> iam.getUserPolicy(b -> b.userName(user).policyName("nope")), 404, "NoSuchEntity",
                    "The user policy with name nope cannot be found.");
            assertAwsError(() -> iam.putUserPolicy(b -> b.userName(user).policyName("p2").policyDocument("{")),
                    400, "MalformedPolicyDocument", null);
            String big = ALLOW_LIST.replace("iam:ListUsers", "iam:" + "L".repeat(1900));
            assertAwsError(() -> iam.putUserPolicy(b -> b.userName(user).policyName("p3").policyDocument(big)),
                    409, "LimitExceeded", "Maximum policy size of 2048 bytes exceeded for user " + user);
            iam.putGroupPolicy(b -> b.groupName(group).policyName("g1").policyDocument(ALLOW_LIST));
            assertThat(iam.listGroupPolicies(b -> b.groupName(group)).policyNames()).containsExactly("g1");
            iam.attachGroupPolicy(b -> b.groupName(group).policyArn("arn:aws:iam::aws:policy/IAMReadOnlyAccess"));
            assertThat(iam.listAttachedGroupPolicies(b -> b.groupName(group)).attachedPolicies()).hasSize(1);
            assertAwsError(() -> iam.deleteGroup(b -> b.groupName(group)), 409, "DeleteConflict",
                    "must delete policies first");
            iam.deleteGroupPolicy(b -> b.groupName(group).policyName("g1"));
            iam.detachGroupPolicy(b -> b.groupName(group).policyArn("arn:aws:iam::aws:policy/IAMReadOnlyAccess"));
            iam.deleteGroup(b -> b.groupName(group));
            iam.deleteUserPolicy(b -> b.userName(user).policyName("p1"));
            assertThat(iam.listUserPolicies(b -> b.userName(user)).policyNames()).isEmpty();
            iam.deleteUser(b -> b.userName(user));
        }
    }
}
