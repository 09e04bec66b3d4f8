package io.keygate.sts;

import static io.keygate.support.Principals.ACCOUNT;
import static io.keygate.support.TestClients.ROOT_KEY;
import static io.keygate.support.TestClients.ROOT_SECRET;
import static io.keygate.support.TestClients.iam;
import static io.keygate.support.TestClients.root;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.keygate.support.TestClients;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;

/**
 * The "Zero to credentials" walkthrough of {@code idp-samples/oidc/README.md}, run as written with the real AWS CLI
 * ({@code /usr/bin/aws}, Debian's {@code awscli}) and {@code sample-token.sh} (openssl), against the test server: a
 * throw-away HTTPS issuer trusted through its thumbprint, the provider and role, AssumeRoleWithWebIdentity from the
 * command line, and the SDK environment ({@code AWS_WEB_IDENTITY_TOKEN_FILE}, {@code AWS_ROLE_ARN},
 * {@code AWS_ENDPOINT_URL_STS}) that a CI job uses. Only the server start is the test's own; the test port and a free
 * issuer port replace 8080 and 9443.
 */
@QuarkusTest
class AssumeRoleWithWebIdentityCliTest {

    private static final Path AWS = Path.of("/usr/bin/aws");
    private static final Path README = Path.of("idp-samples", "oidc", "README.md");
    private static final String KEYGATE_URL = "http://127.0.0.1:8080";
    private static final String ISSUER = "127.0.0.1:9443";

    private record Result(int exit, String out) {
    }

    /** The sh block under "Zero to credentials without an IdP", as written. */
    static String walkthrough() throws IOException {
        String readme = Files.readString(README);
        int section = readme.indexOf("## Zero to credentials");
        assertThat(section).as("README section 'Zero to credentials'").isPositive();
        int start = readme.indexOf("```sh\n", section) + "```sh\n".length();
        return readme.substring(start, readme.indexOf("```", start));
    }

