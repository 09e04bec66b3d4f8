package io.keygate.iam;

import static io.keygate.iam.IamTestSupport.assertAwsError;
import static io.keygate.iam.IamTestSupport.unique;
import static io.keygate.support.TestClients.ACCOUNT;
import static io.keygate.support.TestClients.iam;
import static io.keygate.support.TestClients.root;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.keygate.support.TestClients;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.sts.StsClient;

/** Every IAM action is decided by the policy engine over the caller's policies as stored now. */
@QuarkusTest
class AuthorizationSdkTest {

    static final String LIST_USERS_ONLY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"iam:ListUsers\",\"Resource\":\"*\"}]}";
    static final String OWN_KEYS = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":[\"iam:CreateAccessKey\",\"iam:DeleteAccessKey\",\"iam:ListAccessKeys\","
            + "\"iam:UpdateAccessKey\",\"iam:GetUser\"],"
            + "\"Resource\":\"arn:aws:iam::*:user/${aws:username}\"}]}";

    /** A new user with one access key; returns its credentials. */
    static AwsCredentials userWithKey(IamClient admin, String name) {
        admin.createUser(b -> b.userName(name));
        AccessKey key = admin.createAccessKey(b -> b.userName(name)).accessKey();
        return AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey());
    }

    @Test
    void userWithOnlyListUsersCanListButNotCreate() {
        try (IamClient admin = iam(root())) {
            String name = unique("lister");
            AwsCredentials creds = userWithKey(admin, name);
            try (IamClient iam = iam(creds)) {
                assertAwsError(iam::listUsers, 403, "AccessDenied", "User: arn:aws:iam::" + ACCOUNT + ":user/"
                        + name + " is not authorized to perform: iam:ListUsers on resource: arn:aws:iam::" + ACCOUNT
                        + ":user/ because no identity-based policy allows the iam:ListUsers action");
                admin.putUserPolicy(b -> b.userName(name).policyName("list").policyDocument(LIST_USERS_ONLY));
                assertThat(iam.listUsersPaginator().users().stream().map(u -> u.userName())).contains(name);
                String other = unique("nope");
                assertAwsError(() -> iam.createUser(b -> b.userName(other)), 403, "AccessDenied",
                        "is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::" + ACCOUNT
                                + ":user/" + other);
                assertThat(admin.listUsers().users()).noneMatch(u -> u.userName().equals(other));
            }
        }
    }

    @Test
    void userManagesOnlyItsOwnAccessKeysWithUsernameVariable() {
        try (IamClient admin = iam(root())) {
            String name = unique("self");
            String other = unique("other");
            admin.createUser(b -> b.userName(other));
            AwsCredentials creds = userWithKey(admin, name);
            admin.putUserPolicy(b -> b.userName(name).policyName("own-keys").policyDocument(OWN_KEYS));
            try (IamClient iam = iam(creds)) {
                AccessKey second = iam.createAccessKey().accessKey();
                assertThat(second.userName()).isEqualTo(name);
                assertThat(iam.listAccessKeys().accessKeyMetadata()).hasSize(2);
                iam.deleteAccessKey(b -> b.accessKeyId(second.accessKeyId()));
                assertThat(iam.listAccessKeys(b -> b.userName(name)).accessKeyMetadata()).hasSize(1);
                assertAwsError(() -> iam.createAccessKey(b -> b.userName(other)), 403, "AccessDenied",
                        "iam:CreateAccessKey on resource: arn:aws:iam::" + ACCOUNT + ":user/" + other);
                assertAwsError(() -> iam.listAccessKeys(b -> b.userName(other)), 403, "AccessDenied", null);
            }
            assertThat(admin.listAccessKeys(b -> b.userName(other)).accessKeyMetadata()).isEmpty();
        }
    }

    @Test
    void groupPoliciesApplyToMembersAndStopAtOnceOnRemoval() {
        try (IamClient admin = iam(root())) {
            String name = unique("member");
            String group = unique("listers");
            AwsCredentials creds = userWithKey(admin, name);
            admin.createGroup(b -> b.groupName(group));
            admin.attachGroupPolicy(b -> b.groupName(group)
                    .policyArn("arn:aws:iam::aws:policy/IAMReadOnlyAccess"));
            try (IamClient iam = iam(creds)) {
                assertAwsError(iam::listRoles, 403, "AccessDenied", null);
                admin.addUserToGroup(b -> b.groupName(group).userName(name));
                iam.listRoles();
                iam.getGroup(b -> b.groupName(group));
                assertAwsError(() -> iam.createGroup(b -> b.groupName(unique("g"))), 403, "AccessDenied", null);
                admin.removeUserFromGroup(b -> b.groupName(group).userName(name));
                assertAwsError(iam::listRoles, 403, "AccessDenied", null);
            }
        }
    }

    @Test
    void explicitDenyAndBoundaryLimitTheUser() {
        try (IamClient admin = iam(root())) {
            String name = unique("bounded");
            AwsCredentials creds = userWithKey(admin, name);
            admin.attachUserPolicy(b -> b.userName(name).policyArn("arn:aws:iam::aws:policy/IAMFullAccess"));
            try (IamClient iam = iam(creds)) {
                iam.listGroups();
                admin.putUserPermissionsBoundary(b -> b.userName(name)
                        .permissionsBoundary("arn:aws:iam::aws:policy/IAMUserChangePassword"));
                assertAwsError(iam::listGroups, 403, "AccessDenied", "permissions boundary");
                admin.deleteUserPermissionsBoundary(b -> b.userName(name));
                iam.listGroups();
                admin.putUserPolicy(b -> b.userName(name).policyName("deny").policyDocument(
                        LIST_USERS_ONLY.replace("Allow", "Deny").replace("iam:ListUsers", "iam:ListGroups")));
                assertAwsError(iam::listGroups, 403, "AccessDenied", "with an explicit deny");
            }
        }
    }

    @Test
    void getSessionTokenCredentialsWithoutMfaCannotCallIam() {
        try (IamClient admin = iam(root())) {
            String name = unique("sess");
            AwsCredentials creds = userWithKey(admin, name);
            admin.attachUserPolicy(b -> b.userName(name).policyArn("arn:aws:iam::aws:policy/AdministratorAccess"));
            try (StsClient sts = TestClients.sts(creds)) {
                var session = TestClients.session(sts.getSessionToken(b -> b.durationSeconds(900)).credentials());
                try (IamClient iam = iam(session)) {
                    assertAwsError(iam::listUsers, 403, "AccessDenied", "MFA");
                }
            }
        }
    }
}
