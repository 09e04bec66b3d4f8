package io.keygate.decision;

import static io.keygate.decision.DecisionApiTest.MEDIA;
import static io.keygate.decision.DecisionApiTest.signed;
import static io.keygate.decision.DecisionApiTest.unique;
import static io.keygate.decision.DecisionApiTest.userWithKey;
import static io.keygate.support.TestClients.ACCOUNT;
import static io.keygate.support.TestClients.iam;
import static io.keygate.support.TestClients.root;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.keygate.client.KeygateClient;
import io.keygate.client.KeygateClient.Authorization;
import io.keygate.client.KeygateClient.Resource;
import io.keygate.client.KeygateClient.ServiceEndpoint;
import io.keygate.client.KeygateClient.SignedHttpRequest;
import io.keygate.protocol.sigv4.SigV4Request;
import io.keygate.protocol.sigv4.SigV4Signer;
import io.keygate.protocol.sigv4.SigningCredentials;
import io.keygate.support.TestApi;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * Tenant isolation in the decision API (issue 8 item 2): the resource's account comes from its ARN (or
 * {@code ResourceAccount}, else the resource server's own); a client of another account is allowed only where a
 * resource policy sent with the request and its own identity policies both allow; the root of another account never
 * is; and a forwarded request is bound to the service and host the resource server serves.
 */
@QuarkusTest
class DecisionIsolationTest {

    private static final String OBJECT = "arn:aws:s3:::media/cat.png";
    private static final String TABLE = "arn:aws:dynamodb:us-east-1:" + ACCOUNT + ":table/orders";
    private static final String READ_ANYTHING = """
            {"Version": "2012-10-17", "Statement": [
              {"Effect": "Allow", "Action": ["s3:GetObject", "dynamodb:GetItem"], "Resource": "*"}]}""";

    /** A resource server of account A (the bootstrap account), allowed to ask about any of its resources. */
    private static KeygateClient serverA;
    private static String accountB;
    private static AwsCredentials rootB;
    /** A user of account B whose own policies allow reading anything. */
    private static AwsCredentials readerB;
    /** A user of account B without policies. */
    private static AwsCredentials idleB;

    @BeforeAll
    static void setUp() throws Exception {
        try (IamClient admin = iam(root())) {
            String name = unique("server-a");
            AwsCredentials server = userWithKey(admin, name);
            admin.putUserPolicy(b -> b.userName(name).policyName("authorize").policyDocument("""
                    {"Version": "2012-10-17", "Statement": [
                      {"Effect": "Allow", "Action": "keygate:Authorize", "Resource": "*",
                       "Condition": {"StringEquals": {"keygate:Service": ["s3", "dynamodb"]}}}]}"""));
            serverA = TestApi.client(server);
        }
        KeygateClient.Response created = TestApi.client(root()).post("/api/v1/accounts", Map.of());
        assertThat(created.status()).as(String.valueOf(created.body())).isEqualTo(201);
        accountB = created.body().get("AccountId").asText();
        rootB = AwsBasicCredentials.create(created.body().get("AccessKeyId").asText(),
                created.body().get("SecretAccessKey").asText());
        try (IamClient adminB = iam(rootB)) {
            String reader = unique("reader-b");
            readerB = userWithKey(adminB, reader);
            adminB.putUserPolicy(b -> b.userName(reader).policyName("read").policyDocument(READ_ANYTHING));
            idleB = userWithKey(adminB, unique("idle-b"));
        }
    }

    @Test
    void authorizeWhenRootOfAnotherAccountSignsThenNeverAllow() throws Exception {
        assertThat(decide(rootB, OBJECT, null)).isEqualTo("ImplicitDeny");
        assertThat(decide(rootB, TABLE, null)).isEqualTo("ImplicitDeny");
        assertThat(serverA.authorize(MEDIA, "s3:GetObject", new Resource("arn:aws:s3:::media/cat.png", ACCOUNT,
                null), Map.of(), signed(rootB, "GET", "/media/cat.png", null)).decision()).isEqualTo("ImplicitDeny");
        // Not even where a resource policy trusts account B: the root user owns only its own account's resources.
        assertThat(decide(rootB, OBJECT, trusting("arn:aws:iam::" + accountB + ":root"))).isEqualTo("ImplicitDeny");
        assertThat(decide(rootB, OBJECT, trusting("*"))).isEqualTo("ImplicitDeny");
        // The control: the root of the resource's own account owns it.
        assertThat(decide(root(), OBJECT, null)).isEqualTo("Allow");
        assertThat(decide(root(), TABLE, null)).isEqualTo("Allow");
    }

