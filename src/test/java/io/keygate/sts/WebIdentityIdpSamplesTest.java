package io.keygate.sts;

import static io.keygate.support.Principals.unique;
import static io.keygate.support.TestClients.ACCOUNT;
import static io.keygate.support.TestClients.endpoint;
import static io.keygate.support.TestClients.iam;
import static io.keygate.support.TestClients.root;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.nimbusds.jwt.JWTClaimsSet;

import io.keygate.policy.Policies;
import io.keygate.policy.PolicyType;
import io.keygate.support.TestOidcIssuer;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleWithWebIdentityResponse;
import software.amazon.awssdk.services.sts.model.StsException;

/**
 * Every issuer folder of {@code idp-samples/oidc/} holds what its page promises, checked against the real
 * AssumeRoleWithWebIdentity path: the README registers the provider and names the role the job's environment assumes;
 * the trust policy is a valid trust policy for that provider whose condition keys are ones the provider's tokens fill
 * ({@code <provider>:aud}, {@code :sub}, …); the example token has the issuer, the audience the job asks for and the
 * {@code sub} shape the issuer documents; the README's workflow, job or pod (parsed as YAML) asks for that audience,
 * hands the token file to the SDK and fixes that subject, and its shell blocks parse. Then a local HTTPS issuer stands in for the real one (the sample's provider
 * prefix in the trust policy becomes the local issuer's): a token with the example's claims gets credentials, and the
 * same token for a neighbouring subject (another repository, branch, service account, …) or another registered
 * audience is refused with AccessDenied.
 */
@QuarkusTest
class WebIdentityIdpSamplesTest {

    private static final Path SAMPLES = Path.of("idp-samples", "oidc");
    private static final String SAMPLE_ACCOUNT = "123456789012";
    private static final String OTHER_CLIENT = "another-client";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new YAMLMapper();
    private static final Pattern PROVIDER = Pattern.compile(
            "create-open-id-connect-provider[\\s\\\\]+--url (\\S+)[\\s\\\\]+--client-id-list (\\S+)");
    private static final Pattern ROLE = Pattern.compile("create-role --role-name (\\S+)");
    /** {@code AWS_ROLE_ARN: arn…} (YAML), {@code AWS_ROLE_ARN=arn…} (shell) or {@code name: AWS_ROLE_ARN / value: arn…}. */
    private static final Pattern ROLE_ARN = Pattern.compile("AWS_ROLE_ARN(?:[:=]\\s*|\\s+value:\\s*)(arn:\\S+)");
    private static final Pattern CONDITION_KEY_NAME = Pattern.compile("aud|oaud|sub|azp|amr|email");
    private static final Pattern GUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    /** A README: its text, its YAML snippets (every document of every {@code yaml} block) and its {@code sh} blocks. */
    private record Readme(String text, List<JsonNode> yaml, List<String> sh) {
    }

    /**
     * What a README's job, pod or workload snippet fixes: the audience it asks its issuer for (null when the snippet
     * does not name it), and how the {@code sub} of its tokens ends (null when the snippet does not fix it).
     */
    private record Snippet(String audience, String subjectEnd) {
    }

    /**
     * One issuer's folder: the {@code sub} shape its documentation gives, a neighbouring subject the sample's trust
     * must refuse, and what its snippet fixes.
     */
    private record Sample(String folder, Pattern subShape, UnaryOperator<String> neighbour,
            Function<Readme, Snippet> snippet) {
    }

    private static final List<Sample> TABLE = List.of(
            new Sample("github-actions",
                    Pattern.compile("repo:[\\w.-]+/[\\w.-]+:(ref:refs/(heads|tags)/\\S+|environment:\\S+|pull_request)"),
                    sub -> sub.replaceFirst("/[^/:]+:", "/other-repo:"), WebIdentityIdpSamplesTest::githubWorkflow),
            new Sample("gitlab-ci",
                    Pattern.compile("project_path:[\\w.-]+(/[\\w.-]+)+:ref_type:(branch|tag):ref:[^:\\s]+"),
                    sub -> sub.replaceFirst(":ref:[^:]+$", ":ref:feature"), WebIdentityIdpSamplesTest::gitlabJob),
            new Sample("kubernetes", Pattern.compile("system:serviceaccount:[a-z0-9-]+:[a-z0-9.-]+"),
                    sub -> sub.replaceFirst("[^:]+$", "default"), WebIdentityIdpSamplesTest::kubernetesPod),
            new Sample("keycloak", GUID, sub -> UUID.randomUUID().toString(),
                    readme -> new Snippet(find(readme.text(), "\\*\\*Included Custom Audience\\*\\* `([^`]+)`"), null)),
            new Sample("entra-id", GUID, sub -> UUID.randomUUID().toString(), readme -> new Snippet(null, null)),
            new Sample("google", Pattern.compile("\\d{21}"), sub -> sub.substring(0, 20) + (sub.endsWith("7") ? "8" : "7"),
                    readme -> new Snippet(find(readme.text(), "/identity\\?audience=([^&'\"\\s]+)"), null)));

