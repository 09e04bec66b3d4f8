package io.keygate.sts;

import static io.keygate.support.Principals.ACCOUNT;
import static io.keygate.support.Principals.unique;
import static io.keygate.support.TestClients.iam;
import static io.keygate.support.TestClients.root;
import static io.keygate.support.TestClients.session;
import static io.keygate.support.TestClients.sts;
import static io.keygate.support.TestSamlResponses.IDP;
import static io.keygate.support.TestSamlResponses.ISSUER;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.keygate.client.KeygateClient;
import io.keygate.client.KeygateClient.Authorization;
import io.keygate.client.KeygateClient.SignedHttpRequest;
import io.keygate.protocol.sigv4.SigV4Request;
import io.keygate.protocol.sigv4.SigV4Signer;
import io.keygate.protocol.sigv4.SigningCredentials;
import io.keygate.support.LogCapture;
import io.keygate.support.TestApi;
import io.keygate.support.TestSamlResponses;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.GetSamlProviderResponse;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.SummaryKeyType;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleWithSamlResponse;
import software.amazon.awssdk.services.sts.model.StsException;

/**
 * SAML providers and AssumeRoleWithSAML through the AWS SDK for Java v2: the IAM provider API, the SP metadata, the
 * assertion exchanged for credentials that work, the response elements with AWS's quirks, the refusals (replay,
 * role pair naming another provider, role not trusting the provider), encrypted assertions to the published SP key,
 * and {@code ${saml:sub}} scoping a resource per user through the decision API.
 */
@QuarkusTest
class AssumeRoleWithSamlSdkTest {

    private static final KeygateClient.ServiceEndpoint DOCS = new KeygateClient.ServiceEndpoint("s3",
            "docs.example.com");
    private static String providerArn;
    private static String providerName;
    private static String spEntityId;

