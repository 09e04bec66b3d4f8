package io.keygate.sts;

import static io.keygate.support.TestClients.ACCOUNT;
import static io.keygate.support.TestClients.endpoint;
import static io.keygate.support.TestClients.iam;
import static io.keygate.support.TestClients.root;
import static io.keygate.support.TestClients.session;
import static io.keygate.support.TestClients.sts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.keygate.support.TestApi;
import io.keygate.support.TestOidcIssuer;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.WebIdentityTokenFileCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleWithWebIdentityResponse;
import software.amazon.awssdk.services.sts.model.StsException;

/**
 * AssumeRoleWithWebIdentity end to end with the AWS SDK for Java v2 against a local HTTPS issuer trusted only through
 * its thumbprint: the trust policy's provider keys, the response elements, {@code ${<prefix>:sub}} in the role's
 * policy, targeted revocation by {Provider, Subject}, and the SDK's {@link WebIdentityTokenFileCredentialsProvider}.
 */
@QuarkusTest
class WebIdentitySdkTest {

    private static TestOidcIssuer idp;

    @BeforeAll
    static void start() throws Exception {
        idp = TestOidcIssuer.start(18161, "/realms/Corp");
    }

    @AfterAll
    static void stop() {
        idp.close();
    }

    private static StsClient anonymousSts() {
        return StsClient.builder().endpointOverride(endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(AnonymousCredentialsProvider.create()).build();
    }

    /** A provider for the issuer (once), and a role trusting it for {@code sub}, allowed to read its own user. */
    private static String setUp(IamClient iam, String roleName, String sub) {
        String providerArn = "arn:aws:iam::" + ACCOUNT + ":oidc-provider/" + idp.id();
        if (iam.listOpenIDConnectProviders().openIDConnectProviderList().stream()
                .noneMatch(p -> p.arn().equals(providerArn))) {
            iam.createOpenIDConnectProvider(r -> r.url(idp.issuer()).clientIDList("app")
                    .thumbprintList(idp.thumbprint()));
        }
        String trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\""
                + providerArn + "\"},\"Action\":[\"sts:AssumeRoleWithWebIdentity\",\"sts:TagSession\"],"
                + "\"Condition\":{\"StringEquals\":{\"" + idp.id() + ":aud\":\"app\",\"" + idp.id() + ":sub\":\""
                + sub + "\"}}}]}";
        String roleArn = iam.createRole(r -> r.roleName(roleName).assumeRolePolicyDocument(trust)).role().arn();
        iam.putRolePolicy(r -> r.roleName(roleName).policyName("own-user").policyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iam:ListUserTags\","
                        + "\"Resource\":\"arn:aws:iam::" + ACCOUNT + ":user/${" + idp.id() + ":sub}\"}]}"));
        iam.createUser(r -> r.userName(sub));
        return roleArn;
    }