    /** Runs {@code script} with bash in {@code dir}, with no AWS settings of the machine, plus {@code env}. */
    private static Result bash(Path dir, Map<String, String> env, String script)
            throws IOException, InterruptedException {
        Path file = Files.createTempFile(dir, "script", ".sh");
        Files.writeString(file, "set -euo pipefail\n" + script);
        ProcessBuilder pb = new ProcessBuilder(List.of("bash", file.toString())).directory(dir.toFile())
                .redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("KEYGATE_"));
        pb.environment().put("AWS_CONFIG_FILE", dir.resolve("no-config").toString());
        pb.environment().put("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("no-credentials").toString());
        pb.environment().put("AWS_PAGER", "");
        // The CLI caches credentials from a web identity token under ~/.aws/cli/cache: keep runs apart.
        pb.environment().put("HOME", dir.toString());
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Whether the issuer closes its port within ten seconds of the walkthrough's {@code kill} (a signal is async). */
    private static boolean stopsListening(String hostPort) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            if (!listening(hostPort)) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    private static boolean listening(String hostPort) {
        int colon = hostPort.indexOf(':');
        try (java.net.Socket socket = new java.net.Socket(hostPort.substring(0, colon),
                Integer.parseInt(hostPort.substring(colon + 1)))) {
            return socket.isConnected();
        } catch (IOException refused) {
            return false;
        }
    }

    /** Stops the walkthrough's issuer if a failing step left it running. */
    private static void stopIssuer(Path dir) throws IOException {
        Path pid = dir.resolve("sample-oidc/issuer.pid");
        if (Files.exists(pid)) {
            ProcessHandle.of(Long.parseLong(Files.readString(pid).trim())).ifPresent(ProcessHandle::destroy);
        }
    }

    @Test
    void idpSamplesOidcZeroToCredentialsWalkthroughWorksAsWrittenAndAnotherRepositoryIsRefused(@TempDir Path dir)
            throws Exception {
        boolean ci = "true".equals(System.getenv("CI"));
        boolean tools = Files.isExecutable(AWS) && Files.isExecutable(Path.of("/usr/bin/openssl"));
        assumeTrue(ci || tools, "AWS CLI or openssl not installed (.ci/run installs both)");
        assertThat(tools).as("CI must have " + AWS + " and /usr/bin/openssl").isTrue();

        String block = walkthrough();
        String port = Integer.toString(TestClients.endpoint().getPort());
        String issuer = "127.0.0.1:" + freePort();
        assertThat(block).contains("ISSUER=" + ISSUER).contains(KEYGATE_URL)
                .contains("AWS_WEB_IDENTITY_TOKEN_FILE=").contains("AWS_ROLE_ARN=").contains("AWS_ENDPOINT_URL_STS=");
        // The test server stands in for the line that starts Keygate, which must allow the loopback issuer.
        StringBuilder script = new StringBuilder();
        for (String line : block.split("\n")) {
            if (line.contains("quarkus:run")) {
                assertThat(line).startsWith("KEYGATE_FEDERATION_OIDC_ALLOW_LOOPBACK=true mvn ");
            } else {
                script.append(line.replace(KEYGATE_URL, "http://127.0.0.1:" + port).replace(ISSUER, issuer))
                        .append('\n');
            }
        }
        Files.createSymbolicLink(dir.resolve("idp-samples"), README.getParent().getParent().toAbsolutePath());
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("data/bootstrap-credentials"), "[keygate]\naws_access_key_id = " + ROOT_KEY
                + "\naws_secret_access_key = " + ROOT_SECRET + "\n");
        // The walkthrough's role name is fixed: start from an account without it (a previous run may have left it).
        try (IamClient iam = iam(root())) {
            try {
                iam.deleteRole(b -> b.roleName("ci"));
            } catch (NoSuchEntityException absent) {
                // first run
            }
        }

        Result result;
        Result other;
        boolean issuerStopped;
        try {
            result = bash(dir, Map.of(), script.toString());
            issuerStopped = stopsListening(issuer);
            // The README's "try another sub": the same key, a token for another repository (the keys are cached).
            other = bash(dir, Map.of("AWS_SHARED_CREDENTIALS_FILE", "data/bootstrap-credentials",
                    "AWS_DEFAULT_REGION", "us-east-1", "ISSUER", issuer),
                    "idp-samples/oidc/sample-token.sh token \"$ISSUER\" repo:octo-org/other-repo:ref:refs/heads/main "
                            + "sts.amazonaws.com > other.jwt\n"
                            + "aws --endpoint-url http://127.0.0.1:" + port + " sts assume-role-with-web-identity "
                            + "--role-arn arn:aws:iam::" + ACCOUNT + ":role/ci --role-session-name try-out "
                            + "--web-identity-token file://other.jwt\n");
        } finally {
            stopIssuer(dir);
        }

        assertThat(result.exit()).as(result.out()).isZero();
        String session = "arn:aws:sts::" + ACCOUNT + ":assumed-role/ci/";
        assertThat(result.out()).contains("\"SubjectFromWebIdentityToken\": \"repo:octo-org/octo-repo:ref:refs/heads/main\"")
                .contains("\"Provider\": \"" + issuer + "\"").contains("\"Audience\": \"sts.amazonaws.com\"")
                .contains("\"Arn\": \"" + session + "try-out\"").contains("\"AccessKeyId\": \"ASIA")
                // get-caller-identity through the SDK environment alone: the CLI exchanged the token file itself.
                .containsPattern("\"Arn\": \"" + Pattern.quote(session) + "sdk-\\d+\"");
        assertThat(issuerStopped).as("the walkthrough stops its issuer").isTrue();
        assertThat(other.exit()).as(other.out()).isNotZero();
        assertThat(other.out()).contains("AccessDenied").doesNotContain("AccessKeyId");
    }

    /** The first sh block under "## Register it in Keygate" of an issuer folder's README, as written. */
    static String registration(Path readme) throws IOException {
        String text = Files.readString(readme);
        int section = text.indexOf("## Register it in Keygate");
        assertThat(section).as(readme + ": section 'Register it in Keygate'").isPositive();
        int start = text.indexOf("```sh\n", section) + "```sh\n".length();
        return text.substring(start, text.indexOf("```", start));
    }