    private static String trustPolicy(String provider, String actions) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\""
                + provider + "\"},\"Action\":" + actions + ",\"Condition\":{\"StringEquals\":{\"SAML:aud\":\""
                + spEntityId + "\"}}}]}";
    }

    @BeforeAll
    static void provider() {
        spEntityId = TestSamlResponses.SP;
        providerName = unique("corp");
        try (IamClient iam = iam(root())) {
            providerArn = iam.createSAMLProvider(b -> b.name(providerName)
                    .samlMetadataDocument(TestSamlResponses.metadata(ISSUER, IDP))).samlProviderArn();
        }
    }

    private static String role(String trust, String permissions) {
        String name = unique("saml-role");
        try (IamClient iam = iam(root())) {
            iam.createRole(b -> b.roleName(name).assumeRolePolicyDocument(trust).maxSessionDuration(7200));
            if (permissions != null) {
                iam.putRolePolicy(b -> b.roleName(name).policyName("p").policyDocument(permissions));
            }
        }
        return "arn:aws:iam::" + ACCOUNT + ":role/" + name;
    }

    private static AssumeRoleWithSamlResponse assume(String roleArn, String principalArn, String assertion) {
        try (StsClient sts = sts(root())) {
            return sts.assumeRoleWithSAML(b -> b.roleArn(roleArn).principalArn(principalArn).samlAssertion(assertion));
        }
    }

    private static void assertCode(Runnable call, String code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(SdkServiceException.class, e -> {
            String actual = e instanceof StsException s ? s.awsErrorDetails().errorCode()
                    : ((IamException) e).awsErrorDetails().errorCode();
            assertThat(actual).isEqualTo(code);
        });
    }

    @Test
    void assumeRoleWithSamlReturnsWorkingCredentialsAndAwsShapedSubjectFields() throws Exception {
        String roleArn = role(trustPolicy(providerArn, "\"sts:AssumeRoleWithSAML\""), null);
        TestSamlResponses.Builder b = TestSamlResponses.builder().role(roleArn, providerArn);

        AssumeRoleWithSamlResponse r = assume(roleArn, providerArn, b.encodedSignedAssertion());

        String expectedQualifier = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                .digest((ISSUER + ACCOUNT + "/" + providerName).getBytes()));
        assertThat(r.subject()).isEqualTo("alice@example.com");
        assertThat(r.subjectType()).isEqualTo("persistent");
        assertThat(r.issuer()).isEqualTo(ISSUER);
        assertThat(r.audience()).isEqualTo(spEntityId);
        assertThat(r.nameQualifier()).isEqualTo(expectedQualifier);
        assertThat(r.assumedRoleUser().arn()).isEqualTo("arn:aws:sts::" + ACCOUNT + ":assumed-role/"
                + roleArn.substring(roleArn.indexOf('/') + 1) + "/alice");
        assertThat(r.packedPolicySize()).isZero();
        try (StsClient sts = sts(session(r.credentials()))) {
            assertThat(sts.getCallerIdentity().arn()).isEqualTo(r.assumedRoleUser().arn());
        }
    }

    @Test
    void assumeRoleWithSamlWhenReplayedForTheSameRoleThenInvalidIdentityToken() {
        String roleArn = role(trustPolicy(providerArn, "\"sts:AssumeRoleWithSAML\""), null);
        String assertion = TestSamlResponses.builder().role(roleArn, providerArn).encodedSignedAssertion();

        assume(roleArn, providerArn, assertion);
        assertCode(() -> assume(roleArn, providerArn, assertion), "InvalidIdentityToken");
    }

    @Test
    void assumeRoleWithSamlWhenThePairNamesAnotherProviderOrRoleThenIdpRejectedClaim() {
        String roleArn = role(trustPolicy(providerArn, "\"sts:AssumeRoleWithSAML\""), null);
        String other = "arn:aws:iam::" + ACCOUNT + ":saml-provider/other";
        String valid = TestSamlResponses.builder().role(roleArn, providerArn).encodedSignedAssertion();
        String otherProvider = TestSamlResponses.builder().role(roleArn, other).encodedSignedAssertion();

        assertCode(() -> assume(roleArn, providerArn, otherProvider), "IDPRejectedClaim");
        assertThat(assume(roleArn, providerArn, valid).subject()).isEqualTo("alice@example.com");
    }

    @Test
    void assumeRoleWithSamlWhenTheRoleDoesNotTrustTheProviderThenAccessDenied() {
        String untrusting = role(trustPolicy("arn:aws:iam::" + ACCOUNT + ":saml-provider/other",
                "\"sts:AssumeRoleWithSAML\""), null);
        String trusting = role(trustPolicy(providerArn, "\"sts:AssumeRoleWithSAML\""), null);

        assertCode(() -> assume(untrusting, providerArn,
                TestSamlResponses.builder().role(untrusting, providerArn).encodedSignedAssertion()), "AccessDenied");
        assertThat(assume(trusting, providerArn, TestSamlResponses.builder().role(trusting, providerArn)
                .encodedSignedAssertion()).subject()).isEqualTo("alice@example.com");
    }

    @Test
    void assumeRoleWithSamlWhenUnsignedOrForAnotherAudienceThenRefusedWithoutCredentials() {
        String roleArn = role(trustPolicy(providerArn, "\"sts:AssumeRoleWithSAML\""), null);
        TestSamlResponses.Builder unsigned = TestSamlResponses.builder().role(roleArn, providerArn);
        TestSamlResponses.Builder foreign = TestSamlResponses.builder().role(roleArn, providerArn);
        foreign.audience = "urn:amazon:webservices";

        assertCode(() -> assume(roleArn, providerArn, TestSamlResponses.encode(unsigned.xml())),
                "InvalidIdentityToken");
        assertCode(() -> assume(roleArn, providerArn, foreign.encodedSignedAssertion()), "InvalidIdentityToken");
        assertCode(() -> assume(roleArn, "arn:aws:iam::" + ACCOUNT + ":saml-provider/missing",
                unsigned.encodedSignedAssertion()), "InvalidIdentityToken");
    }

    @Test
    void assumeRoleWithSamlWhenEncryptedToThePublishedSpCertificateThenDecrypted() throws Exception {
        String metadata = given().get("/saml/metadata").then().statusCode(200).extract().asString();
        String certB64 = metadata.substring(metadata.indexOf("<ds:X509Certificate>") + 20,
                metadata.indexOf("</ds:X509Certificate>"));
        X509Certificate sp = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(certB64)));
        String roleArn = role(trustPolicy(providerArn, "\"sts:AssumeRoleWithSAML\""), null);

        String encrypted = TestSamlResponses.encrypt(TestSamlResponses.builder().role(roleArn, providerArn)
                .signedAssertion(), sp);

        assertThat(metadata).contains("entityID=\"" + spEntityId + "\"")
                .contains("Location=\"" + spEntityId + "\"");
        assertThat(((RSAPublicKey) sp.getPublicKey()).getModulus().bitLength()).isEqualTo(3072);
        assertThat(assume(roleArn, providerArn, TestSamlResponses.encode(encrypted)).subject())
                .isEqualTo("alice@example.com");
    }

    @Test
    void assumeRoleWithSamlCarriesTagsAndSourceIdentityThroughTheSharedRules() {
        String roleArn = role(trustPolicy(providerArn,
                "[\"sts:AssumeRoleWithSAML\",\"sts:TagSession\",\"sts:SetSourceIdentity\"]"), null);
        TestSamlResponses.Builder b = TestSamlResponses.builder().role(roleArn, providerArn)
                .attribute("https://aws.amazon.com/SAML/Attributes/PrincipalTag:Project", "blue")
                .attribute("https://aws.amazon.com/SAML/Attributes/SourceIdentity", "alice")
                .attribute("https://aws.amazon.com/SAML/Attributes/SessionDuration", "900");

        AssumeRoleWithSamlResponse r = assume(roleArn, providerArn, b.encodedSignedAssertion());

        assertThat(r.sourceIdentity()).isEqualTo("alice");
        assertThat(r.packedPolicySize()).isPositive();
        assertThat(r.credentials().expiration()).isBefore(java.time.Instant.now().plusSeconds(901));
        String noTagRole = role(trustPolicy(providerArn, "\"sts:AssumeRoleWithSAML\""), null);
        TestSamlResponses.Builder tagged = TestSamlResponses.builder().role(noTagRole, providerArn)
                .attribute("https://aws.amazon.com/SAML/Attributes/PrincipalTag:Project", "blue");
        assertCode(() -> assume(noTagRole, providerArn, tagged.encodedSignedAssertion()), "AccessDenied");
    }

    @Test
    void samlSubInARolePolicyScopesAResourcePerUserThroughTheDecisionApi() throws Exception {
        String roleArn = role(trustPolicy(providerArn, "\"sts:AssumeRoleWithSAML\""),
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\","
                        + "\"Resource\":\"arn:aws:s3:::docs/users/${saml:sub}/*\"}]}");
        AssumeRoleWithSamlResponse r = assume(roleArn, providerArn,
                TestSamlResponses.builder().role(roleArn, providerArn).encodedSignedAssertion());
        AwsCredentials alice = session(r.credentials());
        String serverName = unique("docs-server");
        AwsCredentials server = io.keygate.support.Principals.user(serverName,
                io.keygate.support.Principals.allow("keygate:Authorize", "*"));
        KeygateClient resourceServer = TestApi.client(server);

        Authorization own = resourceServer.authorize(DOCS, "s3:GetObject",
                "arn:aws:s3:::docs/users/alice@example.com/plan.txt", Map.of(),
                signed(alice, "/users/alice@example.com/plan.txt"));
        Authorization other = resourceServer.authorize(DOCS, "s3:GetObject",
                "arn:aws:s3:::docs/users/bob@example.com/plan.txt", Map.of(),
                signed(alice, "/users/bob@example.com/plan.txt"));

        assertThat(own.decision()).isEqualTo("Allow");
        assertThat(other.decision()).isNotEqualTo("Allow");
    }

    @Test
    void samlProviderApiListsTagsUpdatesKeysAndCountsInTheAccountSummary() {
        String name = unique("keys");
        TestSamlResponses.IdpKey next = TestSamlResponses.newKey("CN=next");
        try (IamClient iam = iam(root())) {
            long before = iam.getAccountSummary().summaryMap().get(SummaryKeyType.PROVIDERS);
            String arn = iam.createSAMLProvider(b -> b.name(name).samlMetadataDocument(
                    TestSamlResponses.metadata(ISSUER, IDP)).assertionEncryptionMode("Allowed")
                    .addPrivateKey(next.privateKeyPem())
                    .tags(t -> t.key("team").value("id"))).samlProviderArn();
            GetSamlProviderResponse got = iam.getSAMLProvider(b -> b.samlProviderArn(arn));

            assertThat(arn).isEqualTo("arn:aws:iam::" + ACCOUNT + ":saml-provider/" + name);
            assertThat(got.samlProviderUUID()).matches("[A-Z0-9]{22,64}");
            assertThat(got.assertionEncryptionModeAsString()).isEqualTo("Allowed");
            assertThat(got.privateKeyList()).singleElement().satisfies(k -> assertThat(k.keyId())
                    .matches("[A-Z0-9]{22,64}"));
            assertThat(got.toString()).doesNotContain("PRIVATE KEY");
            assertThat(got.tags()).singleElement().satisfies(t -> assertThat(t.key()).isEqualTo("team"));
            assertThat(iam.listSAMLProviders().samlProviderList()).anySatisfy(e -> assertThat(e.arn()).isEqualTo(arn));
            assertThat(iam.getAccountSummary().summaryMap().get(SummaryKeyType.PROVIDERS)).isEqualTo(before + 1);

            String keyId = got.privateKeyList().get(0).keyId();
            iam.updateSAMLProvider(b -> b.samlProviderArn(arn).removePrivateKey(keyId)
                    .assertionEncryptionMode("Required"));
            GetSamlProviderResponse updated = iam.getSAMLProvider(b -> b.samlProviderArn(arn));
            assertThat(updated.privateKeyList()).isEmpty();
            assertThat(updated.assertionEncryptionModeAsString()).isEqualTo("Required");

            iam.tagSAMLProvider(b -> b.samlProviderArn(arn).tags(t -> t.key("env").value("prod")));
            iam.untagSAMLProvider(b -> b.samlProviderArn(arn).tagKeys("team"));
            assertThat(iam.listSAMLProviderTags(b -> b.samlProviderArn(arn)).tags())
                    .singleElement().satisfies(t -> assertThat(t.key()).isEqualTo("env"));

            iam.deleteSAMLProvider(b -> b.samlProviderArn(arn));
            assertCode(() -> iam.getSAMLProvider(b -> b.samlProviderArn(arn)), "NoSuchEntity");
        }
    }

    @Test
    void createSamlProviderWhenMetadataIsBadThenInvalidInputAndWhenLargeThenAccepted() {
        try (IamClient iam = iam(root())) {
            String noCert = TestSamlResponses.metadata(ISSUER);
            assertCode(() -> iam.createSAMLProvider(b -> b.name(unique("bad")).samlMetadataDocument(noCert)),
                    "InvalidInput");
            String dtd = "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                    + TestSamlResponses.metadata(ISSUER, IDP).replaceFirst("<\\?xml[^>]*>", "");
            assertCode(() -> iam.createSAMLProvider(b -> b.name(unique("dtd")).samlMetadataDocument(dtd)),
                    "InvalidInput");
            // Large federation metadata (a long Organization block): far beyond the usual request-body limit.
            String large = TestSamlResponses.metadata(ISSUER, IDP).replace("Example Corp identity provider",
                    "Example Corp identity provider " + "x".repeat(2_000_000));
            String name = unique("large");
            String arn = iam.createSAMLProvider(b -> b.name(name).samlMetadataDocument(large)).samlProviderArn();
            assertThat(iam.getSAMLProvider(b -> b.samlProviderArn(arn)).samlMetadataDocument()).hasSize(large.length());
            iam.deleteSAMLProvider(b -> b.samlProviderArn(arn));
        }
    }

    @Test
    void explainShowsEveryCheckTheOfferedRolesAndTheTrustDecisionWithoutConsumingTheAssertion() throws Exception {
        String roleArn = role(trustPolicy(providerArn, "\"sts:AssumeRoleWithSAML\""), null);
        String tagged = TestSamlResponses.builder().role(roleArn, providerArn)
                .attribute("https://aws.amazon.com/SAML/Attributes/PrincipalTag:Project", "blue")
                .encodedSignedAssertion();
        KeygateClient admin = TestApi.client(root());

        KeygateClient.Response r = admin.post("/api/v1/federation/explain", Map.of("RoleArn", roleArn,
                "PrincipalArn", providerArn, "SAMLAssertion", tagged));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().get("WouldSucceed").asBoolean()).isFalse();
        assertThat(r.body().get("Checks")).allSatisfy(c -> assertThat(c.get("Outcome").asText()).isEqualTo("PASSED"));
        assertThat(r.body().get("OfferedRoles").get(0).get("RoleArn").asText()).isEqualTo(roleArn);
        assertThat(r.body().at("/ConditionKeys/saml:aud/0").asText()).isEqualTo(spEntityId);
        assertThat(r.body().at("/Trust/Decisions/0/Decision").asText()).isEqualTo("ALLOW");
        assertThat(r.body().at("/Trust/Decisions/1/Action").asText()).isEqualTo("sts:TagSession");
        assertThat(r.body().at("/Trust/Decisions/1/Decision").asText()).isEqualTo("IMPLICIT_DENY");
        assertThat(r.body().at("/Error/Code").asText()).isEqualTo("AccessDenied");

        String plain = TestSamlResponses.builder().role(roleArn, providerArn).encodedSignedAssertion();
        KeygateClient.Response ok = admin.post("/api/v1/federation/explain", Map.of("RoleArn", roleArn,
                "PrincipalArn", providerArn, "SAMLAssertion", plain));
        assertThat(ok.body().get("WouldSucceed").asBoolean()).isTrue();
        // Explaining consumed nothing: the same assertion still works once.
        assertThat(assume(roleArn, providerArn, plain).subject()).isEqualTo("alice@example.com");

        TestSamlResponses.Builder foreign = TestSamlResponses.builder().role(roleArn, providerArn);
        foreign.audience = "urn:other";
        KeygateClient.Response bad = admin.post("/api/v1/federation/explain", Map.of("RoleArn", roleArn,
                "PrincipalArn", providerArn, "SAMLAssertion", foreign.encodedSignedAssertion()));
        assertThat(bad.body().get("Checks")).anySatisfy(c -> {
            assertThat(c.get("Check").asText()).isEqualTo("AudienceCheck");
            assertThat(c.get("Outcome").asText()).isEqualTo("FAILED");
            assertThat(c.get("Detail").asText()).contains("Incorrect assertion audience");
        });
    }

    /** The request id of the refusal {@code call} gets, after checking its code. */
    private static String refusedRequestId(Runnable call, String code) {
        SdkServiceException e = org.assertj.core.api.Assertions.catchThrowableOfType(SdkServiceException.class,
                call::run);
        assertThat(e).as("refused with " + code).isNotNull();
        assertThat(((StsException) e).awsErrorDetails().errorCode()).isEqualTo(code);
        assertThat(e.requestId()).isNotBlank();
        return e.requestId();
    }

    @Test
    void assumeRoleWithSamlWhenRefusedThenOneLogLineWithTheRequestIdNamesTheFailedCheckAndReason() {
        String trusting = role(trustPolicy(providerArn, "\"sts:AssumeRoleWithSAML\""), null);
        String untrusting = role(trustPolicy("arn:aws:iam::" + ACCOUNT + ":saml-provider/other",
                "\"sts:AssumeRoleWithSAML\""), null);
        TestSamlResponses.Builder foreign = TestSamlResponses.builder().role(trusting, providerArn);
        foreign.audience = "urn:other";
        String foreignAssertion = foreign.encodedSignedAssertion();
        String otherPair = TestSamlResponses.builder().role(trusting, "arn:aws:iam::" + ACCOUNT
                + ":saml-provider/other").encodedSignedAssertion();
        String untrusted = TestSamlResponses.builder().role(untrusting, providerArn).encodedSignedAssertion();

        try (LogCapture log = LogCapture.of(AssumeRoleWithSaml.class)) {
            String audience = refusedRequestId(() -> assume(trusting, providerArn, foreignAssertion),
                    "InvalidIdentityToken");
            String pair = refusedRequestId(() -> assume(trusting, providerArn, otherPair), "IDPRejectedClaim");
            String trust = refusedRequestId(() -> assume(untrusting, providerArn, untrusted), "AccessDenied");

            assertThat(log.linesWith("requestId=" + audience)).singleElement().asString()
                    .contains("check=AudienceCheck", "code=InvalidIdentityToken", "Incorrect assertion audience",
                            "role=" + trusting, "provider=" + providerArn);
            assertThat(log.linesWith("requestId=" + pair)).singleElement().asString()
                    .contains("check=RolePair", "code=IDPRejectedClaim", "does not offer the role");
            assertThat(log.linesWith("requestId=" + trust)).singleElement().asString()
                    .contains("check=Trust", "code=AccessDenied", "Not authorized to perform sts:AssumeRoleWithSAML");
            assertThat(log.lines()).noneSatisfy(l -> assertThat(l).containsAnyOf(foreignAssertion.substring(0, 40),
                    "<saml:", "SignatureValue"));
        }
    }

    @Test
    void assumeRoleWithSamlWhenTheTrustPolicyRefusesThenTheAssertionIsNotUsedUpForTheRole() {
        String roleArn = role(trustPolicy("arn:aws:iam::" + ACCOUNT + ":saml-provider/other",
                "\"sts:AssumeRoleWithSAML\""), null);
        String assertion = TestSamlResponses.builder().role(roleArn, providerArn).encodedSignedAssertion();

        assertCode(() -> assume(roleArn, providerArn, assertion), "AccessDenied");
        try (IamClient iam = iam(root())) {
            iam.updateAssumeRolePolicy(b -> b.roleName(roleArn.substring(roleArn.indexOf('/') + 1))
                    .policyDocument(trustPolicy(providerArn, "\"sts:AssumeRoleWithSAML\"")));
        }

        assertThat(assume(roleArn, providerArn, assertion).subject()).isEqualTo("alice@example.com");
        assertCode(() -> assume(roleArn, providerArn, assertion), "InvalidIdentityToken");
    }

    @Test
    void explainTakesAssertionsUpTo100000CharactersLikeAssumeRoleWithSaml() throws Exception {
        String roleArn = role(trustPolicy(providerArn, "\"sts:AssumeRoleWithSAML\""), null);
        String large = TestSamlResponses.builder().role(roleArn, providerArn)
                .attribute("urn:example:padding", "x".repeat(63_000)).encodedSignedAssertion();
        KeygateClient admin = TestApi.client(root());
        String tooLong = "A".repeat(100_004);

        KeygateClient.Response explained = admin.post("/api/v1/federation/explain", Map.of("RoleArn", roleArn,
                "PrincipalArn", providerArn, "SAMLAssertion", large));
        KeygateClient.Response refused = admin.post("/api/v1/federation/explain", Map.of("RoleArn", roleArn,
                "PrincipalArn", providerArn, "SAMLAssertion", tooLong));

        assertThat(large.length()).isBetween(65_537, 100_000);
        assertThat(explained.status()).as(explained.body().toString()).isEqualTo(200);
        assertThat(explained.body().get("WouldSucceed").asBoolean()).isTrue();
        assertThat(assume(roleArn, providerArn, large).subject()).isEqualTo("alice@example.com");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().get("Code").asText()).isEqualTo("ValidationError");
        assertCode(() -> assume(roleArn, providerArn, tooLong), "ValidationError");
    }

    private static SignedHttpRequest signed(AwsCredentials credentials, String target) {
        String token = credentials instanceof AwsSessionCredentials s ? s.sessionToken() : null;
        SigningCredentials signing = new SigningCredentials(credentials.accessKeyId(), credentials.secretAccessKey(),
                token);
        URI uri = URI.create("https://docs.example.com" + target);
        SigV4Request unsigned = SigV4Request.of("GET", uri.getRawPath(), uri.getRawQuery(),
                List.of(Map.entry("Host", "docs.example.com")), null);
        SigV4Request request = new SigV4Signer(Clock.systemUTC()).sign(unsigned, signing, "us-east-1", "s3").request();
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        request.headers().forEach(h -> headers.add(Map.entry(h.name(), h.value())));
        return new SignedHttpRequest("GET", target, headers, null);
    }
}