    private static String find(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("the README has " + regex).isTrue();
        return m.group(1);
    }

    /** The workflow may ask for a token, asks for one with an audience, and hands its file to the SDK. */
    private static Snippet githubWorkflow(Readme readme) {
        assertThat(readme.yaml()).hasSize(1);
        JsonNode workflow = readme.yaml().get(0);
        assertThat(workflow.at("/permissions/id-token").asText()).isEqualTo("write");
        JsonNode job = workflow.get("jobs").elements().next();
        assertThat(job.at("/env/AWS_ENDPOINT_URL_STS").asText()).isEqualTo("https://keygate.example.com");
        StringBuilder run = new StringBuilder();
        job.get("steps").forEach(step -> run.append(step.path("run").asText()).append('\n'));
        assertThat(run).contains("Authorization: bearer $ACTIONS_ID_TOKEN_REQUEST_TOKEN")
                .contains("echo \"AWS_WEB_IDENTITY_TOKEN_FILE=$token_file\" >> \"$GITHUB_ENV\"");
        String branch = workflow.path("on").path("push").path("branches").path(0).asText();
        assertThat(branch).isNotEmpty();
        return new Snippet(find(run.toString(), "\"\\$ACTIONS_ID_TOKEN_REQUEST_URL&audience=([^\"]+)\""),
                ":ref:refs/heads/" + branch);
    }

    /** The job declares an ID token, writes it to the SDK's token file, and runs on one branch. */
    private static Snippet gitlabJob(Readme readme) {
        assertThat(readme.yaml()).hasSize(1);
        JsonNode job = readme.yaml().get(0).elements().next();
        Map.Entry<String, JsonNode> idToken = job.get("id_tokens").properties().iterator().next();
        assertThat(job.at("/variables/AWS_ENDPOINT_URL_STS").asText()).isEqualTo("https://keygate.example.com");
        StringBuilder script = new StringBuilder();
        job.get("script").forEach(line -> script.append(line.asText()).append('\n'));
        assertThat(script).contains("printf '%s' \"$" + idToken.getKey() + "\" > \"$AWS_WEB_IDENTITY_TOKEN_FILE\"");
        String branch = find(job.at("/rules/0/if").asText(), "\\$CI_COMMIT_BRANCH == \"([^\"]+)\"");
        return new Snippet(idToken.getValue().get("aud").asText(), ":ref_type:branch:ref:" + branch);
    }

    /**
     * The pod runs as the service account, and its token file is the projected token with Keygate's audience.
     */
    private static Snippet kubernetesPod(Readme readme) {
        JsonNode pod = readme.yaml().stream().filter(d -> d.path("kind").asText().equals("Pod")).findFirst()
                .orElseThrow();
        JsonNode account = readme.yaml().stream().filter(d -> d.path("kind").asText().equals("ServiceAccount"))
                .findFirst().orElseThrow();
        String namespace = pod.at("/metadata/namespace").asText();
        String serviceAccount = pod.at("/spec/serviceAccountName").asText();
        assertThat(account.at("/metadata/name").asText()).isEqualTo(serviceAccount);
        assertThat(account.at("/metadata/namespace").asText()).isEqualTo(namespace);
        JsonNode container = pod.at("/spec/containers/0");
        Map<String, String> env = new LinkedHashMap<>();
        container.get("env").forEach(e -> env.put(e.get("name").asText(), e.get("value").asText()));
        JsonNode volume = pod.at("/spec/volumes/0");
        JsonNode token = volume.at("/projected/sources/0/serviceAccountToken");
        JsonNode mount = container.at("/volumeMounts/0");
        assertThat(mount.get("name").asText()).isEqualTo(volume.get("name").asText());
        assertThat(env.get("AWS_WEB_IDENTITY_TOKEN_FILE"))
                .isEqualTo(mount.get("mountPath").asText() + "/" + token.get("path").asText());
        assertThat(env).containsKeys("AWS_ROLE_ARN", "AWS_ENDPOINT_URL_STS");
        return new Snippet(token.get("audience").asText(), "system:serviceaccount:" + namespace + ":" + serviceAccount);
    }

