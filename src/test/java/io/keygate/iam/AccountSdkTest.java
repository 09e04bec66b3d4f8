package io.keygate.iam;

import static io.keygate.iam.IamTestSupport.assertAwsError;
import static io.keygate.iam.IamTestSupport.unique;
import static io.keygate.support.TestClients.iam;
import static io.keygate.support.TestClients.root;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.EntityType;
import software.amazon.awssdk.services.iam.model.InstanceProfile;
import software.amazon.awssdk.services.iam.model.ReportStateType;
import software.amazon.awssdk.services.iam.model.SummaryKeyType;

/** Instance profiles, passwords and account-wide actions through the AWS SDK for Java v2 IamClient. */
@QuarkusTest
class AccountSdkTest {

    @Test
    void instanceProfilesHoldOneRole() {
        try (IamClient iam = iam(root())) {
            String profile = unique("ip");
            String role = unique("ec2");
            String role2 = unique("ec2b");
            iam.createRole(b -> b.roleName(role).assumeRolePolicyDocument(GroupRolePolicySdkTest.TRUST));
            iam.createRole(b -> b.roleName(role2).assumeRolePolicyDocument(GroupRolePolicySdkTest.TRUST));
            InstanceProfile ip = iam.createInstanceProfile(b -> b.instanceProfileName(profile)).instanceProfile();
            assertThat(ip.instanceProfileId()).startsWith("AIPA");
            iam.addRoleToInstanceProfile(b -> b.instanceProfileName(profile).roleName(role));
            assertAwsError(() -> iam.addRoleToInstanceProfile(b -> b.instanceProfileName(profile).roleName(role2)),
                    409, "LimitExceeded", null);
            assertThat(iam.getInstanceProfile(b -> b.instanceProfileName(profile)).instanceProfile().roles())
                    .extracting(r -> r.roleName()).containsExactly(role);
            assertThat(iam.listInstanceProfilesForRole(b -> b.roleName(role)).instanceProfiles()).hasSize(1);
            assertAwsError(() -> iam.deleteRole(b -> b.roleName(role)), 409, "DeleteConflict",
                    "must remove roles from instance profile first");
            assertAwsError(() -> iam.deleteInstanceProfile(b -> b.instanceProfileName(profile)), 409,
                    "DeleteConflict", null);
            iam.removeRoleFromInstanceProfile(b -> b.instanceProfileName(profile).roleName(role));
            iam.deleteInstanceProfile(b -> b.instanceProfileName(profile));
            iam.deleteRole(b -> b.roleName(role));
            iam.deleteRole(b -> b.roleName(role2));
            assertAwsError(() -> iam.getInstanceProfile(b -> b.instanceProfileName(profile)), 404, "NoSuchEntity",
                    "Instance Profile " + profile + " cannot be found.");
        }
    }

