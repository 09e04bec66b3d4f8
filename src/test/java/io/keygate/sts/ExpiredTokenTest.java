package io.keygate.sts;

import static io.keygate.support.TestClients.ACCOUNT;
import static io.keygate.support.TestClients.sts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.keygate.credentials.IdGenerator;
import io.keygate.credentials.IssuingAction;
import io.keygate.credentials.PrincipalType;
import io.keygate.credentials.SessionClaims;
import io.keygate.credentials.SessionTokenCodec;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.StsException;

/** Session credentials stop working when they expire, with AWS's ExpiredToken. */
@QuarkusTest
class ExpiredTokenTest {

    @Inject
    SessionTokenCodec codec;

    @Inject
    IdGenerator ids;

    private AwsSessionCredentials rootSession(Instant issued, Instant expires, String partition) {
        String secret = ids.secretAccessKey();
        SessionClaims claims = SessionClaims.builder()
                .accessKeyId(ids.temporaryAccessKeyId(ACCOUNT))
                .secretAccessKey(secret)
                .principalType(PrincipalType.SESSION_ROOT)
                .principalArn("arn:" + partition + ":iam::" + ACCOUNT + ":root")
                .userId(ACCOUNT)
                .accountId(ACCOUNT)
                .partition(partition)
                .source("arn:" + partition + ":iam::" + ACCOUNT + ":root", ACCOUNT)
                .issuedAt(issued)
                .expiresAt(expires)
                .issuingAction(IssuingAction.GetSessionToken)
                .build();
        return AwsSessionCredentials.create(claims.accessKeyId().value(), secret, codec.encode(claims));
    }

    @Test
    void whenSessionExpiredThenExpiredToken() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        try (StsClient sts = sts(rootSession(now.minusSeconds(3600), now.minusSeconds(5), "aws"))) {
            assertThatThrownBy(sts::getCallerIdentity)
                    .isInstanceOfSatisfying(StsException.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ExpiredToken");
                        assertThat(e.awsErrorDetails().errorMessage())
                                .isEqualTo("The security token included in the request is expired");
                        assertThat(e.statusCode()).isEqualTo(403);
                    });
        }
    }

    @Test
    void whenSessionStillValidThenAccepted() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        try (StsClient sts = sts(rootSession(now.minusSeconds(60), now.plusSeconds(60), "aws"))) {
            assertThat(sts.getCallerIdentity().arn()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":root");
        }
    }

    @Test
    void whenSessionFromAnotherPartitionThenInvalidClientTokenId() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        try (StsClient sts = sts(rootSession(now.minusSeconds(60), now.plusSeconds(600), "aws-cn"))) {
            assertThatThrownBy(sts::getCallerIdentity)
                    .isInstanceOfSatisfying(StsException.class,
                            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId"));
        }
    }
}
