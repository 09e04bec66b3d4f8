package io.keygate.sts;

import static io.keygate.support.TestClients.endpoint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import io.keygate.support.TestApi;
import io.keygate.support.TestClients;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleWithWebIdentityResponse;
import software.amazon.awssdk.services.sts.model.GetWebIdentityTokenResponse;
import software.amazon.awssdk.services.sts.model.StsException;

/**
 * Keygate as an OIDC issuer, end to end: account A enables outbound federation and gets a token with
 * {@code StsClient.getWebIdentityToken}; Nimbus verifies it through the published discovery document; account B
 * registers A's issuer as an OIDC provider and exchanges the token with AssumeRoleWithWebIdentity.
 */
@QuarkusTest
class OutboundFederationSdkTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static AwsCredentials newAccount() throws Exception {
        JsonNode created = TestApi.client(TestClients.root()).post("/api/v1/accounts", Map.of()).body();
        return AwsBasicCredentials.create(created.get("AccessKeyId").asText(),
                created.get("SecretAccessKey").asText());
    }

    private static String accountOf(AwsCredentials c) {
        try (StsClient sts = TestClients.sts(c)) {
            return sts.getCallerIdentity().account();
        }
    }

    @Test
    void getWebIdentityTokenIsVerifiedThroughDiscoveryAndExchangedByAnotherAccount() throws Exception {
        AwsCredentials a = newAccount();
        AwsCredentials b = newAccount();
        String accountA = accountOf(a);
        String accountB = accountOf(b);
        String issuer;
        try (IamClient iamA = TestClients.iam(a)) {
            issuer = iamA.enableOutboundWebIdentityFederation(r -> { }).issuerIdentifier();
            var info = iamA.getOutboundWebIdentityFederationInfo(r -> { });
            assertThat(info.issuerIdentifier()).isEqualTo(issuer);
            assertThat(info.jwtVendingEnabled()).isTrue();
            assertThatThrownBy(() -> iamA.enableOutboundWebIdentityFederation(r -> { })).isInstanceOfSatisfying(IamException.class,
                    e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("FeatureEnabled"));
        }
        GetWebIdentityTokenResponse token;
        try (StsClient stsA = TestClients.sts(a)) {
            token = stsA.getWebIdentityToken(r -> r.audience("https://svc.example").signingAlgorithm("ES384")
                    .durationSeconds(120).tags(t -> t.key("team").value("blue")));
        }
        assertThat(token.expiration()).isAfter(java.time.Instant.now().plusSeconds(100));

        // An outside verifier: discovery → jwks_uri → signature, iss, aud.
        HttpResponse<String> discovery = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(issuer + "/.well-known/openid-configuration")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(discovery.statusCode()).isEqualTo(200);
        assertThat(discovery.headers().firstValue("Cache-Control")).hasValue("public, max-age=300");
        JsonNode doc = JSON.readTree(discovery.body());
        assertThat(doc.get("issuer").asText()).isEqualTo(issuer);
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.ES384,
                JWKSourceBuilder.create(new URL(doc.get("jwks_uri").asText())).retrying(false).build()));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>("https://svc.example",
                new JWTClaimsSet.Builder().issuer(issuer).build(), java.util.Set.of("sub", "exp", "iat", "jti")));
        JWTClaimsSet claims = processor.process(token.webIdentityToken(), null);
        assertThat(claims.getSubject()).isEqualTo("arn:aws:iam::" + accountA + ":root");
        @SuppressWarnings("unchecked")
        Map<String, Object> facts = (Map<String, Object>) claims.getClaim("https://sts.amazonaws.com/");
        assertThat(facts).containsEntry("aws_account", accountA).containsEntry("request_tags", Map.of("team", "blue"));

        // Account B trusts A's issuer as an OIDC provider and exchanges the token.
        String roleArn;
        try (IamClient iamB = TestClients.iam(b)) {
            String providerArn = iamB.createOpenIDConnectProvider(r -> r.url(issuer).clientIDList("https://svc.example"))
                    .openIDConnectProviderArn();
            String id = issuer.substring(issuer.indexOf("://") + 3);
            assertThat(providerArn).isEqualTo("arn:aws:iam::" + accountB + ":oidc-provider/" + id);
            roleArn = iamB.createRole(r -> r.roleName("from-a").assumeRolePolicyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\""
                            + providerArn + "\"},\"Action\":\"sts:AssumeRoleWithWebIdentity\",\"Condition\":"
                            + "{\"StringEquals\":{\"" + id + ":sub\":\"arn:aws:iam::" + accountA + ":root\"}}}]}"))
                    .role().arn();
        }
        try (StsClient anonymous = StsClient.builder().endpointOverride(endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(AnonymousCredentialsProvider.create()).build()) {
            AssumeRoleWithWebIdentityResponse exchanged = anonymous.assumeRoleWithWebIdentity(r -> r.roleArn(roleArn)
                    .roleSessionName("from-a").webIdentityToken(token.webIdentityToken()));
            assertThat(exchanged.assumedRoleUser().arn())
                    .isEqualTo("arn:aws:sts::" + accountB + ":assumed-role/from-a/from-a");
            assertThat(exchanged.subjectFromWebIdentityToken()).isEqualTo("arn:aws:iam::" + accountA + ":root");
        }
    }

    @Test
    void getWebIdentityTokenWhenDisabledOrNotAllowedThenRefused() throws Exception {
        AwsCredentials a = newAccount();
        try (IamClient iamA = TestClients.iam(a); StsClient stsA = TestClients.sts(a)) {
            assertThatThrownBy(() -> iamA.getOutboundWebIdentityFederationInfo(r -> { })).isInstanceOfSatisfying(
                    IamException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("FeatureDisabled"));
            assertThatThrownBy(() -> stsA.getWebIdentityToken(r -> r.audience("x").signingAlgorithm("RS256")))
                    .isInstanceOfSatisfying(StsException.class, e -> assertThat(e.awsErrorDetails().errorCode())
                            .isEqualTo("OutboundWebIdentityFederationDisabledException"));
            iamA.enableOutboundWebIdentityFederation(r -> { });
            assertThat(stsA.getWebIdentityToken(r -> r.audience("x").signingAlgorithm("RS256")).webIdentityToken())
                    .isNotBlank();
            assertThatThrownBy(() -> stsA.getWebIdentityToken(r -> r.audience("x").signingAlgorithm("HS256")))
                    .isInstanceOfSatisfying(StsException.class,
                            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError"));

            // A user without sts:GetWebIdentityToken is refused; with it, allowed.
            iamA.createUser(r -> r.userName("vendee"));
            var key = iamA.createAccessKey(r -> r.userName("vendee")).accessKey();
            try (StsClient user = TestClients.sts(AwsBasicCredentials.create(key.accessKeyId(),
                    key.secretAccessKey()))) {
                assertThatThrownBy(() -> user.getWebIdentityToken(r -> r.audience("x").signingAlgorithm("ES384")))
                        .isInstanceOfSatisfying(StsException.class,
                                e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
                iamA.putUserPolicy(r -> r.userName("vendee").policyName("vend").policyDocument(
                        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
                                + "\"sts:GetWebIdentityToken\",\"Resource\":\"*\",\"Condition\":{\"ForAllValues:StringEquals\":"
                                + "{\"sts:IdentityTokenAudience\":\"x\"}}}]}"));
                assertThat(user.getWebIdentityToken(r -> r.audience("x").signingAlgorithm("ES384"))
                        .webIdentityToken()).isNotBlank();
                assertThatThrownBy(() -> user.getWebIdentityToken(r -> r.audience("y").signingAlgorithm("ES384")))
                        .isInstanceOfSatisfying(StsException.class,
                                e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
            }
            iamA.disableOutboundWebIdentityFederation(r -> { });
            assertThat(iamA.getOutboundWebIdentityFederationInfo(r -> { }).jwtVendingEnabled()).isFalse();
            assertThatThrownBy(() -> iamA.disableOutboundWebIdentityFederation(r -> { })).isInstanceOfSatisfying(IamException.class,
                    e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("FeatureDisabled"));
        }
    }
}
