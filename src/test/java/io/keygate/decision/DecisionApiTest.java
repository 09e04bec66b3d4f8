package io.keygate.decision;

import static io.keygate.support.TestClients.ACCOUNT;
import static io.keygate.support.TestClients.iam;
import static io.keygate.support.TestClients.root;
import static io.keygate.support.TestClients.session;
import static io.keygate.support.TestClients.sts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.keygate.client.KeygateClient;
import io.keygate.client.KeygateClient.Authorization;
import io.keygate.client.KeygateClient.SignedHttpRequest;
import io.keygate.credentials.IdGenerator;
import io.keygate.credentials.IssuingAction;
import io.keygate.credentials.PrincipalType;
import io.keygate.credentials.SessionClaims;
import io.keygate.credentials.SessionTokenCodec;
import io.keygate.protocol.sigv4.SigV4Request;
import io.keygate.protocol.sigv4.SigV4Signer;
import io.keygate.protocol.sigv4.SigningCredentials;
import io.keygate.support.TestApi;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.StsException;

/**
 * POST /api/v1/authorize through {@link KeygateClient#authorize}: a resource server forwards requests that end
 * clients signed for its service ({@code s3} here) and acts on the decision.
 */
@QuarkusTest
public class DecisionApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String READ_BUCKET = """
            {"Version": "2012-10-17", "Statement": [
              {"Sid": "Read", "Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"],
               "Resource": ["arn:aws:s3:::media", "arn:aws:s3:::media/*"]},
              {"Sid": "NoSecrets", "Effect": "Deny", "Action": "s3:*", "Resource": "arn:aws:s3:::media/secret/*"},
              {"Sid": "TaggedUpload", "Effect": "Allow", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::media/*",
               "Condition": {"StringEquals": {"aws:RequestTag/team": "blue"},
                             "IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}}]}""";
    private static final String AUTHORIZE = """
            {"Version": "2012-10-17", "Statement": [
              {"Effect": "Allow", "Action": "keygate:Authorize", "Resource": "arn:aws:s3:::*"}]}""";

    /** The S3-style service the resource server serves: clients sign for s3 and send Host media.example.com. */
    static final KeygateClient.ServiceEndpoint MEDIA = new KeygateClient.ServiceEndpoint("s3", "media.example.com");

    private static KeygateClient resourceServer;
    private static AwsCredentials alice;

    @Inject
    SessionTokenCodec codec;

    @Inject
    IdGenerator ids;

    @BeforeAll
    static void setUp() {
        try (IamClient admin = iam(root())) {
            AwsCredentials server = userWithKey(admin, unique("media-server"));
            admin.putUserPolicy(b -> b.userName(userName(server)).policyName("authorize")
                    .policyDocument(AUTHORIZE));
            resourceServer = TestApi.client(server);
            alice = userWithKey(admin, unique("alice"));
            admin.putUserPolicy(b -> b.userName(userName(alice)).policyName("media").policyDocument(READ_BUCKET));
        }
    }

    @Test
    void authorizeWhenIdentityPolicyAllowsThenAllowWithPrincipalAndStatement() throws Exception {
        Authorization answer = resourceServer.authorize(MEDIA, "s3:GetObject", "arn:aws:s3:::media/cat.png", Map.of(),
                signed(alice, "GET", "/media/cat.png", null));
        assertThat(answer.decision()).isEqualTo("Allow");
        assertThat(answer.principal().arn()).startsWith("arn:aws:iam::" + ACCOUNT + ":user/alice-");
        assertThat(answer.principal().account()).isEqualTo(ACCOUNT);
        assertThat(answer.principal().type()).isEqualTo("User");
        assertThat(answer.principal().userId()).startsWith("AIDA");
        assertThat(answer.matchedStatements()).singleElement().satisfies(s -> {
            assertThat(s.policyId()).endsWith("/inline/media");
            assertThat(s.statementIndex()).isZero();
            assertThat(s.effect()).isEqualTo("Allow");
        });
        assertThat(answer.encodedMessage()).isNull();
    }

    @Test
    void authorizeWhenNothingAllowsThenImplicitDenyWithDecodableMessage() throws Exception {
        Authorization answer = resourceServer.authorize(MEDIA, "s3:DeleteObject", "arn:aws:s3:::media/cat.png", Map.of(),
                signed(alice, "DELETE", "/media/cat.png", null));
        assertThat(answer.decision()).isEqualTo("ImplicitDeny");
        assertThat(answer.matchedStatements()).isEmpty();
        assertThat(answer.message()).endsWith("is not authorized to perform: s3:DeleteObject on resource: "
                + "arn:aws:s3:::media/cat.png because no identity-based policy allows the s3:DeleteObject action");
        try (StsClient sts = sts(root())) {
            JsonNode decoded = JSON.readTree(sts.decodeAuthorizationMessage(b -> b.encodedMessage(
                    answer.encodedMessage())).decodedMessage());
            assertThat(decoded.get("allowed").asBoolean()).isFalse();
            assertThat(decoded.get("explicitDeny").asBoolean()).isFalse();
            assertThat(decoded.at("/context/action").asText()).isEqualTo("s3:DeleteObject");
            assertThat(decoded.at("/context/resource").asText()).isEqualTo("arn:aws:s3:::media/cat.png");
            assertThat(decoded.at("/context/principal/arn").asText()).isEqualTo(answer.principal().arn());
            assertThat(decoded.at("/context/conditions/items").findValuesAsText("key")).contains("aws:username");
        }
    }

    @Test
    void authorizeWhenDenyStatementMatchesThenExplicitDenyNamingIt() throws Exception {
        Authorization answer = resourceServer.authorize(MEDIA, "s3:GetObject", "arn:aws:s3:::media/secret/plan.txt",
                Map.of(), signed(alice, "GET", "/media/secret/plan.txt", null));
        assertThat(answer.decision()).isEqualTo("ExplicitDeny");
        assertThat(answer.matchedStatements()).singleElement().satisfies(s -> {
            assertThat(s.statementIndex()).isEqualTo(1);
            assertThat(s.effect()).isEqualTo("Deny");
        });
        assertThat(answer.message()).endsWith("with an explicit deny in an identity-based policy");
        try (StsClient sts = sts(root())) {
            JsonNode decoded = JSON.readTree(sts.decodeAuthorizationMessage(b -> b.encodedMessage(
                    answer.encodedMessage())).decodedMessage());
            assertThat(decoded.get("explicitDeny").asBoolean()).isTrue();
            assertThat(decoded.at("/matchedStatements/items/0/statementId").asText()).isEqualTo("NoSecrets");
            assertThat(decoded.at("/matchedStatements/items/0/effect").asText()).isEqualTo("DENY");
        }
    }

    @Test
    void authorizeWhenContextMeetsConditionsThenAllowElseImplicitDeny() throws Exception {
        byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
        SignedHttpRequest put = signed(alice, "PUT", "/media/new.txt", body);
        Map<String, List<String>> observed = Map.of("aws:RequestTag/team", List.of("blue"),
                "aws:SourceIp", List.of("10.1.2.3"), "aws:SecureTransport", List.of("true"));
        assertThat(resourceServer.authorize(MEDIA, "s3:PutObject", "arn:aws:s3:::media/new.txt", observed, put).decision())
                .isEqualTo("Allow");
        Map<String, List<String>> otherIp = Map.of("aws:RequestTag/team", List.of("blue"),
                "aws:SourceIp", List.of("192.0.2.1"));
        assertThat(resourceServer.authorize(MEDIA, "s3:PutObject", "arn:aws:s3:::media/new.txt", otherIp, put).decision())
                .isEqualTo("ImplicitDeny");
        assertThat(resourceServer.authorize(MEDIA, "s3:PutObject", "arn:aws:s3:::media/new.txt", Map.of(), put).decision())
                .isEqualTo("ImplicitDeny");
    }

    @Test
    void authorizeWhenContextNamesPrincipalOrSessionKeysThenValidationError() throws Exception {
        SignedHttpRequest get = signed(alice, "GET", "/media/cat.png", null);
        for (String key : List.of("aws:PrincipalTag/team", "aws:PrincipalArn", "aws:userid", "AWS:UserName",
                "aws:MultiFactorAuthPresent", "aws:MultiFactorAuthAge", "aws:TokenIssueTime", "aws:SourceIdentity",
                "aws:FederatedProvider", "saml:sub", "sts:ExternalId", "token.actions.githubusercontent.com:sub",
                "accounts.google.com:aud", "aws:CurrentTime")) {
            assertThatThrownBy(() -> resourceServer.authorize(MEDIA, "s3:GetObject", "arn:aws:s3:::media/cat.png",
                    Map.of(key, List.of("x")), get))
                    .as(key)
                    .isInstanceOfSatisfying(KeygateClient.ApiException.class, e -> {
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.code()).isEqualTo("ValidationError");
                    });
        }
    }

    @Test
    void authorizeWhenBodyIsHostileThenClientErrorsNeverInternalFailure() throws Exception {
        Map<String, Object> good = new LinkedHashMap<>(Map.of("Action", "s3:GetObject",
                "Resource", "arn:aws:s3:::media/x", "Service", "s3", "Host", "media.example.com"));
        List<Object> bad = new ArrayList<>();
        bad.add("[]");
        bad.add(Map.of("Action", "s3:GetObject"));
        bad.add(with(good, "Action", "s3:*"));
        bad.add(with(good, "Resource", "not-an-arn"));
        bad.add(with(good, "SignedRequest", "x"));
        bad.add(with(good, "SignedRequest", Map.of("Method", "GET", "Url", "/x")));
        bad.add(with(good, "SignedRequest", Map.of("Method", "get", "Url", "/x", "Headers", Map.of("a", "b"))));
        bad.add(with(good, "SignedRequest", Map.of("Method", "GET", "Url", "x y", "Headers", Map.of("a", "b"))));
        bad.add(with(good, "SignedRequest", Map.of("Method", "GET", "Url", "/x", "Headers", Map.of("a b", "c"))));
        bad.add(with(good, "SignedRequest", Map.of("Method", "GET", "Url", "/x", "Headers", Map.of("a", 1))));
        bad.add(with(good, "SignedRequest", Map.of("Method", "GET", "Url", "/x", "Headers", Map.of("a", "b"),
                "Body", "%%%")));
        bad.add(with(good, "Context", List.of("a")));
        bad.add(with(good, "Context", Map.of("nocolon", "v")));
        bad.add(with(good, "Context", Map.of("s3:prefix", Map.of("deep", "x"))));
        bad.add(with(good, "Context", Map.of("s3:prefix", "x".repeat(5000))));
        bad.add(with(good, "Extra", 1));
        bad.add(without(good, "Service"));
        bad.add(without(good, "Host"));
        bad.add(with(good, "Service", "s3/x"));
        bad.add(with(good, "Host", "a b"));
        bad.add(with(good, "ResourceAccount", "12345"));
        bad.add(with(with(good, "Resource", "arn:aws:s3:us-east-1:" + ACCOUNT + ":media/x"), "ResourceAccount",
                "999988887777")); // differs from the ARN's account
        bad.add(with(good, "Resource", "arn:aws:s3:us-east-1:acct:media/x"));
        bad.add(with(good, "ResourcePolicy", "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", "
                + "\"Action\": \"s3:GetObject\", \"Resource\": \"*\"}]}")); // no Principal
        Map<String, Object> missingSignature = with(good, "SignedRequest", Map.of("Method", "GET", "Url",
                "http://media.example.com/x", "Headers", Map.of("X-Amz-Date", "20260101T000000Z")));
        for (Object body : bad) {
            KeygateClient.Response r = resourceServer.post("/api/v1/authorize", body);
            assertThat(r.status()).as(String.valueOf(body)).isEqualTo(400);
        }
        KeygateClient.Response r = resourceServer.post("/api/v1/authorize", missingSignature);
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.errorCode()).isEqualTo("MissingAuthenticationToken");
    }

    @Test
    void authorizeWhenClientSignatureIsWrongThenSignatureDoesNotMatch() throws Exception {
        SignedHttpRequest get = signed(alice, "GET", "/media/cat.png", null);
        SignedHttpRequest tampered = new SignedHttpRequest("GET", "/media/dog.png", get.headers(), null);
        assertClientRefused(tampered, "SignatureDoesNotMatch");
        SignedHttpRequest bodyChanged = new SignedHttpRequest("PUT", "/media/new.txt",
                signed(alice, "PUT", "/media/new.txt", "a".getBytes()).headers(), "b".getBytes());
        assertClientRefused(bodyChanged, "SignatureDoesNotMatch");
    }

    @Test
    void authorizeWhenClientKeyIsUnknownThenInvalidClientTokenId() throws Exception {
        AwsCredentials stranger = AwsBasicCredentials.create("AKIAZZZZZZZZZZZZZZZZ", "x".repeat(40));
        assertClientRefused(signed(stranger, "GET", "/media/cat.png", null), "InvalidClientTokenId");
    }

    @Test
    void authorizeWhenClientSessionExpiredThenExpiredToken() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String secret = ids.secretAccessKey();
        SessionClaims claims = SessionClaims.builder()
                .accessKeyId(ids.temporaryAccessKeyId(ACCOUNT))
                .secretAccessKey(secret)
                .principalType(PrincipalType.SESSION_ROOT)
                .principalArn("arn:aws:iam::" + ACCOUNT + ":root")
                .userId(ACCOUNT)
                .accountId(ACCOUNT)
                .partition("aws")
                .source("arn:aws:iam::" + ACCOUNT + ":root", ACCOUNT)
                .issuedAt(now.minusSeconds(3600))
                .expiresAt(now.minusSeconds(5))
                .issuingAction(IssuingAction.GetSessionToken)
                .build();
        AwsCredentials expired = AwsSessionCredentials.create(claims.accessKeyId().value(), secret,
                codec.encode(claims));
        assertClientRefused(signed(expired, "GET", "/media/cat.png", null), "ExpiredToken");
    }

    @Test
    void authorizeWhenResourceServerLacksKeygateAuthorizeThenAccessDenied() throws Exception {
        try (IamClient admin = iam(root())) {
            AwsCredentials other = userWithKey(admin, unique("other-server"));
            KeygateClient.Response r = TestApi.client(other).post("/api/v1/authorize", Map.of(
                    "Action", "s3:GetObject", "Resource", "arn:aws:s3:::media/cat.png", "Service", "s3",
                    "Host", "media.example.com",
                    "SignedRequest", Map.of("Method", "GET", "Url", "/x", "Headers", Map.of("a", "b"))));
            assertThat(r.status()).isEqualTo(403);
            assertThat(r.errorCode()).isEqualTo("AccessDenied");
            assertThat(r.body().get("Message").asText()).contains("keygate:Authorize");
        }
        // Scoped to S3 ARNs: asking about another service's resource is refused too.
        assertThatThrownBy(() -> resourceServer.authorize(MEDIA, "dynamodb:GetItem",
                "arn:aws:dynamodb:us-east-1:" + ACCOUNT + ":table/t", Map.of(), signed(alice, "GET", "/", null)))
                .isInstanceOfSatisfying(KeygateClient.ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo("AccessDenied");
                    assertThat(e.aboutSignedRequest()).isFalse();
                });
    }

    @Test
    void authorizeWhenFederationTokenIssuerLosesPolicyThenDecisionFlipsToDeny() throws Exception {
        try (IamClient admin = iam(root())) {
            String name = unique("broker");
            AwsCredentials broker = userWithKey(admin, name);
            admin.putUserPolicy(b -> b.userName(name).policyName("media").policyDocument(READ_BUCKET));
            admin.putUserPolicy(b -> b.userName(name).policyName("federate").policyDocument("""
                    {"Version": "2012-10-17", "Statement": [
                      {"Effect": "Allow", "Action": "sts:GetFederationToken", "Resource": "*"}]}"""));
            Credentials federated;
            try (StsClient sts = sts(broker)) {
                federated = sts.getFederationToken(b -> b.name("carol").policy("""
                        {"Version": "2012-10-17", "Statement": [
                          {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::media/*"}]}"""))
                        .credentials();
            }
            Authorization before = resourceServer.authorize(MEDIA, "s3:GetObject", "arn:aws:s3:::media/cat.png", Map.of(),
                    signed(session(federated), "GET", "/media/cat.png", null));
            assertThat(before.decision()).isEqualTo("Allow");
            assertThat(before.principal().type()).isEqualTo("FederatedUser");
            assertThat(before.principal().arn()).isEqualTo("arn:aws:sts::" + ACCOUNT + ":federated-user/carol");

            admin.deleteUserPolicy(b -> b.userName(name).policyName("media"));
            Authorization after = resourceServer.authorize(MEDIA, "s3:GetObject", "arn:aws:s3:::media/cat.png", Map.of(),
                    signed(session(federated), "GET", "/media/cat.png", null));
            assertThat(after.decision()).isEqualTo("ImplicitDeny");
            assertThat(after.message()).contains("because no identity-based policy allows");
        }
    }

    @Test
    void authorizeWhenSessionRevokedThenInvalidClientTokenId() throws Exception {
        Credentials creds;
        try (StsClient sts = sts(root())) {
            creds = sts.getSessionToken(b -> b.durationSeconds(900)).credentials();
        }
        SignedHttpRequest get = signed(session(creds), "GET", "/media/cat.png", null);
        assertThat(resourceServer.authorize(MEDIA, "s3:GetObject", "arn:aws:s3:::media/cat.png", Map.of(), get).decision())
                .isEqualTo("Allow");
        assertThat(TestApi.client(root()).post("/api/v1/revocations", Map.of("AccessKeyId", creds.accessKeyId()))
                .status()).isEqualTo(201);
        assertClientRefused(signed(session(creds), "GET", "/media/cat.png", null), "InvalidClientTokenId");
    }

    @Test
    void decodeAuthorizationMessageWhenNotKeygatesThenInvalidAuthorizationMessage() throws Exception {
        Credentials creds;
        try (StsClient sts = sts(root())) {
            creds = sts.getSessionToken(b -> b.durationSeconds(900)).credentials();
            for (String bogus : List.of("not-a-message", creds.sessionToken(), "a.b.c.d.e")) {
                assertThatThrownBy(() -> sts.decodeAuthorizationMessage(b -> b.encodedMessage(bogus)))
                        .isInstanceOfSatisfying(StsException.class, e -> {
                            assertThat(e.statusCode()).isEqualTo(400);
                            assertThat(e.awsErrorDetails().errorCode())
                                    .isEqualTo("InvalidAuthorizationMessageException");
                        });
            }
        }
        Authorization denied = resourceServer.authorize(MEDIA, "s3:DeleteObject", "arn:aws:s3:::media/cat.png", Map.of(),
                signed(alice, "DELETE", "/media/cat.png", null));
        try (StsClient sts = sts(alice)) {
            assertThatThrownBy(() -> sts.decodeAuthorizationMessage(b -> b.encodedMessage(denied.encodedMessage())))
                    .isInstanceOfSatisfying(StsException.class,
                            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
        }
    }

    @Test
    void keygateCallsSeeSourceIpSecureTransportAndUserAgent() {
        try (IamClient admin = iam(root())) {
            String name = unique("local");
            AwsCredentials creds = userWithKey(admin, name);
            admin.putUserPolicy(b -> b.userName(name).policyName("loopback").policyDocument("""
                    {"Version": "2012-10-17", "Statement": [
                      {"Effect": "Allow", "Action": "iam:GetUser", "Resource": "*",
                       "Condition": {"IpAddress": {"aws:SourceIp": ["127.0.0.0/8", "::1/128"]},
                                     "Bool": {"aws:SecureTransport": "false"},
                                     "StringLike": {"aws:UserAgent": "*aws-sdk-java*"}}},
                      {"Effect": "Allow", "Action": "iam:ListUsers", "Resource": "*",
                       "Condition": {"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}}]}"""));
            try (IamClient iam = iam(creds)) {
                assertThat(iam.getUser(b -> b.userName(name)).user().userName()).isEqualTo(name);
                assertThatThrownBy(iam::listUsers).isInstanceOfSatisfying(IamException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    private static void assertClientRefused(SignedHttpRequest request, String code) {
        assertThatThrownBy(() -> resourceServer.authorize(MEDIA, "s3:GetObject", "arn:aws:s3:::media/cat.png", Map.of(),
                request)).isInstanceOfSatisfying(KeygateClient.ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.aboutSignedRequest()).isTrue();
                });
    }

    /** What an S3-style client sends to the resource server at media.example.com, signed for service s3. */
    /** A GET to media.example.com signed with {@code credentials}, as a resource server receives it. */
    public static SignedHttpRequest signedRequest(AwsCredentials credentials, String method, String target) {
        return signed(credentials, method, target, null);
    }

    static SignedHttpRequest signed(AwsCredentials credentials, String method, String target, byte[] body) {
        String token = credentials instanceof AwsSessionCredentials s ? s.sessionToken() : null;
        SigningCredentials signing = new SigningCredentials(credentials.accessKeyId(), credentials.secretAccessKey(),
                token);
        URI uri = URI.create("https://media.example.com" + target);
        SigV4Request unsigned = SigV4Request.of(method, uri.getRawPath(), uri.getRawQuery(),
                List.of(Map.entry("Host", "media.example.com")), body);
        SigV4Request request = new SigV4Signer(Clock.systemUTC()).sign(unsigned, signing, "us-east-1", "s3").request();
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        request.headers().forEach(h -> headers.add(Map.entry(h.name(), h.value())));
        return new SignedHttpRequest(method, target, headers, body);
    }

    private static Map<String, Object> without(Map<String, Object> base, String key) {
        Map<String, Object> out = with(base, "SignedRequest", Map.of("Method", "GET", "Url", "/x",
                "Headers", Map.of("Host", "h")));
        out.remove(key);
        return out;
    }

    private static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
        Map<String, Object> out = new LinkedHashMap<>(base);
        out.put("SignedRequest", Map.of("Method", "GET", "Url", "/x", "Headers", Map.of("Host", "h")));
        out.put(key, value);
        return out;
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static AwsCredentials userWithKey(IamClient admin, String name) {
        admin.createUser(b -> b.userName(name));
        AccessKey key = admin.createAccessKey(b -> b.userName(name)).accessKey();
        return AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey());
    }

    private static String userName(AwsCredentials credentials) {
        try (var sts = io.keygate.support.TestClients.sts(credentials)) {
            String arn = sts.getCallerIdentity().arn();
            return arn.substring(arn.lastIndexOf('/') + 1);
        }
    }
}