    @Test
    void assumeRoleWithWebIdentityWhenTokenAndTrustMatchThenCredentialsScopedBySub() throws Exception {
        String sub = "wi-" + UUID.randomUUID().toString().substring(0, 8);
        try (IamClient admin = iam(root()); StsClient sts = anonymousSts()) {
            String roleArn = setUp(admin, "web-" + sub, sub);
            String token = idp.rs256(idp.claims(sub, "app")
                    .claim("https://aws.amazon.com/tags", Map.of("principal_tags", Map.of("team", List.of("blue")),
                            "transitive_tag_keys", List.of("team"))).build());

            AssumeRoleWithWebIdentityResponse answer = sts.assumeRoleWithWebIdentity(r -> r.roleArn(roleArn)
                    .roleSessionName("ci-run").webIdentityToken(token).durationSeconds(900));

            assertThat(answer.subjectFromWebIdentityToken()).isEqualTo(sub);
            assertThat(answer.provider()).isEqualTo(idp.id());
            assertThat(answer.audience()).isEqualTo("app");
            assertThat(answer.assumedRoleUser().arn())
                    .isEqualTo("arn:aws:sts::" + ACCOUNT + ":assumed-role/web-" + sub + "/ci-run");
            assertThat(answer.credentials().accessKeyId()).startsWith("ASIA");
            assertThat(answer.packedPolicySize()).isPositive();

            AwsCredentials creds = session(answer.credentials());
            try (StsClient asRole = sts(creds); IamClient iamAsRole = iam(creds)) {
                assertThat(asRole.getCallerIdentity().arn()).isEqualTo(answer.assumedRoleUser().arn());
                // ${<prefix>:sub} in the role's policy resolves to the token's sub.
                assertThat(iamAsRole.listUserTags(r -> r.userName(sub)).tags()).isEmpty();
                assertThatThrownBy(() -> iamAsRole.listUserTags(r -> r.userName("someone-else")))
                        .isInstanceOfSatisfying(IamException.class,
                                e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));

                // Targeted revocation by {Provider, Subject} ends the session.
                TestApi.client(root()).post("/api/v1/revocations", Map.of("Provider",
                        "arn:aws:iam::" + ACCOUNT + ":oidc-provider/" + idp.id(), "Subject", sub));
                assertThatThrownBy(asRole::getCallerIdentity).isInstanceOfSatisfying(StsException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId"));
            }
        }
    }

