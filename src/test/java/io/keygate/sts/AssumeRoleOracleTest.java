package io.keygate.sts;

import static io.keygate.support.Principals.allow;
import static io.keygate.support.Principals.trust;
import static io.keygate.support.Principals.unique;
import static io.keygate.support.Principals.user;
import static io.keygate.support.Principals.userArn;
import static io.keygate.support.TestClients.iam;
import static io.keygate.support.TestClients.root;
import static io.keygate.support.TestClients.sts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.keygate.credentials.Base32;
import io.keygate.credentials.Totp;
import io.keygate.support.TestAccounts;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.StsException;

/**
 * AssumeRole gives a caller of another account nothing that depends on the role before it is authorized: a role it
 * may not assume answers exactly like a role that does not exist, whatever the duration or MFA code asked for, and
 * an MFA code is spent only by a call that succeeds.
 */
@QuarkusTest
class AssumeRoleOracleTest {

    private static final TestAccounts.Account OTHER = TestAccounts.create();

    /** A user of the bootstrap account allowed sts:AssumeRole on anything, with an enabled virtual MFA device. */
    private record Caller(String name, AwsBasicCredentials keys, String serial, byte[] seed) {

        String code(int stepsAhead) {
            return Totp.generate(seed, Instant.now().plusSeconds(30L * stepsAhead));
        }
    }

    private static Caller caller() {
        String name = unique("prober");
        AwsBasicCredentials keys = user(name, allow("sts:AssumeRole", "*"));
        try (IamClient iam = iam(root())) {
            var device = iam.createVirtualMFADevice(b -> b.virtualMFADeviceName(name)).virtualMFADevice();
            byte[] seed = Base32.decode(device.base32StringSeed().asString(StandardCharsets.US_ASCII));
            iam.enableMFADevice(b -> b.userName(name).serialNumber(device.serialNumber())
                    .authenticationCode1(Totp.generate(seed, Instant.now().minusSeconds(30)))
                    .authenticationCode2(Totp.generate(seed, Instant.now())));
            return new Caller(name, keys, device.serialNumber(), seed);
        }
    }

    /** A role of the other account with MaxSessionDuration 3600, trusting {@code principal}. */
    private static String otherAccountRole(String principal) {
        String name = unique("theirs");
        try (IamClient iam = iam(OTHER.root())) {
            return iam.createRole(b -> b.roleName(name).maxSessionDuration(3600)
                    .assumeRolePolicyDocument(trust(principal, "\"sts:AssumeRole\"", null))).role().arn();
        }
    }

    private static String deniedMessage(AwsBasicCredentials keys, AssumeRoleRequest request) {
        try (StsClient sts = sts(keys)) {
            StsException e = (StsException) org.assertj.core.api.Assertions.catchThrowable(() -> sts.assumeRole(request));
            assertThat(e).as("AssumeRole should be refused").isNotNull();
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
            return e.awsErrorDetails().errorMessage().replace(request.roleArn(), "<role>");
        }
    }

    @Test
    void whenRoleOfAnotherAccountDoesNotTrustTheCallerThenItsMaxSessionDurationIsNotRevealed() {
        Caller c = caller();
        String existing = otherAccountRole("arn:aws:iam::" + OTHER.id() + ":root");
        String missing = "arn:aws:iam::" + OTHER.id() + ":role/" + unique("missing");
        AssumeRoleRequest.Builder tooLong = AssumeRoleRequest.builder().roleSessionName("probe").durationSeconds(7200);
        String forExisting = deniedMessage(c.keys(), tooLong.roleArn(existing).build());
        String forMissing = deniedMessage(c.keys(), tooLong.roleArn(missing).build());
        assertThat(forExisting).isEqualTo(forMissing)
                .isEqualTo("User: " + userArn(c.name()) + " is not authorized to perform: sts:AssumeRole on resource: "
                        + "<role> because no resource-based policy allows the sts:AssumeRole action");
    }

    @Test
    void whenRoleOfAnotherAccountDoesNotTrustTheCallerThenNoMfaErrorIsGiven() {
        Caller c = caller();
        String existing = otherAccountRole("arn:aws:iam::" + OTHER.id() + ":root");
        String missing = "arn:aws:iam::" + OTHER.id() + ":role/" + unique("missing");
        AssumeRoleRequest.Builder wrongCode = AssumeRoleRequest.builder().roleSessionName("probe")
                .serialNumber(c.serial()).tokenCode("000000".equals(c.code(0)) ? "111111" : "000000");
        String forExisting = deniedMessage(c.keys(), wrongCode.roleArn(existing).build());
        String forMissing = deniedMessage(c.keys(), wrongCode.roleArn(missing).build());
        assertThat(forExisting).isEqualTo(forMissing).doesNotContain("MultiFactorAuthentication");
    }

    @Test
    void whenAssumeRoleIsRefusedThenTheMfaCodeStaysUnspent() {
        Caller c = caller();
        String untrusting = otherAccountRole("arn:aws:iam::" + OTHER.id() + ":root");
        String trusting = otherAccountRole(userArn(c.name()));
        String code = c.code(1);
        AssumeRoleRequest.Builder withCode = AssumeRoleRequest.builder().roleSessionName("mfa")
                .serialNumber(c.serial()).tokenCode(code);
        deniedMessage(c.keys(), withCode.roleArn(untrusting).build());
        try (StsClient sts = sts(c.keys())) {
            // Refused for its duration, after authorization: still no code spent.
            assertThatThrownBy(() -> sts.assumeRole(withCode.roleArn(trusting).durationSeconds(7200).build()))
                    .isInstanceOfSatisfying(StsException.class,
                            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError"));
            assertThat(sts.assumeRole(withCode.roleArn(trusting).durationSeconds(900).build())
                    .assumedRoleUser().arn()).endsWith(":assumed-role/" + trusting.substring(trusting.indexOf('/') + 1)
                    + "/mfa");
            // Spent by the call that succeeded.
            assertThatThrownBy(() -> sts.assumeRole(withCode.roleArn(trusting).roleSessionName("again").build()))
                    .isInstanceOfSatisfying(StsException.class,
                            e -> assertThat(e.awsErrorDetails().errorMessage()).contains("MultiFactorAuthentication"));
        }
    }
}
