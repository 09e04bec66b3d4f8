package io.keygate.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.keygate.support.BrokerProcess;

/**
 * The README's first calls, made with the real AWS CLI v2 (Debian package {@code awscli}, which signs only
 * {@code content-type;host;x-amz-date} and sends no payload hash header) against the packaged broker.
 */
class AwsCliCompatibilityIT {

    private static final Path AWS = Path.of("/usr/bin/aws");

    private record Result(int exit, String out) {
    }

    private static Result aws(BrokerProcess broker, Path dataDir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(AWS.toString(), "--endpoint-url",
                "http://127.0.0.1:" + broker.port(), "--output", "json"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("AWS_"));
        env.put("AWS_SHARED_CREDENTIALS_FILE", dataDir.resolve("bootstrap-credentials").toString());
        env.put("AWS_CONFIG_FILE", dataDir.resolve("no-config").toString());
        env.put("AWS_PROFILE", "keygate");
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_PAGER", "");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out);
    }

    @Test
    void readmeCallsWorkWithTheAwsCli(@TempDir Path dataDir) throws Exception {
        boolean ci = "true".equals(System.getenv("CI"));
        assumeTrue(ci || Files.isExecutable(AWS), "AWS CLI v2 not installed (.ci/run installs it)");
        assertThat(Files.isExecutable(AWS)).as("CI must have the AWS CLI v2 at " + AWS).isTrue();
        try (BrokerProcess broker = BrokerProcess.start(dataDir, Map.of())) {
            Result identity = aws(broker, dataDir, "sts", "get-caller-identity");
            assertThat(identity.exit()).as(identity.out()).isZero();
            assertThat(identity.out()).contains("\"Arn\": \"arn:aws:iam::").contains(":root\"");

            Result session = aws(broker, dataDir, "sts", "get-session-token", "--duration-seconds", "900");
            assertThat(session.exit()).as(session.out()).isZero();
            assertThat(session.out()).contains("\"AccessKeyId\": \"ASIA").contains("\"SessionToken\"");

            Result denied = aws(broker, dataDir, "sts", "get-session-token", "--duration-seconds", "129601");
            assertThat(denied.exit()).isNotZero();
            assertThat(denied.out()).contains("ValidationError");
        }
    }
}