    @Test
    void assumeRoleWithWebIdentityWhenSubIsNotTrustedThenAccessDeniedAndWhenForgedThenInvalidIdentityToken() {
        String sub = "wi-" + UUID.randomUUID().toString().substring(0, 8);
        try (IamClient admin = iam(root()); StsClient sts = anonymousSts()) {
            String roleArn = setUp(admin, "web-" + sub, sub);
            String other = idp.rs256(idp.claims("intruder", "app").build());
            assertThatThrownBy(() -> sts.assumeRoleWithWebIdentity(r -> r.roleArn(roleArn).roleSessionName("x1")
                    .webIdentityToken(other))).isInstanceOfSatisfying(StsException.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                        assertThat(e.statusCode()).isEqualTo(403);
                    });
            String wrongAudience = idp.rs256(idp.claims(sub, "not-app").build());
            assertThatThrownBy(() -> sts.assumeRoleWithWebIdentity(r -> r.roleArn(roleArn).roleSessionName("x2")
                    .webIdentityToken(wrongAudience))).isInstanceOfSatisfying(StsException.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidIdentityToken");
                        assertThat(e.statusCode()).isEqualTo(400);
                    });
            String huge = "a".repeat(1024 * 1024);
            assertThatThrownBy(() -> sts.assumeRoleWithWebIdentity(r -> r.roleArn(roleArn).roleSessionName("x3")
                    .webIdentityToken(huge))).isInstanceOf(software.amazon.awssdk.core.exception.SdkServiceException.class)
                    .satisfies(e -> assertThat(((software.amazon.awssdk.core.exception.SdkServiceException) e)
                            .statusCode()).isBetween(400, 413));
        }
    }

    @Test
    void explainWithAWebIdentityTokenShowsEveryCheckTheKeysAndTheTrustDecisionWithoutMinting() throws Exception {
        String sub = "wi-" + UUID.randomUUID().toString().substring(0, 8);
        try (IamClient admin = iam(root())) {
            String roleArn = setUp(admin, "web-" + sub, sub);
            io.keygate.client.KeygateClient api = TestApi.client(root());

            io.keygate.client.KeygateClient.Response ok = api.post("/api/v1/federation/explain", Map.of(
                    "RoleArn", roleArn, "WebIdentityToken", idp.rs256(idp.claims(sub, "app").build()),
                    "RoleSessionName", "ci-run"));
            assertThat(ok.status()).isEqualTo(200);
            assertThat(ok.body().get("WouldSucceed").asBoolean()).isTrue();
            assertThat(ok.body().get("Checks")).hasSize(10)
                    .allSatisfy(c -> assertThat(c.get("Outcome").asText()).isEqualTo("PASSED"));
            assertThat(ok.body().get("Provider").asText())
                    .isEqualTo("arn:aws:iam::" + ACCOUNT + ":oidc-provider/" + idp.id());
            assertThat(ok.body().get("ConditionKeys").get(idp.id() + ":sub").get(0).asText()).isEqualTo(sub);
            assertThat(ok.body().get("SessionKeys").get(idp.id() + ":sub").asText()).isEqualTo(sub);
            assertThat(ok.body().at("/Trust/Decisions/0/Action").asText()).isEqualTo("sts:AssumeRoleWithWebIdentity");
            assertThat(ok.body().at("/Trust/Decisions/0/Decision").asText()).isEqualTo("ALLOW");

            io.keygate.client.KeygateClient.Response untrusted = api.post("/api/v1/federation/explain", Map.of(
                    "RoleArn", roleArn, "WebIdentityToken", idp.rs256(idp.claims("intruder", "app").build())));
            assertThat(untrusted.body().get("WouldSucceed").asBoolean()).isFalse();
            assertThat(untrusted.body().at("/Error/Code").asText()).isEqualTo("AccessDenied");
            assertThat(untrusted.body().at("/Trust/Decisions/0/Decision").asText()).isEqualTo("IMPLICIT_DENY");

            io.keygate.client.KeygateClient.Response wrongAudience = api.post("/api/v1/federation/explain", Map.of(
                    "RoleArn", roleArn, "WebIdentityToken", idp.rs256(idp.claims(sub, "not-app").build())));
            assertThat(wrongAudience.body().get("WouldSucceed").asBoolean()).isFalse();
            assertThat(wrongAudience.body().at("/Error/Code").asText()).isEqualTo("InvalidIdentityToken");
            assertThat(wrongAudience.body().get("Checks")).extracting(c -> c.get("Check").asText() + "="
                    + c.get("Outcome").asText()).containsExactly("size=PASSED", "form=PASSED", "header=PASSED",
                    "provider=PASSED", "key=PASSED", "signature=PASSED", "issuer=PASSED", "times=PASSED",
                    "audience=FAILED", "subject=SKIPPED");

            io.keygate.client.KeygateClient.Response both = api.post("/api/v1/federation/explain", Map.of(
                    "RoleArn", roleArn, "WebIdentityToken", "x.y.z", "SAMLAssertion", "PHg+"));
            assertThat(both.status()).isEqualTo(400);
        }
    }

    @Test
    void webIdentityTokenFileCredentialsProviderWithEndpointOverrideGetsCredentials() throws Exception {
        String sub = "wi-" + UUID.randomUUID().toString().substring(0, 8);
        try (IamClient admin = iam(root())) {
            String roleArn = setUp(admin, "web-" + sub, sub);
            Path tokenFile = Files.createTempFile("web-identity", ".jwt");
            Files.writeString(tokenFile, idp.es256(idp.claims(sub, "app").build()));
            String oldEndpoint = System.getProperty("aws.endpointUrlSts");
            String oldRegion = System.getProperty("aws.region");
            System.setProperty("aws.endpointUrlSts", endpoint().toString());
            System.setProperty("aws.region", "us-east-1");
            try (WebIdentityTokenFileCredentialsProvider provider = WebIdentityTokenFileCredentialsProvider.builder()
                    .roleArn(roleArn).roleSessionName("from-file").webIdentityTokenFile(tokenFile).build()) {
                AwsCredentials creds = provider.resolveCredentials();
                assertThat(creds.accessKeyId()).startsWith("ASIA");
                try (StsClient asRole = sts(creds)) {
                    assertThat(asRole.getCallerIdentity().arn()).endsWith(":assumed-role/web-" + sub + "/from-file");
                }
            } finally {
                restore("aws.endpointUrlSts", oldEndpoint);
                restore("aws.region", oldRegion);
            }
        }
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }
}