    private static Readme readme(Path file) throws IOException {
        String text = Files.readString(file);
        List<JsonNode> yaml = new ArrayList<>();
        List<String> sh = new ArrayList<>();
        Matcher block = Pattern.compile("```(\\w+)\\n(.*?)```", Pattern.DOTALL).matcher(text);
        while (block.find()) {
            if (block.group(1).equals("yaml")) {
                try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(block.group(2))) {
                    yaml.addAll(docs.readAll());
                }
            } else if (block.group(1).equals("sh")) {
                sh.add(block.group(2));
            }
        }
        return new Readme(text, yaml, sh);
    }

    /** {@code bash -n}: the block parses as shell (line continuations, quotes). */
    private static void assertParsesAsShell(String block) throws IOException, InterruptedException {
        Process bash = new ProcessBuilder("bash", "-n").redirectErrorStream(true).start();
        try (var in = bash.getOutputStream()) {
            in.write(block.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        String out = new String(bash.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(bash.waitFor()).as(block + out).isZero();
    }

    @TestFactory
    Stream<DynamicTest> everyIssuerFolderHasAValidTrustPolicyThatItsTokensSatisfyAndNeighboursDoNot()
            throws IOException {
        List<String> folders;
        try (Stream<Path> dirs = Files.list(SAMPLES)) {
            folders = dirs.filter(d -> Files.exists(d.resolve("trust-policy.json")))
                    .map(d -> d.getFileName().toString()).sorted().toList();
        }
        assertThat(folders).as("every folder is checked, and every checked folder exists")
                .containsExactlyInAnyOrderElementsOf(TABLE.stream().map(Sample::folder).toList());
        return TABLE.stream().map(s -> DynamicTest.dynamicTest(s.folder(), () -> check(s)));
    }

    private static void check(Sample sample) throws Exception {
        Path dir = SAMPLES.resolve(sample.folder());
        Readme readme = readme(dir.resolve("README.md"));
        String trustText = Files.readString(dir.resolve("trust-policy.json"));
        JsonNode trust = JSON.readTree(trustText);
        Map<String, Object> claims = JSON.readValue(dir.resolve("token-claims.example.json").toFile(),
                new TypeReference<LinkedHashMap<String, Object>>() { });

        Matcher provider = PROVIDER.matcher(readme.text());
        assertThat(provider.find()).as("the README registers the provider").isTrue();
        String url = provider.group(1);
        List<String> clientIds = Arrays.asList(provider.group(2).split(","));
        assertThat(url).startsWith("https://");
        String prefix = url.substring("https://".length());

        // The trust policy: valid, for this provider, with condition keys that its tokens fill.
        assertThat(Policies.parseNew(trustText, PolicyType.TRUST).statements()).hasSize(1);
        assertThat(trust.at("/Statement/0/Principal/Federated").asText())
                .isEqualTo("arn:aws:iam::" + SAMPLE_ACCOUNT + ":oidc-provider/" + prefix);
        assertThat(trust.at("/Statement/0/Action").toString()).contains("sts:AssumeRoleWithWebIdentity");
        List<String> keys = new ArrayList<>();
        trust.at("/Statement/0/Condition").properties().forEach(op -> op.getValue().fieldNames()
                .forEachRemaining(keys::add));
        assertThat(keys).as("condition keys").contains(prefix + ":aud", prefix + ":sub").allSatisfy(key -> {
            assertThat(key).startsWith(prefix + ":");
            assertThat(key.substring(prefix.length() + 1)).matches(CONDITION_KEY_NAME);
        });

        // The example token: this issuer, the documented sub shape; the trust's sub is its sub.
        String sub = (String) claims.get("sub");
        List<String> audiences = claims.get("aud") instanceof List<?> list ? list.stream().map(String::valueOf).toList()
                : List.of(String.valueOf(claims.get("aud")));
        assertThat(claims.get("iss")).isEqualTo(url);
        assertThat(sub).matches(sample.subShape());
        assertThat(trust.at("/Statement/0/Condition/StringEquals/" + prefix.replace("/", "~1") + ":sub").asText())
                .isEqualTo(sub);

        // The snippets: they parse, and what they fix is what the token and the trust policy hold.
        for (String block : readme.sh()) {
            assertParsesAsShell(block);
        }
        Snippet snippet = sample.snippet().apply(readme);
        if (snippet.audience() != null) {
            assertThat(audiences).as("the audience the snippet asks for").contains(snippet.audience());
        }
        if (snippet.subjectEnd() != null) {
            assertThat(sub).as("the subject of the snippet's tokens").endsWith(snippet.subjectEnd());
        }
        Matcher role = ROLE.matcher(readme.text());
        assertThat(role.find()).as("the README creates a role").isTrue();
        Matcher arn = ROLE_ARN.matcher(readme.text());
        assertThat(arn.find()).as("the workload's environment names the role").isTrue();
        assertThat(arn.group(1)).isEqualTo("arn:aws:iam::" + SAMPLE_ACCOUNT + ":role/" + role.group(1));
        assertThat(readme.text()).contains("AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ENDPOINT_URL_STS", "AWS_ROLE_SESSION_NAME",
                "file://trust-policy.json", "(trust-policy.json)", "(token-claims.example.json)");

        exchange(sample, prefix, clientIds, trustText, claims);
    }

    /** The real path, with a local issuer in the place of the sample's. */
    private static void exchange(Sample sample, String prefix, List<String> clientIds, String trustText,
            Map<String, Object> claims) throws Exception {
        try (TestOidcIssuer idp = TestOidcIssuer.start(0, "/" + sample.folder());
                IamClient admin = iam(root()); StsClient sts = anonymousSts()) {
            List<String> registered = new ArrayList<>(clientIds);
            registered.add(OTHER_CLIENT);
            admin.createOpenIDConnectProvider(r -> r.url(idp.issuer()).clientIDList(registered)
                    .thumbprintList(idp.thumbprint()));
            String localTrust = trustText
                    .replace("arn:aws:iam::" + SAMPLE_ACCOUNT + ":oidc-provider/" + prefix,
                            "arn:aws:iam::" + ACCOUNT + ":oidc-provider/" + idp.id())
                    .replace("\"" + prefix + ":", "\"" + idp.id() + ":");
            String roleName = unique("sample-" + sample.folder());
            String roleArn = admin.createRole(r -> r.roleName(roleName).assumeRolePolicyDocument(localTrust))
                    .role().arn();

            String sub = (String) claims.get("sub");
            String token = idp.rs256(fresh(claims, idp, Map.of()));
            AssumeRoleWithWebIdentityResponse answer = sts.assumeRoleWithWebIdentity(r -> r.roleArn(roleArn)
                    .roleSessionName("sample").webIdentityToken(token));
            assertThat(answer.subjectFromWebIdentityToken()).isEqualTo(sub);
            assertThat(answer.provider()).isEqualTo(idp.id());
            assertThat(clientIds).contains(answer.audience());
            assertThat(answer.credentials().accessKeyId()).startsWith("ASIA");

            String neighbour = sample.neighbour().apply(sub);
            assertThat(neighbour).isNotEqualTo(sub).matches(sample.subShape());
            assertRefused(sts, roleArn, idp.rs256(fresh(claims, idp, Map.of("sub", neighbour))));
            assertRefused(sts, roleArn, idp.rs256(fresh(claims, idp, Map.of("aud", OTHER_CLIENT))));
        }
    }

    private static void assertRefused(StsClient sts, String roleArn, String token) {
        assertThatThrownBy(() -> sts.assumeRoleWithWebIdentity(r -> r.roleArn(roleArn).roleSessionName("sample")
                .webIdentityToken(token))).isInstanceOfSatisfying(StsException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
    }

    /** The example's claims, issued now by {@code idp} and valid for five minutes, with {@code changes}. */
    private static JWTClaimsSet fresh(Map<String, Object> example, TestOidcIssuer idp, Map<String, Object> changes)
            throws java.text.ParseException {
        Map<String, Object> claims = new LinkedHashMap<>(example);
        long now = Instant.now().getEpochSecond();
        claims.put("iss", idp.issuer());
        claims.put("iat", now);
        claims.put("nbf", now);
        claims.put("exp", now + 300);
        claims.putAll(changes);
        return JWTClaimsSet.parse(claims);
    }

    private static StsClient anonymousSts() {
        return StsClient.builder().endpointOverride(endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(AnonymousCredentialsProvider.create()).build();
    }
}
