package io.keygate.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.Properties;
import java.io.StringReader;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.keygate.support.BrokerProcess;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The packaged broker as a real process: generated bootstrap credentials survive a restart unchanged, and a write
 * that was answered survives {@code kill -9}.
 */
class RestartAndCrashIT {

    private static StsClient sts(BrokerProcess broker, AwsBasicCredentials credentials) {
        return StsClient.builder().endpointOverride(broker.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(credentials)).build();
    }

    private static IamClient iam(BrokerProcess broker, AwsBasicCredentials credentials) {
        return IamClient.builder().endpointOverride(broker.endpoint()).region(Region.AWS_GLOBAL)
                .credentialsProvider(StaticCredentialsProvider.create(credentials)).build();
    }

    private static AwsBasicCredentials bootstrapCredentials(Path dataDir) throws Exception {
        Properties p = new Properties();
        p.load(new StringReader(Files.readString(dataDir.resolve("bootstrap-credentials"))));
        return AwsBasicCredentials.create(p.getProperty("aws_access_key_id"), p.getProperty("aws_secret_access_key"));
    }

    @Test
    void generatedBootstrapCredentialsSurviveARestart(@TempDir Path dataDir) throws Exception {
        String account;
        AwsBasicCredentials root;
        String firstFile;
        try (BrokerProcess broker = BrokerProcess.start(dataDir, Map.of())) {
            Path file = dataDir.resolve("bootstrap-credentials");
            assertThat(Files.getPosixFilePermissions(file))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
            firstFile = Files.readString(file);
            root = bootstrapCredentials(dataDir);
            assertThat(broker.log()).contains(file.toAbsolutePath().toString())
                    .doesNotContain(root.secretAccessKey());
            try (StsClient sts = sts(broker, root)) {
                account = sts.getCallerIdentity().account();
            }
            assertThat(account).matches("\\d{12}");
            broker.stop();
        }
        try (BrokerProcess broker = BrokerProcess.start(dataDir, Map.of())) {
            assertThat(Files.readString(dataDir.resolve("bootstrap-credentials"))).isEqualTo(firstFile);
            try (StsClient sts = sts(broker, root)) {
                assertThat(sts.getCallerIdentity().account()).isEqualTo(account);
            }
            assertThat(broker.log()).doesNotContain(root.secretAccessKey());
        }
    }

    @Test
    void answeredWritesSurviveKillDashNine(@TempDir Path dataDir) throws Exception {
        AwsBasicCredentials root;
        AccessKey created;
        try (BrokerProcess broker = BrokerProcess.start(dataDir, Map.of())) {
            root = bootstrapCredentials(dataDir);
            try (IamClient iam = iam(broker, root)) {
                iam.createUser(b -> b.userName("durable-user"));
                created = iam.createAccessKey(b -> b.userName("durable-user")).accessKey();
            }
            broker.killHard();
        }
        try (BrokerProcess broker = BrokerProcess.start(dataDir, Map.of())) {
            try (IamClient iam = iam(broker, root)) {
                assertThat(iam.getUser(b -> b.userName("durable-user")).user().userName()).isEqualTo("durable-user");
            }
            AwsBasicCredentials userKey = AwsBasicCredentials.create(created.accessKeyId(), created.secretAccessKey());
            try (StsClient sts = sts(broker, userKey)) {
                assertThat(sts.getCallerIdentity().arn()).endsWith(":user/durable-user");
            }
        }
    }
}
