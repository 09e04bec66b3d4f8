package io.keygate.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

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
 * The backup and restore procedure of docs/operations.md, done for real: stop the broker, copy its data directory
 * (store and key ring), start a new broker on the copy elsewhere; every entity and secret is back.
 */
class BackupRestoreIT {

    private static AwsBasicCredentials bootstrapCredentials(Path dataDir) throws IOException {
        Properties p = new Properties();
        p.load(new StringReader(Files.readString(dataDir.resolve("bootstrap-credentials"))));
        return AwsBasicCredentials.create(p.getProperty("aws_access_key_id"), p.getProperty("aws_secret_access_key"));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    // Like tar: keep the owner-only permissions of the key ring and the credentials file.
                    Files.copy(f, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    @Test
    void aCopyOfTheStoppedDataDirectoryRestoresEverything(@TempDir Path live, @TempDir Path backups) throws Exception {
        AwsBasicCredentials root;
        AccessKey key;
        try (BrokerProcess broker = BrokerProcess.start(live, Map.of())) {
            root = bootstrapCredentials(live);
            try (IamClient iam = IamClient.builder().endpointOverride(broker.endpoint()).region(Region.AWS_GLOBAL)
                    .credentialsProvider(StaticCredentialsProvider.create(root)).build()) {
                iam.createUser(b -> b.userName("backed-up"));
                key = iam.createAccessKey(b -> b.userName("backed-up")).accessKey();
            }
            broker.stop();
        }
        Path backup = backups.resolve("keygate-backup");
        copyTree(live, backup);
        // The original is gone for good; only the backup is left.
        try (Stream<Path> files = Files.walk(live)) {
            files.sorted(java.util.Comparator.reverseOrder()).filter(p -> !p.equals(live)).forEach(p -> p.toFile().delete());
        }
        Path restored = backups.resolve("restored");
        copyTree(backup, restored);
        try (BrokerProcess broker = BrokerProcess.start(restored, Map.of())) {
            assertThat(broker.log()).contains("bootstrap skipped");
            try (IamClient iam = IamClient.builder().endpointOverride(broker.endpoint()).region(Region.AWS_GLOBAL)
                    .credentialsProvider(StaticCredentialsProvider.create(root)).build()) {
                assertThat(iam.getUser(b -> b.userName("backed-up")).user().userName()).isEqualTo("backed-up");
            }
            // The sealed secret opens with the restored key ring: the user's access key signs requests.
            AwsBasicCredentials userKey = AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey());
            try (StsClient sts = StsClient.builder().endpointOverride(broker.endpoint()).region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(userKey)).build()) {
                assertThat(sts.getCallerIdentity().arn()).endsWith(":user/backed-up");
            }
        }
    }
}
