package io.keygate.mfa;

import static io.keygate.support.TestClients.iam;
import static io.keygate.support.TestClients.root;
import static io.keygate.support.TestClients.sts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import io.keygate.credentials.Base32;
import io.keygate.credentials.Totp;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AssignmentStatusType;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.VirtualMFADevice;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.StsException;

/** Virtual MFA devices through the IAM API and MFA codes presented to STS. */
@QuarkusTest
class VirtualMfaTest {

    private record Enrolled(String user, AwsBasicCredentials keys, String serial, byte[] seed) {
    }

    private static String code(byte[] seed, long stepOffset) {
        return Totp.generate(seed, Instant.now().plusSeconds(stepOffset * Totp.STEP_SECONDS));
    }

    private static Enrolled enroll() {
        String user = "mfa-" + UUID.randomUUID().toString().substring(0, 8);
        try (IamClient iam = iam(root())) {
            iam.createUser(b -> b.userName(user));
            var key = iam.createAccessKey(b -> b.userName(user)).accessKey();
            VirtualMFADevice device = iam.createVirtualMFADevice(b -> b.virtualMFADeviceName(user)).virtualMFADevice();
            assertThat(device.serialNumber()).isEqualTo("arn:aws:iam::111122223333:mfa/" + user);
            String seedText = device.base32StringSeed().asString(StandardCharsets.US_ASCII);
            byte[] seed = Base32.decode(seedText);
            iam.enableMFADevice(b -> b.userName(user).serialNumber(device.serialNumber())
                    .authenticationCode1(code(seed, -1)).authenticationCode2(code(seed, 0)));
            return new Enrolled(user, AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey()),
                    device.serialNumber(), seed);
        }
    }

    @Test
    void createReturnsSeedAndARealQrCode() throws Exception {
        String name = "qr-" + UUID.randomUUID().toString().substring(0, 8);
        try (IamClient iam = iam(root())) {
            VirtualMFADevice device = iam.createVirtualMFADevice(b -> b.virtualMFADeviceName(name)).virtualMFADevice();
            assertThat(Base32.decode(device.base32StringSeed().asString(StandardCharsets.US_ASCII))).hasSize(20);
            var image = ImageIO.read(new ByteArrayInputStream(device.qrCodePNG().asByteArray()));
            assertThat(image).isNotNull();
            assertThat(image.getWidth()).isGreaterThan(100);
            assertThat(iam.listVirtualMFADevices(b -> b.assignmentStatus(AssignmentStatusType.UNASSIGNED))
                    .virtualMFADevices()).anyMatch(d -> d.serialNumber().equals(device.serialNumber()));
            assertThatThrownBy(() -> iam.createVirtualMFADevice(b -> b.virtualMFADeviceName(name)))
                    .isInstanceOfSatisfying(IamException.class,
                            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("EntityAlreadyExists"));
            iam.deleteVirtualMFADevice(b -> b.serialNumber(device.serialNumber()));
        }
    }

    @Test
    void enableNeedsTwoConsecutiveCodes() {
        String user = "mfa-bad-" + UUID.randomUUID().toString().substring(0, 8);
        try (IamClient iam = iam(root())) {
            iam.createUser(b -> b.userName(user));
            VirtualMFADevice device = iam.createVirtualMFADevice(b -> b.virtualMFADeviceName(user)).virtualMFADevice();
            byte[] seed = Base32.decode(device.base32StringSeed().asString(StandardCharsets.US_ASCII));
            assertThatThrownBy(() -> iam.enableMFADevice(b -> b.userName(user).serialNumber(device.serialNumber())
                    .authenticationCode1(code(seed, 0)).authenticationCode2(code(seed, 0))))
                    .isInstanceOfSatisfying(IamException.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidAuthenticationCode");
                        assertThat(e.statusCode()).isEqualTo(403);
                    });
        }
    }

    @Test
    void sessionWithMfaCodeIsAcceptedOnceAndReplayIsRefused() {
        Enrolled e = enroll();
        String code = code(e.seed(), 1);
        try (StsClient sts = sts(e.keys())) {
            Credentials creds = sts.getSessionToken(b -> b.serialNumber(e.serial()).tokenCode(code)).credentials();
            assertThat(creds.accessKeyId()).startsWith("ASIA");
            assertThatThrownBy(() -> sts.getSessionToken(b -> b.serialNumber(e.serial()).tokenCode(code)))
                    .isInstanceOfSatisfying(StsException.class, ex -> {
                        assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                        assertThat(ex.awsErrorDetails().errorMessage()).contains("MultiFactorAuthentication failed");
                    });
        }
        try (IamClient iam = iam(root())) {
            assertThat(iam.listMFADevices(b -> b.userName(e.user())).mfaDevices())
                    .singleElement().satisfies(d -> assertThat(d.serialNumber()).isEqualTo(e.serial()));
        }
    }

    @Test
    void wrongCodesAreThrottled() {
        Enrolled e = enroll();
        try (StsClient sts = sts(e.keys())) {
            for (int i = 0; i < TotpCheck.MAX_FAILURES; i++) {
                assertThatThrownBy(() -> sts.getSessionToken(b -> b.serialNumber(e.serial()).tokenCode("000000")))
                        .isInstanceOf(StsException.class);
            }
            String good = code(e.seed(), 1);
            assertThatThrownBy(() -> sts.getSessionToken(b -> b.serialNumber(e.serial()).tokenCode(good)))
                    .isInstanceOfSatisfying(StsException.class,
                            ex -> assertThat(ex.awsErrorDetails().errorMessage()).contains("too many"));
        }
    }

    @Test
    void deviceInUseCannotBeDeletedUntilDeactivated() {
        Enrolled e = enroll();
        try (IamClient iam = iam(root())) {
            assertThatThrownBy(() -> iam.deleteVirtualMFADevice(b -> b.serialNumber(e.serial())))
                    .isInstanceOfSatisfying(IamException.class,
                            ex -> assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("DeleteConflict"));
            iam.deactivateMFADevice(b -> b.userName(e.user()).serialNumber(e.serial()));
            iam.deleteVirtualMFADevice(b -> b.serialNumber(e.serial()));
            assertThatThrownBy(() -> iam.deleteVirtualMFADevice(b -> b.serialNumber(e.serial())))
                    .isInstanceOfSatisfying(IamException.class,
                            ex -> assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("NoSuchEntity"));
        }
    }
}
