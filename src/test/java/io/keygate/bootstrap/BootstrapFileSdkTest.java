package io.keygate.bootstrap;

import static io.keygate.support.TestClients.ACCOUNT;
import static io.keygate.support.TestClients.iam;
import static io.keygate.support.TestClients.root;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.keygate.iam.action.IamContext;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.Group;
import software.amazon.awssdk.services.iam.model.Tag;

/** The broker started with a bootstrap file: what it created, seen through the IAM API, and a second run. */
@QuarkusTest
@TestProfile(BootstrapFileSdkTest.WithFile.class)
class BootstrapFileSdkTest {

    static final Path FILE = Path.of("src", "test", "resources", "bootstrap", "sdk-bootstrap.yaml");

    /** The bootstrap file, and a store of its own so other tests' entities do not mix in. */
    public static class WithFile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("keygate.bootstrap.file", FILE.toString(),
                    "keygate.data-dir", "target/test-data-bootstrap-file");
        }
    }

    @Inject
    IamContext context;

    @Test
    void startWhenFileGivenThenEntitiesExist() {
        try (IamClient iam = iam(root())) {
            var policy = iam.getPolicy(b -> b.policyArn("arn:aws:iam::" + ACCOUNT + ":policy/boot/ReadBuckets"))
                    .policy();
            assertThat(policy.description()).isEqualTo("Read the buckets");
            assertThat(policy.attachmentCount()).isEqualTo(2);
            assertThat(policy.permissionsBoundaryUsageCount()).isEqualTo(1);

            var group = iam.getGroup(b -> b.groupName("BootReaders"));
            assertThat(group.group().path()).isEqualTo("/boot/");
            assertThat(group.users()).extracting(u -> u.userName()).containsExactly("boot-erin");
            assertThat(iam.listAttachedGroupPolicies(b -> b.groupName("BootReaders")).attachedPolicies())
                    .extracting(AttachedPolicy::policyName).containsExactlyInAnyOrder("ReadBuckets", "ReadOnlyAccess");
            assertThat(iam.listGroupPolicies(b -> b.groupName("BootReaders")).policyNames())
                    .containsExactly("SeeOwnUser");

            var user = iam.getUser(b -> b.userName("boot-erin")).user();
            assertThat(user.path()).isEqualTo("/boot/");
            assertThat(user.tags()).containsExactly(Tag.builder().key("team").value("data").build());
            assertThat(iam.listGroupsForUser(b -> b.userName("boot-erin")).groups()).extracting(Group::groupName)
                    .containsExactly("BootReaders");
            assertThat(iam.listAttachedUserPolicies(b -> b.userName("boot-erin")).attachedPolicies())
                    .extracting(AttachedPolicy::policyName).containsExactly("IAMUserChangePassword");

            var role = iam.getRole(b -> b.roleName("BootDeployRole")).role();
            assertThat(role.maxSessionDuration()).isEqualTo(7200);
            assertThat(role.description()).isEqualTo("Deployments");
            assertThat(role.permissionsBoundary().permissionsBoundaryArn())
                    .isEqualTo("arn:aws:iam::" + ACCOUNT + ":policy/boot/ReadBuckets");
            assertThat(URLDecoder.decode(role.assumeRolePolicyDocument(), StandardCharsets.UTF_8))
                    .contains("arn:aws:iam::" + ACCOUNT + ":user/boot/boot-erin", "boot-external");
            assertThat(role.tags()).containsExactly(Tag.builder().key("purpose").value("deploy").build());
        }
    }

    @Test
    void applyWhenRunAgainThenNothingChanges() {
        var users = context.users().list(ACCOUNT);
        var roles = context.roles().list(ACCOUNT);
        var groups = context.groups().list(ACCOUNT);
        var policies = context.policies().list(ACCOUNT);

        var result = new DeclarativeBootstrap(context, System::getenv).apply(FILE, ACCOUNT);

        assertThat(result.created()).isEmpty();
        assertThat(result.drift()).isEmpty();
        assertThat(context.users().list(ACCOUNT)).isEqualTo(users);
        assertThat(context.roles().list(ACCOUNT)).isEqualTo(roles);
        assertThat(context.groups().list(ACCOUNT)).isEqualTo(groups);
        assertThat(context.policies().list(ACCOUNT)).isEqualTo(policies);
    }
}
