package io.keygate.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.keygate.support.BrokerProcess;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.Group;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * IAM on the packaged broker as a real process: every kind of entity survives a SIGTERM and a restart on the same
 * data directory, and the example bootstrap file in {@code config/} boots (and a bad one refuses to).
 */
class IamRestartIT {

    private static final String TRUST = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::%s:root"},\
            "Action":"sts:AssumeRole"}]}""";
    private static final String V1 = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}""";
    private static final String V2 = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:ListBucket"],\
            "Resource":"*"}]}""";
    private static final String INLINE = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:GetUser","Resource":"*"}]}""";

    private static IamClient iam(BrokerProcess broker, AwsBasicCredentials credentials) {
        return IamClient.builder().endpointOverride(broker.endpoint()).region(Region.AWS_GLOBAL)
                .credentialsProvider(StaticCredentialsProvider.create(credentials)).build();
    }

    private static StsClient sts(BrokerProcess broker, AwsBasicCredentials credentials) {
        return StsClient.builder().endpointOverride(broker.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(credentials)).build();
    }

    private static AwsBasicCredentials bootstrapCredentials(Path dataDir) throws Exception {
        Properties p = new Properties();
        p.load(new StringReader(Files.readString(dataDir.resolve("bootstrap-credentials"))));
        return AwsBasicCredentials.create(p.getProperty("aws_access_key_id"), p.getProperty("aws_secret_access_key"));
    }

    private static String decode(String document) {
        return URLDecoder.decode(document, StandardCharsets.UTF_8);
    }

    @Test
    void iamEntitiesWhenBrokerRestartsThenAllSurvive(@TempDir Path dataDir) throws Exception {
        AwsBasicCredentials root;
        AccessKey key;
        String account;
        String policyArn;
        try (BrokerProcess broker = BrokerProcess.start(dataDir, Map.of())) {
            root = bootstrapCredentials(dataDir);
            try (IamClient iam = iam(broker, root); StsClient sts = sts(broker, root)) {
                account = sts.getCallerIdentity().account();
                iam.createUser(b -> b.userName("ada").path("/eng/").tags(Tag.builder().key("team").value("core").build()));
                key = iam.createAccessKey(b -> b.userName("ada")).accessKey();
                iam.createLoginProfile(b -> b.userName("ada").password("Restart-Passw0rd!")
                        .passwordResetRequired(true));
                iam.putUserPolicy(b -> b.userName("ada").policyName("SeeUsers").policyDocument(INLINE));
                iam.createGroup(b -> b.groupName("Engineers"));
                iam.addUserToGroup(b -> b.groupName("Engineers").userName("ada"));
                policyArn = iam.createPolicy(b -> b.policyName("EngRead").policyDocument(V1)).policy().arn();
                iam.createPolicyVersion(b -> b.policyArn(policyArn).policyDocument(V2).setAsDefault(true));
                iam.attachGroupPolicy(b -> b.groupName("Engineers").policyArn(policyArn));
                iam.createRole(b -> b.roleName("Deployer").assumeRolePolicyDocument(TRUST.formatted(account))
                        .maxSessionDuration(7200).permissionsBoundary(policyArn)
                        .tags(Tag.builder().key("env").value("prod").build()));
                iam.createInstanceProfile(b -> b.instanceProfileName("DeployerProfile"));
                iam.addRoleToInstanceProfile(b -> b.instanceProfileName("DeployerProfile").roleName("Deployer"));
            }
            broker.stop();
        }

        try (BrokerProcess broker = BrokerProcess.start(dataDir, Map.of());
             IamClient iam = iam(broker, root)) {
            var user = iam.getUser(b -> b.userName("ada")).user();
            assertThat(user.path()).isEqualTo("/eng/");
            assertThat(user.tags()).containsExactly(Tag.builder().key("team").value("core").build());
            assertThat(iam.listGroupsForUser(b -> b.userName("ada")).groups()).extracting(Group::groupName)
                    .containsExactly("Engineers");
            assertThat(decode(iam.getUserPolicy(b -> b.userName("ada").policyName("SeeUsers")).policyDocument()))
                    .isEqualTo(INLINE);
            assertThat(iam.getLoginProfile(b -> b.userName("ada")).loginProfile().passwordResetRequired()).isTrue();
            assertThat(iam.listAccessKeys(b -> b.userName("ada")).accessKeyMetadata())
                    .singleElement().satisfies(k -> assertThat(k.accessKeyId()).isEqualTo(key.accessKeyId()));

            var policy = iam.getPolicy(b -> b.policyArn(policyArn)).policy();
            assertThat(policy.defaultVersionId()).isEqualTo("v2");
            assertThat(policy.attachmentCount()).isEqualTo(1);
            assertThat(policy.permissionsBoundaryUsageCount()).isEqualTo(1);
            assertThat(iam.listPolicyVersions(b -> b.policyArn(policyArn)).versions()).hasSize(2);
            assertThat(decode(iam.getPolicyVersion(b -> b.policyArn(policyArn).versionId("v2")).policyVersion()
                    .document())).isEqualTo(V2);
            assertThat(iam.listAttachedGroupPolicies(b -> b.groupName("Engineers")).attachedPolicies())
                    .extracting(AttachedPolicy::policyArn).containsExactly(policyArn);

            Role role = iam.getRole(b -> b.roleName("Deployer")).role();
            assertThat(decode(role.assumeRolePolicyDocument())).isEqualTo(TRUST.formatted(account));
            assertThat(role.maxSessionDuration()).isEqualTo(7200);
            assertThat(role.permissionsBoundary().permissionsBoundaryArn()).isEqualTo(policyArn);
            assertThat(role.tags()).containsExactly(Tag.builder().key("env").value("prod").build());
            assertThat(iam.getInstanceProfile(b -> b.instanceProfileName("DeployerProfile")).instanceProfile().roles())
                    .extracting(Role::roleName).containsExactly("Deployer");

            AwsBasicCredentials adaKey = AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey());
            try (StsClient sts = sts(broker, adaKey)) {
                assertThat(sts.getCallerIdentity().arn()).isEqualTo("arn:aws:iam::" + account + ":user/eng/ada");
            }
        }
    }

    @Test
    void exampleBootstrapFileWhenBrokerStartsThenEntitiesExistAndRestartChangesNothing(@TempDir Path dataDir)
            throws Exception {
        Map<String, String> env = Map.of("KEYGATE_BOOTSTRAP_FILE",
                Path.of("config", "bootstrap-example.yaml").toAbsolutePath().toString());
        try (BrokerProcess broker = BrokerProcess.start(dataDir, env)) {
            try (IamClient iam = iam(broker, bootstrapCredentials(dataDir))) {
                assertThat(iam.listGroups().groups()).extracting(Group::groupName)
                        .containsExactly("Admins", "Auditors", "Developers");
                assertThat(iam.getGroup(b -> b.groupName("Developers")).users()).extracting(u -> u.userName())
                        .containsExactly("bob", "carol");
                assertThat(iam.listAttachedGroupPolicies(b -> b.groupName("Auditors")).attachedPolicies())
                        .extracting(AttachedPolicy::policyName).containsExactly("ReadOnlyAccess");
                assertThat(decode(iam.getRole(b -> b.roleName("DeveloperRole")).role().assumeRolePolicyDocument()))
                        .contains("aws:MultiFactorAuthPresent");
                assertThat(decode(iam.getRole(b -> b.roleName("CIDeployRole")).role().assumeRolePolicyDocument()))
                        .contains("sts:ExternalId");
            }
            assertThat(broker.log()).contains("11 created, 0 drifted");
            broker.stop();
        }
        try (BrokerProcess broker = BrokerProcess.start(dataDir, env)) {
            assertThat(broker.log()).contains("0 created, 0 drifted");
        }
    }

    @Test
    void bootstrapFileWhenInvalidThenBrokerRefusesToStart(@TempDir Path dataDir) throws Exception {
        Path file = dataDir.resolveSibling(dataDir.getFileName() + "-bad.yaml");
        Files.writeString(file, """
                users:
                  - name: ok-user
                roles:
                  - name: NoTrust
                    maxSessionDuration: 99999
                """);
        assertThatThrownBy(() -> BrokerProcess.start(dataDir, Map.of("KEYGATE_BOOTSTRAP_FILE", file.toString())))
                .hasMessageContaining("Broker exited")
                .hasMessageContaining("Bootstrap file " + file + ", document 1, role 'NoTrust'");
        try (BrokerProcess broker = BrokerProcess.start(dataDir, Map.of());
             IamClient iam = iam(broker, bootstrapCredentials(dataDir))) {
            assertThat(iam.listUsers().users()).isEmpty();
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