    /**
     * Every issuer folder's provider and role set-up, run with the AWS CLI against the test server as written: only
     * Keygate's URL becomes the test server's, the trust policy names the test account instead of 123456789012, and a
     * stand-in {@code kubectl} prints a cluster CA. Keygate then holds the provider with the README's client id and a
     * role whose trust policy is the folder's.
     */
    @Test
    void everyIssuerFolderRegistersItsProviderAndRoleThroughTheAwsCliAsWritten(@TempDir Path dir) throws Exception {
        assumeTrue("true".equals(System.getenv("CI")) || Files.isExecutable(AWS), "AWS CLI not installed");
        String port = Integer.toString(TestClients.endpoint().getPort());
        Path bin = Files.createDirectories(dir.resolve("bin"));
        // kubectl config view … -o jsonpath=…certificate-authority-data: a base64 PEM CA certificate.
        Files.writeString(bin.resolve("kubectl"), "#!/usr/bin/env bash\nopenssl req -x509 -newkey ec "
                + "-pkeyopt ec_paramgen_curve:P-256 -nodes -subj /CN=cluster-ca -keyout /dev/null 2>/dev/null "
                + "| base64 -w0\n");
        bin.resolve("kubectl").toFile().setExecutable(true);
        String path = bin + ":" + System.getenv("PATH");
        List<String> folders;
        try (var dirs = Files.list(README.getParent())) {
            folders = dirs.filter(d -> Files.exists(d.resolve("trust-policy.json")))
                    .map(d -> d.getFileName().toString()).sorted().toList();
        }
        assertThat(folders).hasSize(6);
        for (String folder : folders) {
            Path sample = README.getParent().resolve(folder);
            String block = registration(sample.resolve("README.md"));
            String url = block.replaceAll("(?s).*--url (\\S+).*", "$1");
            String clientId = block.replaceAll("(?s).*--client-id-list (\\S+).*", "$1");
            String role = block.replaceAll("(?s).*--role-name (\\S+).*", "$1");
            String providerArn = "arn:aws:iam::" + ACCOUNT + ":oidc-provider/" + url.substring("https://".length());
            try (IamClient iam = iam(root())) {
                deleteIfPresent(() -> iam.deleteRole(b -> b.roleName(role)));
                deleteIfPresent(() -> iam.deleteOpenIDConnectProvider(b -> b.openIDConnectProviderArn(providerArn)));
            }
            Path work = Files.createDirectories(dir.resolve(folder));
            Files.writeString(work.resolve("trust-policy.json"),
                    Files.readString(sample.resolve("trust-policy.json")).replace("arn:aws:iam::123456789012:",
                            "arn:aws:iam::" + ACCOUNT + ":"));

            Result result = bash(work, Map.of("PATH", path, "AWS_ACCESS_KEY_ID", ROOT_KEY,
                    "AWS_SECRET_ACCESS_KEY", ROOT_SECRET, "AWS_DEFAULT_REGION", "us-east-1"),
                    block.replace("https://keygate.example.com", "http://127.0.0.1:" + port));

            assertThat(result.exit()).as(folder + ": " + result.out()).isZero();
            try (IamClient iam = iam(root())) {
                var provider = iam.getOpenIDConnectProvider(b -> b.openIDConnectProviderArn(providerArn));
                assertThat(provider.clientIDList()).as(folder).containsExactly(clientId);
                assertThat(provider.thumbprintList()).as(folder).hasSize(block.contains("--thumbprint-list") ? 1 : 0);
                String trust = java.net.URLDecoder.decode(iam.getRole(b -> b.roleName(role)).role()
                        .assumeRolePolicyDocument(), StandardCharsets.UTF_8);
                assertThat(trust).as(folder).contains("\"" + providerArn + "\"");
            }
        }
    }

    private static void deleteIfPresent(Runnable delete) {
        try {
            delete.run();
        } catch (NoSuchEntityException absent) {
            // first run
        }
    }
}
