package io.keygate.sts;

import static io.keygate.support.Principals.ACCOUNT;
import static io.keygate.support.Principals.unique;
import static io.keygate.support.TestClients.ROOT_KEY;
import static io.keygate.support.TestClients.ROOT_SECRET;
import static io.keygate.support.TestClients.iam;
import static io.keygate.support.TestClients.root;
import static io.keygate.support.TestSamlResponses.IDP;
import static io.keygate.support.TestSamlResponses.ISSUER;
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

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.keygate.support.TestClients;
import io.keygate.support.TestSamlResponses;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;

/**
 * AssumeRoleWithSAML end to end with the real AWS CLI ({@code /usr/bin/aws}, Debian's {@code awscli}) and a response
 * signed by the independent {@code xmlsec1}, against the test server; and the "Zero to credentials" walkthrough of
 * {@code idp-samples/README.md}, run as written (only the server start is the test's own, and the port is the test
 * port).
 */
@QuarkusTest
class AssumeRoleWithSamlCliTest {

    private static final Path AWS = Path.of("/usr/bin/aws");
    private static final Path README = Path.of("idp-samples", "README.md");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static String providerArn;

    private record Result(int exit, String out) {
    }

    @BeforeAll
    static void provider() {
        boolean ci = "true".equals(System.getenv("CI"));
        boolean tools = Files.isExecutable(AWS) && TestSamlResponses.xmlsec1Available();
        assumeTrue(ci || tools, "AWS CLI or xmlsec1 not installed (.ci/run installs both)");
        assertThat(tools).as("CI must have " + AWS + " and /usr/bin/xmlsec1").isTrue();
        try (IamClient iam = iam(root())) {
            providerArn = iam.createSAMLProvider(b -> b.name(unique("cli"))
                    .samlMetadataDocument(TestSamlResponses.metadata(ISSUER, IDP))).samlProviderArn();
        }
    }

    private static int port() {
        return TestClients.endpoint().getPort();
    }

