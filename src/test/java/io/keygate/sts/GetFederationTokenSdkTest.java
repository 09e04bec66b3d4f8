package io.keygate.sts;

import static io.keygate.support.Principals.ACCOUNT;
import static io.keygate.support.Principals.allow;
import static io.keygate.support.Principals.unique;
import static io.keygate.support.Principals.user;
import static io.keygate.support.TestClients.root;
import static io.keygate.support.TestClients.session;
import static io.keygate.support.TestClients.sts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.keygate.auth.Caller;
import io.keygate.auth.CallerDecisions;
import io.keygate.credentials.SessionClaims;
import io.keygate.credentials.SessionTokenCodec;
import io.keygate.iam.Partition;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetFederationTokenResponse;
import software.amazon.awssdk.services.sts.model.StsException;
import software.amazon.awssdk.services.sts.model.Tag;

/** GetFederationToken through the AWS SDK: shapes, limits and who may call it. */
@QuarkusTest
class GetFederationTokenSdkTest {

    @Inject
    CallerDecisions decisions;

    @Inject
    SessionTokenCodec codec;

    @Inject
    Partition partition;

    @Test
    void rootFederatedUserHasTheRootsPermissionsIntersectedWithTheSessionPolicy() {
        try (StsClient sts = sts(root())) {
            GetFederationTokenResponse r = sts.getFederationToken(b -> b.name("rootbroker")
                    .policy(allow("s3:GetObject", "arn:aws:s3:::media/*")));
            SessionClaims claims = codec.decode(r.credentials().sessionToken());
            Caller federated = new Caller(Caller.PrincipalType.FederatedUser, partition, ACCOUNT,
                    r.federatedUser().arn(), r.federatedUser().federatedUserId(), null,
                    r.credentials().accessKeyId(), null, claims, "us-east-1");
            assertThat(decisions.decide(federated, "s3:GetObject", "arn:aws:s3:::media/cat.png", Map.of(), null)
                    .allowed()).as("root's permissions ∩ session policy allows what the session policy allows")
                    .isTrue();
            assertThat(decisions.decide(federated, "s3:PutObject", "arn:aws:s3:::media/cat.png", Map.of(), null)
                    .allowed()).as("nothing beyond the session policy").isFalse();
            assertThat(decisions.decide(federated, "s3:GetObject", "arn:aws:s3:::other/x", Map.of(), null)
                    .allowed()).isFalse();
        }
    }

    private static void assertCode(Runnable call, String code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StsException.class,
                e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code));
    }

    @Test
    void answersWithTheFederatedUserAndPackedSize() {
        AwsBasicCredentials broker = user(unique("broker"), allow("sts:GetFederationToken", "*"));
        try (StsClient sts = sts(broker)) {
            GetFederationTokenResponse r = sts.getFederationToken(b -> b.name("bob@example.com")
                    .policy(allow("s3:GetObject", "arn:aws:s3:::bucket/*")).durationSeconds(900));
            assertThat(r.federatedUser().arn()).isEqualTo("arn:aws:sts::" + ACCOUNT + ":federated-user/bob@example.com");
            assertThat(r.federatedUser().federatedUserId()).isEqualTo(ACCOUNT + ":bob@example.com");
            // pinned for this fixed policy: its minified, deflated form is 11% of the 1,024-byte budget (rounded up)
            assertThat(r.packedPolicySize()).isEqualTo(11);
            assertThat(r.credentials().accessKeyId()).startsWith("ASIA");
            assertThat(Duration.between(Instant.now(), r.credentials().expiration()))
                    .isBetween(Duration.ofSeconds(880), Duration.ofSeconds(905));
            try (StsClient fed = sts(session(r.credentials()))) {
                assertThat(fed.getCallerIdentity().userId()).isEqualTo(ACCOUNT + ":bob@example.com");
                assertCode(fed::getSessionToken, "AccessDenied");
                assertCode(() -> fed.getFederationToken(b -> b.name("again")), "AccessDenied");
                assertCode(() -> fed.getAccessKeyInfo(b -> b.accessKeyId("AKIAIOSFODNN7EXAMPLE")), "AccessDenied");
            }
        }
    }

    @Test
    void rootSessionsAreCutToOneHour() {
        try (StsClient sts = sts(root())) {
            GetFederationTokenResponse r = sts.getFederationToken(b -> b.name("rootfed").durationSeconds(20_000));
            assertThat(Duration.between(Instant.now(), r.credentials().expiration()))
                    .isBetween(Duration.ofSeconds(3500), Duration.ofSeconds(3605));
        }
    }

    @Test
    void needsPermissionAndValidInput() {
        AwsBasicCredentials nobody = user(unique("nobody"), allow("iam:ListUsers", "*"));
        try (StsClient sts = sts(nobody)) {
            assertCode(() -> sts.getFederationToken(b -> b.name("fed")), "AccessDenied");
        }
        AwsBasicCredentials broker = user(unique("broker"), allow("sts:GetFederationToken", "*"));
        try (StsClient sts = sts(broker)) {
            assertCode(() -> sts.getFederationToken(b -> b.name("x")), "ValidationError");
            assertCode(() -> sts.getFederationToken(b -> b.name("has space")), "ValidationError");
            assertCode(() -> sts.getFederationToken(b -> b.name("fed").durationSeconds(129_601)), "ValidationError");
            assertCode(() -> sts.getFederationToken(b -> b.name("fed").policy("{not json")), "MalformedPolicyDocument");
            assertCode(() -> sts.getFederationToken(b -> b.name("fed").policyArns(p -> p.arn(
                    "arn:aws:iam::" + ACCOUNT + ":policy/does-not-exist"))), "MalformedPolicyDocument");
            assertCode(() -> sts.getFederationToken(b -> b.name("fed")
                    .tags(Tag.builder().key("team").value("blue").build())), "AccessDenied");
            assertCode(() -> sts.getFederationToken(b -> b.name("fed")
                    .tags(Tag.builder().key("aws:team").value("blue").build())), "ValidationError");
            // one policy ARN, no document: 4% of the budget
            assertThat(sts.getFederationToken(b -> b.name("fed").policyArns(p -> p.arn(
                    "arn:aws:iam::aws:policy/ReadOnlyAccess"))).packedPolicySize()).isEqualTo(4);
        }
    }
}
