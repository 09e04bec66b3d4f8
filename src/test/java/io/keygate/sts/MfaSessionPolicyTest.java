package io.keygate.sts;

import static io.keygate.support.Principals.statement;
import static io.keygate.support.Principals.unique;
import static io.keygate.support.TestClients.iam;
import static io.keygate.support.TestClients.root;
import static io.keygate.support.TestClients.session;
import static io.keygate.support.TestClients.sts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.keygate.credentials.Base32;
import io.keygate.credentials.Totp;
import io.keygate.support.Principals;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * GetSessionToken with MFA: the session carries aws:MultiFactorAuthPresent and aws:MultiFactorAuthAge, so an
 * MFA-required policy is met by that session and by no other credential of the same user.
 */
@QuarkusTest
class MfaSessionPolicyTest {

    @Test
    void mfaRequiredPolicyIsMetOnlyByTheMfaSession() {
        String name = unique("mfa-policy");
        String policy = statement("Allow", "iam:ListUsers", "*",
                "{\"Bool\":{\"aws:MultiFactorAuthPresent\":\"true\"},"
                        + "\"NumericLessThan\":{\"aws:MultiFactorAuthAge\":\"3600\"}}");
        AwsBasicCredentials keys = Principals.user(name, policy);
        byte[] seed;
        String serial;
        try (IamClient iam = iam(root())) {
            var device = iam.createVirtualMFADevice(b -> b.virtualMFADeviceName(name)).virtualMFADevice();
            serial = device.serialNumber();
            seed = Base32.decode(device.base32StringSeed().asString(StandardCharsets.US_ASCII));
            iam.enableMFADevice(b -> b.userName(name).serialNumber(device.serialNumber())
                    .authenticationCode1(Totp.generate(seed, Instant.now().minusSeconds(30)))
                    .authenticationCode2(Totp.generate(seed, Instant.now())));
        }
        try (IamClient iam = iam(keys)) {
            assertThatThrownBy(iam::listUsers).isInstanceOfSatisfying(IamException.class,
                    e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
        }
        Credentials plain;
        Credentials withMfa;
        try (StsClient sts = sts(keys)) {
            plain = sts.getSessionToken().credentials();
            String code = Totp.generate(seed, Instant.now().plusSeconds(30));
            withMfa = sts.getSessionToken(b -> b.serialNumber(serial).tokenCode(code)).credentials();
        }
        try (IamClient iam = iam(session(plain))) {
            assertThatThrownBy(iam::listUsers).isInstanceOfSatisfying(IamException.class,
                    e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
        }
        try (IamClient iam = iam(session(withMfa))) {
            assertThat(iam.listUsers().users()).extracting(u -> u.userName()).contains(name);
        }
    }
}
