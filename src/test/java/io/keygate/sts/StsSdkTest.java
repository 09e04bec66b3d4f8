package io.keygate.sts;

import static io.keygate.support.TestClients.ACCOUNT;
import static io.keygate.support.TestClients.ROOT_KEY;
import static io.keygate.support.TestClients.root;
import static io.keygate.support.TestClients.session;
import static io.keygate.support.TestClients.sts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.StsException;

/** STS through the real AWS SDK for Java v2 against the running broker. */
@QuarkusTest
class StsSdkTest {

    @Test
    void getCallerIdentityWithRootKeys() {
        try (StsClient sts = sts(root())) {
            GetCallerIdentityResponse id = sts.getCallerIdentity();
            assertThat(id.account()).isEqualTo(ACCOUNT);
            assertThat(id.arn()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":root");
            assertThat(id.userId()).isEqualTo(ACCOUNT);
        }
    }

    @Test
    void getCallerIdentityInAnyRegionOfThePartition() {
        for (Region region : new Region[] {Region.EU_WEST_1, Region.AP_SOUTHEAST_2, Region.AWS_GLOBAL}) {
            try (StsClient sts = sts(root(), region)) {
                assertThat(sts.getCallerIdentity().account()).isEqualTo(ACCOUNT);
            }
        }
    }

    @Test
    void whenRegionOfAnotherPartitionThenRefused() {
        try (StsClient sts = sts(root(), Region.CN_NORTH_1)) {
            assertThatThrownBy(sts::getCallerIdentity)
                    .isInstanceOfSatisfying(StsException.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch");
                        assertThat(e.awsErrorDetails().errorMessage()).contains("valid region");
                        assertThat(e.statusCode()).isEqualTo(403);
                    });
        }
    }

    @Test
    void sessionCredentialsWorkForLaterCalls() {
        Credentials creds;
        try (StsClient sts = sts(root())) {
            creds = sts.getSessionToken(b -> b.durationSeconds(900)).credentials();
        }
        assertThat(creds.accessKeyId()).startsWith("ASIA").hasSize(20);
        assertThat(creds.secretAccessKey()).hasSize(40);
        assertThat(creds.sessionToken().length()).isLessThan(1536);
        assertThat(creds.expiration()).isBetween(Instant.now().plusSeconds(880), Instant.now().plusSeconds(910));
        try (StsClient sts = sts(session(creds))) {
            GetCallerIdentityResponse id = sts.getCallerIdentity();
            assertThat(id.account()).isEqualTo(ACCOUNT);
            assertThat(id.arn()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":root");
        }
    }

    @Test
    void getSessionTokenForRootIsCappedAtOneHour() {
        try (StsClient sts = sts(root())) {
            Credentials byDefault = sts.getSessionToken().credentials();
            assertThat(Duration.between(Instant.now(), byDefault.expiration())).isBetween(
                    Duration.ofSeconds(3500), Duration.ofSeconds(3610));
            Credentials longer = sts.getSessionToken(b -> b.durationSeconds(7200)).credentials();
            assertThat(Duration.between(Instant.now(), longer.expiration())).isBetween(
                    Duration.ofSeconds(3500), Duration.ofSeconds(3610));
            assertThatThrownBy(() -> sts.getSessionToken(b -> b.durationSeconds(129_601)))
                    .isInstanceOfSatisfying(StsException.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
                        assertThat(e.statusCode()).isEqualTo(400);
                    });
        }
    }

    @Test
    void getSessionTokenDurationBounds() {
        try (StsClient sts = sts(root())) {
            assertThatThrownBy(() -> sts.getSessionToken(b -> b.durationSeconds(899)))
                    .isInstanceOfSatisfying(StsException.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
                        assertThat(e.awsErrorDetails().errorMessage()).contains("durationSeconds");
                    });
        }
    }

    @Test
    void whenSessionCredentialsCallGetSessionTokenThenAccessDenied() {
        Credentials creds;
        try (StsClient sts = sts(root())) {
            creds = sts.getSessionToken(b -> b.durationSeconds(900)).credentials();
        }
        try (StsClient sts = sts(session(creds))) {
            assertThatThrownBy(sts::getSessionToken)
                    .isInstanceOfSatisfying(StsException.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                        assertThat(e.awsErrorDetails().errorMessage())
                                .isEqualTo("Cannot call GetSessionToken with session credentials");
                    });
        }
    }

    @Test
    void getAccessKeyInfoNamesTheAccount() {
        try (StsClient sts = sts(root())) {
            assertThat(sts.getAccessKeyInfo(b -> b.accessKeyId(ROOT_KEY)).account()).isEqualTo(ACCOUNT);
            Credentials creds = sts.getSessionToken(b -> b.durationSeconds(900)).credentials();
            assertThat(sts.getAccessKeyInfo(b -> b.accessKeyId(creds.accessKeyId())).account()).isEqualTo(ACCOUNT);
            assertThatThrownBy(() -> sts.getAccessKeyInfo(b -> b.accessKeyId("AKIA-not-valid")))
                    .isInstanceOfSatisfying(StsException.class,
                            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError"));
        }
    }

    @Test
    void whenSecretIsWrongThenSignatureDoesNotMatch() {
        AwsBasicCredentials wrong = AwsBasicCredentials.create(ROOT_KEY, "x".repeat(40));
        try (StsClient sts = sts(wrong)) {
            assertThatThrownBy(sts::getCallerIdentity)
                    .isInstanceOfSatisfying(StsException.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch");
                        assertThat(e.statusCode()).isEqualTo(403);
                    });
        }
    }

    @Test
    void whenKeyUnknownThenInvalidClientTokenId() {
        AwsBasicCredentials unknown = AwsBasicCredentials.create("AKIAZZZZZZZZZZZZZZZZ", "x".repeat(40));
        try (StsClient sts = sts(unknown)) {
            assertThatThrownBy(sts::getCallerIdentity)
                    .isInstanceOfSatisfying(StsException.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId");
                        assertThat(e.awsErrorDetails().errorMessage())
                                .isEqualTo("The security token included in the request is invalid.");
                        assertThat(e.statusCode()).isEqualTo(403);
                    });
        }
    }

    @Test
    void whenTokenHasOneByteChangedThenInvalidClientTokenId() {
        Credentials creds;
        try (StsClient sts = sts(root())) {
            creds = sts.getSessionToken(b -> b.durationSeconds(900)).credentials();
        }
        String token = creds.sessionToken();
        int middle = token.length() / 2;
        char flipped = token.charAt(middle) == 'A' ? 'B' : 'A';
        String tampered = token.substring(0, middle) + flipped + token.substring(middle + 1);
        try (StsClient sts = sts(AwsSessionCredentials.create(creds.accessKeyId(), creds.secretAccessKey(), tampered))) {
            assertThatThrownBy(sts::getCallerIdentity)
                    .isInstanceOfSatisfying(StsException.class,
                            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId"));
        }
    }

    @Test
    void whenTokenBelongsToAnotherKeyThenInvalidClientTokenId() {
        Credentials a;
        Credentials b;
        try (StsClient sts = sts(root())) {
            a = sts.getSessionToken(r -> r.durationSeconds(900)).credentials();
            b = sts.getSessionToken(r -> r.durationSeconds(900)).credentials();
        }
        try (StsClient sts = sts(AwsSessionCredentials.create(a.accessKeyId(), a.secretAccessKey(), b.sessionToken()))) {
            assertThatThrownBy(sts::getCallerIdentity)
                    .isInstanceOfSatisfying(StsException.class,
                            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId"));
        }
    }
}