    @Test
    void loginProfilesPasswordPolicyAndChangePassword() {
        try (IamClient iam = iam(root())) {
            String user = unique("pw");
            iam.createUser(b -> b.userName(user));
            iam.updateAccountPasswordPolicy(b -> b.minimumPasswordLength(10).requireNumbers(true)
                    .passwordReusePrevention(2).allowUsersToChangePassword(true));
            try {
                var policy = iam.getAccountPasswordPolicy().passwordPolicy();
                assertThat(policy.minimumPasswordLength()).isEqualTo(10);
                assertThat(policy.requireNumbers()).isTrue();
                assertThat(policy.requireSymbols()).isFalse();
                assertThat(policy.passwordReusePrevention()).isEqualTo(2);

                assertAwsError(() -> iam.createLoginProfile(b -> b.userName(user).password("short1")), 400,
                        "PasswordPolicyViolation", "at least 10 characters");
                assertAwsError(() -> iam.createLoginProfile(b -> b.userName(user).password("longenoughpass")), 400,
                        "PasswordPolicyViolation", "number");
                var lp = iam.createLoginProfile(b -> b.userName(user).password("Correct-horse-1")
                        .passwordResetRequired(true)).loginProfile();
                assertThat(lp.passwordResetRequired()).isTrue();
                assertAwsError(() -> iam.createLoginProfile(b -> b.userName(user).password("Correct-horse-2")), 409,
                        "EntityAlreadyExists", "Login Profile for user " + user + " already exists.");
                assertAwsError(() -> iam.deleteUser(b -> b.userName(user)), 409, "DeleteConflict",
                        "must delete login profile first");

                iam.attachUserPolicy(b -> b.userName(user)
                        .policyArn("arn:aws:iam::aws:policy/IAMUserChangePassword"));
                var key = iam.createAccessKey(b -> b.userName(user)).accessKey();
                try (IamClient self = iam(AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey()))) {
                    assertAwsError(() -> self.changePassword(b -> b.oldPassword("wrong-password-1")
                            .newPassword("Another-pass-2")), 400, "InvalidInput", null);
                    self.changePassword(b -> b.oldPassword("Correct-horse-1").newPassword("Another-pass-2"));
                    assertAwsError(() -> self.changePassword(b -> b.oldPassword("Another-pass-2")
                            .newPassword("Correct-horse-1")), 400, "PasswordPolicyViolation", "reused");
                }
                assertThat(iam.getLoginProfile(b -> b.userName(user)).loginProfile().passwordResetRequired())
                        .isFalse();
                iam.deleteAccessKey(b -> b.userName(user).accessKeyId(key.accessKeyId()));
                iam.deleteLoginProfile(b -> b.userName(user));
                assertAwsError(() -> iam.getLoginProfile(b -> b.userName(user)), 404, "NoSuchEntity",
                        "Login Profile for User " + user + " cannot be found.");
            } finally {
                iam.deleteAccountPasswordPolicy();
            }
            assertAwsError(iam::getAccountPasswordPolicy, 404, "NoSuchEntity", "cannot be found");
        }
    }

    @Test
    void aliasesSummaryDetailsAndCredentialReport() {
        try (IamClient iam = iam(root())) {
            String alias = unique("acme").toLowerCase();
            iam.createAccountAlias(b -> b.accountAlias(alias));
            assertThat(iam.listAccountAliases().accountAliases()).containsExactly(alias);
            assertAwsError(() -> iam.createAccountAlias(b -> b.accountAlias("Bad_Alias")), 400, "ValidationError",
                    "accountAlias");
            iam.deleteAccountAlias(b -> b.accountAlias(alias));
            assertThat(iam.listAccountAliases().accountAliases()).isEmpty();
            assertAwsError(() -> iam.deleteAccountAlias(b -> b.accountAlias(alias)), 404, "NoSuchEntity", null);

            String user = unique("sum");
            int usersBefore = iam.getAccountSummary().summaryMap().get(SummaryKeyType.USERS);
            iam.createUser(b -> b.userName(user));
            var summary = iam.getAccountSummary().summaryMap();
            assertThat(summary.get(SummaryKeyType.USERS)).isEqualTo(usersBefore + 1);
            assertThat(summary.get(SummaryKeyType.USERS_QUOTA)).isEqualTo(5000);
            assertThat(summary.get(SummaryKeyType.ACCESS_KEYS_PER_USER_QUOTA)).isEqualTo(2);

            // The store is shared by every test: the user may be on any page, so read them all.
            var details = iam.getAccountAuthorizationDetails(b -> b.filter(EntityType.USER));
            assertThat(details.roleDetailList()).isEmpty();
            assertThat(iam.getAccountAuthorizationDetailsPaginator(b -> b.filter(EntityType.USER)).userDetailList())
                    .extracting(u -> u.userName()).contains(user);
            assertThat(iam.getAccountAuthorizationDetailsPaginator(b -> b.maxItems(5)).userDetailList())
                    .extracting(u -> u.userName()).contains(user);

            // As AWS: the call that starts a report answers STARTED, the next ones COMPLETE.
            var first = iam.generateCredentialReport();
            var second = iam.generateCredentialReport();
            if (first.state() == ReportStateType.STARTED) {
                assertThat(first.description()).isEqualTo("No report exists. Starting a new report generation task");
            }
            assertThat(second.state()).isEqualTo(ReportStateType.COMPLETE);
            var report = iam.getCredentialReport();
            String csv = report.content().asString(StandardCharsets.UTF_8);
            assertThat(csv).startsWith("user,arn,user_creation_time,password_enabled");
            assertThat(csv).contains("<root_account>");
            iam.deleteUser(b -> b.userName(user));
        }
    }
}