    /** Runs {@code command} in {@code dir} with no AWS settings of the machine, plus {@code env}. */
    private static Result run(Path dir, Map<String, String> env, List<String> command)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
        pb.environment().put("AWS_CONFIG_FILE", dir.resolve("no-config").toString());
        pb.environment().put("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("no-credentials").toString());
        pb.environment().put("AWS_PAGER", "");
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out);
    }

    private static Result aws(Path dir, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(AWS.toString(), "--endpoint-url",
                "http://localhost:" + port(), "--region", "us-east-1", "--output", "json"));
        command.addAll(List.of(args));
        return run(dir, env, command);
    }

    private static String role(String trust) {
        String name = unique("cli-role");
        try (IamClient iam = iam(root())) {
            iam.createRole(b -> b.roleName(name).assumeRolePolicyDocument(trust));
        }
        return "arn:aws:iam::" + ACCOUNT + ":role/" + name;
    }

    @Test
    void assumeRoleWithSamlThroughTheAwsCliWithAnXmlsec1SignedResponseThenCredentialsWorkAndReplayIsRefused(
            @TempDir Path dir) throws Exception {
        String roleArn = role("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
                + "{\"Federated\":\"" + providerArn + "\"},\"Action\":\"sts:AssumeRoleWithSAML\"}]}");
        String signed = TestSamlResponses.signWithXmlsec1(TestSamlResponses.builder().role(roleArn, providerArn)
                .xml(), IDP);
        Files.writeString(dir.resolve("response.b64"), TestSamlResponses.encode(signed));

        // AssumeRoleWithSAML is unsigned: the CLI has no credentials at all here.
        Result assumed = aws(dir, Map.of(), "sts", "assume-role-with-saml", "--role-arn", roleArn,
                "--principal-arn", providerArn, "--saml-assertion", "file://response.b64");

        assertThat(assumed.exit()).as(assumed.out()).isZero();
        JsonNode r = JSON.readTree(assumed.out());
        String sessionArn = "arn:aws:sts::" + ACCOUNT + ":assumed-role/" + roleArn.substring(roleArn.indexOf('/') + 1)
                + "/alice";
        assertThat(r.at("/AssumedRoleUser/Arn").asText()).isEqualTo(sessionArn);
        assertThat(r.at("/Subject").asText()).isEqualTo("alice@example.com");
        assertThat(r.at("/SubjectType").asText()).isEqualTo("persistent");
        assertThat(r.at("/Issuer").asText()).isEqualTo(ISSUER);
        assertThat(r.at("/Audience").asText()).isEqualTo(TestSamlResponses.SP);
        assertThat(r.at("/Credentials/AccessKeyId").asText()).startsWith("ASIA");

        Result identity = aws(dir, Map.of("AWS_ACCESS_KEY_ID", r.at("/Credentials/AccessKeyId").asText(),
                "AWS_SECRET_ACCESS_KEY", r.at("/Credentials/SecretAccessKey").asText(),
                "AWS_SESSION_TOKEN", r.at("/Credentials/SessionToken").asText()), "sts", "get-caller-identity");
        assertThat(identity.exit()).as(identity.out()).isZero();
        assertThat(JSON.readTree(identity.out()).get("Arn").asText()).isEqualTo(sessionArn);

        Result replay = aws(dir, Map.of(), "sts", "assume-role-with-saml", "--role-arn", roleArn,
                "--principal-arn", providerArn, "--saml-assertion", "file://response.b64");
        assertThat(replay.exit()).isNotZero();
        assertThat(replay.out()).contains("InvalidIdentityToken").contains("replay").doesNotContain("AccessKeyId");
    }

    /** The sh block under "Zero to credentials without an IdP", as written. */
    static String walkthrough() throws IOException {
        String readme = Files.readString(README);
        int section = readme.indexOf("## Zero to credentials");
        assertThat(section).as("README section 'Zero to credentials'").isPositive();
        int start = readme.indexOf("```sh\n", section) + "```sh\n".length();
        return readme.substring(start, readme.indexOf("```", start));
    }

    @Test
    void idpSamplesZeroToCredentialsWalkthroughWorksAsWritten(@TempDir Path dir) throws Exception {
        String block = walkthrough();
        assertThat(block).contains("mvn ").contains("http://127.0.0.1:8080");
        // The test server stands in for the "mvn … quarkus:run &" line; everything else runs as written, on its port.
        StringBuilder script = new StringBuilder("set -euo pipefail\n");
        for (String line : block.split("\n")) {
            if (!line.startsWith("mvn ")) {
                script.append(line.replace("http://127.0.0.1:8080", "http://127.0.0.1:" + port())).append('\n');
            }
        }
        Files.writeString(dir.resolve("walkthrough.sh"), script);
        Files.createSymbolicLink(dir.resolve("idp-samples"), README.getParent().toAbsolutePath());
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("data/bootstrap-credentials"), "[keygate]\naws_access_key_id = " + ROOT_KEY
                + "\naws_secret_access_key = " + ROOT_SECRET + "\n");
        // The walkthrough's names are fixed: start from an account without them (a previous run may have left them).
        try (IamClient iam = iam(root())) {
            try {
                iam.deleteRole(b -> b.roleName("dev"));
            } catch (NoSuchEntityException absent) {
                // first run
            }
            try {
                iam.deleteSAMLProvider(b -> b.samlProviderArn("arn:aws:iam::" + ACCOUNT + ":saml-provider/Corp"));
            } catch (NoSuchEntityException absent) {
                // first run
            }
        }

        Result result = run(dir, Map.of(), List.of("bash", "walkthrough.sh"));

        assertThat(result.exit()).as(result.out()).isZero();
        assertThat(result.out()).contains("\"Arn\": \"arn:aws:sts::" + ACCOUNT + ":assumed-role/dev/alice\"")
                .contains("\"AccessKeyId\": \"ASIA").contains("\"Subject\": \"alice@example.com\"");
        assertThat(dir.resolve("idp-metadata.xml")).exists();
    }
}
