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
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * {@code sub} shape the issuer documents. Then a local HTTPS issuer stands in for the real one (the sample's provider
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
    private static final Pattern PROVIDER = Pattern.compile(
            "create-open-id-connect-provider[\\s\\\\]+--url (\\S+)[\\s\\\\]+--client-id-list (\\S+)");
    private static final Pattern ROLE = Pattern.compile("create-role --role-name (\\S+)");
    /** {@code AWS_ROLE_ARN: arn…} (YAML), {@code AWS_ROLE_ARN=arn…} (shell) or {@code name: AWS_ROLE_ARN / value: arn…}. */
    private static final Pattern ROLE_ARN = Pattern.compile("AWS_ROLE_ARN(?:[:=]\\s*|\\s+value:\\s*)(arn:\\S+)");
    private static final Pattern CONDITION_KEY_NAME = Pattern.compile("aud|oaud|sub|azp|amr|email");
    private static final Pattern GUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    /**
     * One issuer's folder: the {@code sub} shape its documentation gives, a neighbouring subject the sample's trust
     * must refuse, where its job snippet names the audience it asks for, and (when the snippet fixes it) the subject
     * the snippet's workload gets.
     */
    private record Sample(String folder, Pattern subShape, UnaryOperator<String> neighbour,
            Pattern requestedAudience, Function<String, String> snippetSubject) {
    }

    private static final List<Sample> TABLE = List.of(
            new Sample("github-actions",
                    Pattern.compile("repo:[\\w.-]+/[\\w.-]+:(ref:refs/(heads|tags)/\\S+|environment:\\S+|pull_request)"),
                    sub -> sub.replaceFirst("/[^/:]+:", "/other-repo:"),
                    Pattern.compile("&audience=([^\"\\s]+)\""), readme -> null),
            new Sample("gitlab-ci",
                    Pattern.compile("project_path:[\\w.-]+(/[\\w.-]+)+:ref_type:(branch|tag):ref:[^:\\s]+"),
                    sub -> sub.replaceFirst(":ref:[^:]+$", ":ref:feature"),
                    Pattern.compile("\\n\\s+aud: (\\S+)"), readme -> null),
            new Sample("kubernetes", Pattern.compile("system:serviceaccount:[a-z0-9-]+:[a-z0-9.-]+"),
                    sub -> sub.replaceFirst("[^:]+$", "default"),
                    Pattern.compile("\\n\\s+audience: (\\S+)"), WebIdentityIdpSamplesTest::podServiceAccount),
            new Sample("keycloak", GUID, sub -> UUID.randomUUID().toString(), null, readme -> null),
            new Sample("entra-id", GUID, sub -> UUID.randomUUID().toString(), null, readme -> null),
            new Sample("google", Pattern.compile("\\d{21}"), sub -> sub.substring(0, 20) + (sub.endsWith("7") ? "8" : "7"),
                    Pattern.compile("[?&]audience=([^&'\"\\s]+)"), readme -> null));

    /** {@code system:serviceaccount:<namespace>:<name>} of the pod in the README's manifest. */
    private static String podServiceAccount(String readme) {
        Matcher pod = Pattern.compile("kind: Pod\\s+metadata:\\s+name: \\S+\\s+namespace: (\\S+)\\s+spec:\\s+"
                + "serviceAccountName: (\\S+)").matcher(readme);
        assertThat(pod.find()).as("the README's Pod names its namespace and service account").isTrue();
        return "system:serviceaccount:" + pod.group(1) + ":" + pod.group(2);
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
        String readme = Files.readString(dir.resolve("README.md"));
        String trustText = Files.readString(dir.resolve("trust-policy.json"));
        JsonNode trust = JSON.readTree(trustText);
        Map<String, Object> claims = JSON.readValue(dir.resolve("token-claims.example.json").toFile(),
                new TypeReference<LinkedHashMap<String, Object>>() { });

        Matcher provider = PROVIDER.matcher(readme);
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
        trust.at("/Statement/0/Condition").fields().forEachRemaining(op -> op.getValue().fieldNames()
                .forEachRemaining(keys::add));
        assertThat(keys).as("condition keys").contains(prefix + ":aud", prefix + ":sub").allSatisfy(key -> {
            assertThat(key).startsWith(prefix + ":");
            assertThat(key.substring(prefix.length() + 1)).matches(CONDITION_KEY_NAME);
        });

        // The example token: this issuer, the documented sub shape, the audience the job asks for.
        String sub = (String) claims.get("sub");
        List<String> audiences = claims.get("aud") instanceof List<?> list ? list.stream().map(String::valueOf).toList()
                : List.of(String.valueOf(claims.get("aud")));
        assertThat(claims.get("iss")).isEqualTo(url);
        assertThat(sub).matches(sample.subShape());
        assertThat(trust.at("/Statement/0/Condition/StringEquals/" + prefix.replace("/", "~1") + ":sub").asText())
                .isEqualTo(sub);
        if (sample.requestedAudience() != null) {
            Matcher requested = sample.requestedAudience().matcher(readme);
            assertThat(requested.find()).as("the job snippet asks for an audience").isTrue();
            assertThat(audiences).contains(requested.group(1));
        }
        String snippetSubject = sample.snippetSubject().apply(readme);
        if (snippetSubject != null) {
            assertThat(snippetSubject).isEqualTo(sub);
        }

        // The README: role, environment, files.
        Matcher role = ROLE.matcher(readme);
        assertThat(role.find()).as("the README creates a role").isTrue();
        String roleArn = "arn:aws:iam::" + SAMPLE_ACCOUNT + ":role/" + role.group(1);
        Matcher arn = ROLE_ARN.matcher(readme);
        assertThat(arn.find()).as("the job's environment names the role").isTrue();
        assertThat(arn.group(1)).isEqualTo(roleArn);
        assertThat(readme).contains("AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ENDPOINT_URL_STS", "AWS_ROLE_SESSION_NAME",
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
