package io.keygate.iam;

import static io.keygate.iam.IamTestSupport.assertAwsError;
import static io.keygate.iam.IamTestSupport.unique;
import static io.keygate.support.TestClients.iam;
import static io.keygate.support.TestClients.root;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.Tag;

/**
 * The IAM actions the broader SDK tests do not reach: role boundaries, role and policy tags, detaching from
 * roles, instance profile listing and login profile updates.
 */
@QuarkusTest
class RoleAndPolicyDetailsSdkTest {

    private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:root\"},\"Action\":\"sts:AssumeRole\"}]}";
    private static final String READ = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"iam:Get*\",\"Resource\":\"*\"}]}";

    @Test
    void roleBoundaryTagsAndAttachments() {
        String role = unique("details-role");
        String policy = unique("details-policy");
        try (IamClient iam = iam(root())) {
            iam.createRole(b -> b.roleName(role).assumeRolePolicyDocument(TRUST));
            String arn = iam.createPolicy(b -> b.policyName(policy).policyDocument(READ)).policy().arn();

            iam.putRolePermissionsBoundary(b -> b.roleName(role).permissionsBoundary(arn));
            assertThat(iam.getRole(b -> b.roleName(role)).role().permissionsBoundary().permissionsBoundaryArn())
                    .isEqualTo(arn);
            iam.deleteRolePermissionsBoundary(b -> b.roleName(role));
            assertThat(iam.getRole(b -> b.roleName(role)).role().permissionsBoundary()).isNull();
            assertAwsError(() -> iam.putRolePermissionsBoundary(b -> b.roleName(role)
                    .permissionsBoundary("arn:aws:iam::111122223333:policy/none")), 404, "NoSuchEntity", null);

            iam.tagRole(b -> b.roleName(role).tags(Tag.builder().key("team").value("blue").build(),
                    Tag.builder().key("env").value("prod").build()));
            assertThat(iam.listRoleTags(b -> b.roleName(role)).tags()).extracting(Tag::key)
                    .containsExactlyInAnyOrder("team", "env");
            iam.untagRole(b -> b.roleName(role).tagKeys("env"));
            assertThat(iam.listRoleTags(b -> b.roleName(role)).tags()).extracting(Tag::key).containsExactly("team");

            iam.tagPolicy(b -> b.policyArn(arn).tags(Tag.builder().key("owner").value("sec").build()));
            assertThat(iam.listPolicyTags(b -> b.policyArn(arn)).tags()).extracting(Tag::value).containsExactly("sec");
            iam.untagPolicy(b -> b.policyArn(arn).tagKeys("owner"));
            assertThat(iam.listPolicyTags(b -> b.policyArn(arn)).tags()).isEmpty();

            iam.attachRolePolicy(b -> b.roleName(role).policyArn(arn));
            assertThat(iam.listAttachedRolePolicies(b -> b.roleName(role)).attachedPolicies())
                    .extracting(p -> p.policyArn()).containsExactly(arn);
            assertAwsError(() -> iam.deleteRole(b -> b.roleName(role)), 409, "DeleteConflict", null);
            iam.detachRolePolicy(b -> b.roleName(role).policyArn(arn));
            assertThat(iam.listAttachedRolePolicies(b -> b.roleName(role)).attachedPolicies()).isEmpty();

            String profile = unique("details-profile");
            iam.createInstanceProfile(b -> b.instanceProfileName(profile));
            assertThat(iam.listInstanceProfilesPaginator().instanceProfiles().stream()
                    .map(p -> p.instanceProfileName())).contains(profile);
            iam.deleteInstanceProfile(b -> b.instanceProfileName(profile));
            iam.deleteRole(b -> b.roleName(role));
            iam.deletePolicy(b -> b.policyArn(arn));
        }
    }

    @Test
    void loginProfileCanBeUpdated() {
        String user = unique("details-user");
        try (IamClient iam = iam(root())) {
            iam.createUser(b -> b.userName(user));
            iam.createLoginProfile(b -> b.userName(user).password("Initial-Passw0rd!").passwordResetRequired(false));
            iam.updateLoginProfile(b -> b.userName(user).password("Second-Passw0rd!").passwordResetRequired(true));
            assertThat(iam.getLoginProfile(b -> b.userName(user)).loginProfile().passwordResetRequired()).isTrue();
            assertAwsError(() -> iam.updateLoginProfile(b -> b.userName(unique("nobody")).password("x-Passw0rd!")),
                    404, "NoSuchEntity", null);
        }
    }
}