    @Test
    void authorizeWhenClientOfAnotherAccountThenAllowOnlyWhereResourcePolicyAndIdentityPolicyAllow() throws Exception {
        // Identity policy alone: the resource is account A's, so B's own policies do not reach it.
        assertThat(decide(readerB, OBJECT, null)).isEqualTo("ImplicitDeny");
        assertThat(decide(readerB, TABLE, null)).isEqualTo("ImplicitDeny");
        // A resource policy of A trusting account B, and B's identity policy: allowed, as AWS allows.
        Authorization allowed = serverA.authorize(MEDIA, "s3:GetObject",
                new Resource(OBJECT, null, trusting("arn:aws:iam::" + accountB + ":root")), Map.of(),
                signed(readerB, "GET", "/media/cat.png", null));
        assertThat(allowed.decision()).isEqualTo("Allow");
        assertThat(allowed.principal().account()).isEqualTo(accountB);
        assertThat(allowed.matchedStatements()).extracting(KeygateClient.DecidingStatement::policyId)
                .contains("ResourcePolicy");
        // The resource policy trusts another account, or B's user has no identity policy: denied.
        assertThat(decide(readerB, OBJECT, trusting("arn:aws:iam::999988887777:root"))).isEqualTo("ImplicitDeny");
        assertThat(decide(idleB, OBJECT, trusting("arn:aws:iam::" + accountB + ":root"))).isEqualTo("ImplicitDeny");
        // An explicit deny in the resource policy wins.
        String denying = """
                {"Version": "2012-10-17", "Statement": [
                  {"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "s3:GetObject", "Resource": "*"},
                  {"Effect": "Deny", "Principal": {"AWS": "arn:aws:iam::%s:root"}, "Action": "s3:*",
                   "Resource": "*"}]}""".formatted(accountB);
        assertThat(decide(readerB, OBJECT, denying)).isEqualTo("ExplicitDeny");
    }

    @Test
    void authorizeWhenResourceBelongsToAnotherAccountThanTheServersThenAccessDenied() {
        String tableOfB = "arn:aws:dynamodb:us-east-1:" + accountB + ":table/orders";
        for (Resource other : List.of(Resource.of(tableOfB), new Resource(OBJECT, accountB, null),
                new Resource(OBJECT, accountB, trusting("*")))) {
            assertThatThrownBy(() -> serverA.authorize(MEDIA, "s3:GetObject", other, Map.of(),
                    signed(readerB, "GET", "/media/cat.png", null)))
                    .as(other.toString())
                    .isInstanceOfSatisfying(KeygateClient.ApiException.class, e -> {
                        assertThat(e.status()).isEqualTo(403);
                        assertThat(e.code()).isEqualTo("AccessDenied");
                        assertThat(e.aboutSignedRequest()).isFalse();
                    });
        }
    }

    @Test
    void authorizeWhenRequestWasSignedForAnotherServiceOrHostThenRefused() throws Exception {
        try (IamClient admin = iam(root())) {
            String name = unique("reader-a");
            AwsCredentials reader = userWithKey(admin, name);
            admin.putUserPolicy(b -> b.userName(name).policyName("read").policyDocument(READ_ANYTHING));
            SignedHttpRequest forMedia = signedFor(reader, "s3", "media.example.com");
            assertThat(serverA.authorize(MEDIA, "s3:GetObject", OBJECT, Map.of(), forMedia).decision())
                    .isEqualTo("Allow");
            // Signed for service sqs (at the same host) or for another host: replayed here, refused.
            for (SignedHttpRequest replayed : List.of(signedFor(reader, "sqs", "media.example.com"),
                    signedFor(reader, "s3", "queue.example.com"), signedFor(reader, "s3", "media.example.com:8443"))) {
                assertThatThrownBy(() -> serverA.authorize(MEDIA, "s3:GetObject", OBJECT, Map.of(), replayed))
                        .isInstanceOfSatisfying(KeygateClient.ApiException.class, e -> {
                            assertThat(e.status()).isEqualTo(403);
                            assertThat(e.code()).isEqualTo("SignatureDoesNotMatch");
                            assertThat(e.aboutSignedRequest()).isTrue();
                        });
            }
            // The server's own policy limits the services it may speak for (keygate:Service).
            assertThatThrownBy(() -> serverA.authorize(new ServiceEndpoint("sqs", "media.example.com"),
                    "s3:GetObject", OBJECT, Map.of(), signedFor(reader, "sqs", "media.example.com")))
                    .isInstanceOfSatisfying(KeygateClient.ApiException.class, e -> {
                        assertThat(e.code()).isEqualTo("AccessDenied");
                        assertThat(e.aboutSignedRequest()).isFalse();
                    });
        }
    }

    // ------------------------------------------------------------------ helpers

    private static String decide(AwsCredentials client, String resource, String resourcePolicy) throws Exception {
        return serverA.authorize(MEDIA, resource.startsWith("arn:aws:dynamodb") ? "dynamodb:GetItem" : "s3:GetObject",
                new Resource(resource, null, resourcePolicy), Map.of(),
                signed(client, "GET", "/media/cat.png", null)).decision();
    }

    /** A resource policy allowing s3:GetObject and dynamodb:GetItem to {@code principal}. */
    private static String trusting(String principal) {
        return """
                {"Version": "2012-10-17", "Statement": [
                  {"Effect": "Allow", "Principal": {"AWS": "%s"}, "Action": ["s3:GetObject", "dynamodb:GetItem"],
                   "Resource": "*"}]}""".formatted(principal);
    }

    /** A GET signed by {@code credentials} for {@code service} at {@code host}. */
    private static SignedHttpRequest signedFor(AwsCredentials credentials, String service, String host) {
        URI uri = URI.create("https://" + host + "/media/cat.png");
        SigV4Request request = new SigV4Signer(Clock.systemUTC()).sign(SigV4Request.of("GET", uri.getRawPath(),
                        null, List.of(Map.entry("Host", host)), null),
                SigningCredentials.of(credentials.accessKeyId(), credentials.secretAccessKey()), "us-east-1",
                service).request();
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        request.headers().forEach(h -> headers.add(Map.entry(h.name(), h.value())));
        return new SignedHttpRequest("GET", "/media/cat.png", headers, null);
    }
}
