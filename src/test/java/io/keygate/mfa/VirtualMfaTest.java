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
import io.keygate.support.TestApi;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AssignmentStatusType;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.SummaryKeyType;
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
        return enroll(root(), "111122223333");
    }

    private static Enrolled enroll(AwsCredentials root, String account) {
        String user = "mfa-" + UUID.randomUUID().toString().substring(0, 8);
        try (IamClient iam = iam(root)) {
            iam.createUser(b -> b.userName(user));
            var key = iam.createAccessKey(b -> b.userName(user)).accessKey();
            VirtualMFADevice device = iam.createVirtualMFADevice(b -> b.virtualMFADeviceName(user)).virtualMFADevice();
            assertThat(device.serialNumber()).isEqualTo("arn:aws:iam::" + account + ":mfa/" + user);
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
            assertThat(image.getWidth()).isGreaterThan(100);
            // the QR code an authenticator app scans holds the same seed
            int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
            String scanned = new com.google.zxing.MultiFormatReader().decode(new com.google.zxing.BinaryBitmap(
                    new com.google.zxing.common.HybridBinarizer(new com.google.zxing.RGBLuminanceSource(
                            image.getWidth(), image.getHeight(), pixels)))).getText();
            assertThat(scanned).startsWith("otpauth://totp/").contains(name)
                    .endsWith("?secret=" + device.base32StringSeed().asString(StandardCharsets.US_ASCII));
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
    void assumeRoleWithMfaCodeThenTrustPolicySeesMultiFactorAuthAge() {
        Enrolled e = enroll();
        String role = "mfa-age-" + UUID.randomUUID().toString().substring(0, 8);
        String trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
                + "\"arn:aws:iam::111122223333:user/" + e.user() + "\"},\"Action\":\"sts:AssumeRole\",\"Condition\":"
                + "{\"NumericLessThan\":{\"aws:MultiFactorAuthAge\":\"300\"}}}]}";
        try (IamClient iam = iam(root())) {
            iam.createRole(b -> b.roleName(role).assumeRolePolicyDocument(trust));
            iam.putUserPolicy(b -> b.userName(e.user()).policyName("assume").policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
                            + "\"sts:AssumeRole\",\"Resource\":\"*\"}]}"));
        }
        String roleArn = "arn:aws:iam::111122223333:role/" + role;
        try (StsClient sts = sts(e.keys())) {
            assertThatThrownBy(() -> sts.assumeRole(b -> b.roleArn(roleArn).roleSessionName("no-mfa")))
                    .isInstanceOfSatisfying(StsException.class,
                            ex -> assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
            Credentials creds = sts.assumeRole(b -> b.roleArn(roleArn).roleSessionName("with-mfa")
                    .serialNumber(e.serial()).tokenCode(code(e.seed(), 1))).credentials();
            assertThat(creds.accessKeyId()).startsWith("ASIA");
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

    @Test
    void deleteUserWhenMfaDeviceEnabledThenDeleteConflict() {
        Enrolled e = enroll();
        try (IamClient iam = iam(root())) {
            iam.deleteAccessKey(b -> b.userName(e.user()).accessKeyId(e.keys().accessKeyId()));
            assertThatThrownBy(() -> iam.deleteUser(b -> b.userName(e.user())))
                    .isInstanceOfSatisfying(IamException.class, ex -> {
                        assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("DeleteConflict");
                        assertThat(ex.statusCode()).isEqualTo(409);
                        assertThat(ex.awsErrorDetails().errorMessage())
                                .isEqualTo("Cannot delete entity, must delete MFA device first.");
                    });
            iam.deactivateMFADevice(b -> b.userName(e.user()).serialNumber(e.serial()));
            iam.deleteUser(b -> b.userName(e.user()));
            iam.deleteVirtualMFADevice(b -> b.serialNumber(e.serial()));
        }
    }

    @Test
    void accountSummaryAndCredentialReportWhenUserHasMfaThenCountAndMfaActive() throws Exception {
        // A fresh account: its counts and its credential report belong to this test alone.
        var created = TestApi.client(root()).post("/api/v1/accounts", java.util.Map.of());
        assertThat(created.status()).isEqualTo(201);
        String account = created.body().get("AccountId").asText();
        AwsCredentials root = AwsBasicCredentials.create(created.body().get("AccessKeyId").asText(),
                created.body().get("SecretAccessKey").asText());
        Enrolled e = enroll(root, account);
        try (IamClient iam = iam(root)) {
            iam.createUser(b -> b.userName("without-mfa"));
            iam.createVirtualMFADevice(b -> b.virtualMFADeviceName("spare"));

            var summary = iam.getAccountSummary().summaryMap();
            assertThat(summary.get(SummaryKeyType.MFA_DEVICES)).isEqualTo(2);
            assertThat(summary.get(SummaryKeyType.MFA_DEVICES_IN_USE)).isEqualTo(1);
            assertThat(summary.get(SummaryKeyType.ACCOUNT_MFA_ENABLED)).isZero();

            iam.generateCredentialReport();
            String csv = iam.getCredentialReport().content().asString(StandardCharsets.UTF_8);
            java.util.List<String> header = java.util.List.of(csv.lines().findFirst().orElseThrow().split(","));
            int mfaColumn = header.indexOf("mfa_active");
            java.util.Map<String, String> mfaByUser = new java.util.HashMap<>();
            csv.lines().skip(1).map(l -> l.split(",")).forEach(r -> mfaByUser.put(r[0], r[mfaColumn]));
            assertThat(mfaByUser).containsEntry(e.user(), "true").containsEntry("without-mfa", "false")
                    .containsEntry("<root_account>", "false");
        }
    }

    @Test
    void resyncLearnsTheDriftOfTheDeviceClock() {
        Enrolled e = enroll();
        try (IamClient iam = iam(root())) {
            assertThatThrownBy(() -> iam.resyncMFADevice(b -> b.userName(e.user()).serialNumber(e.serial())
                    .authenticationCode1("123456").authenticationCode2("654321")))
                    .isInstanceOfSatisfying(IamException.class,
                            ex -> assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("InvalidAuthenticationCode"));
            // The device runs five steps (2.5 minutes) ahead.
            iam.resyncMFADevice(b -> b.userName(e.user()).serialNumber(e.serial())
                    .authenticationCode1(code(e.seed(), 5)).authenticationCode2(code(e.seed(), 6)));
        }
        try (StsClient sts = sts(e.keys())) {
            String drifted = code(e.seed(), 7);
            assertThat(sts.getSessionToken(b -> b.serialNumber(e.serial()).tokenCode(drifted)).credentials()
                    .accessKeyId()).startsWith("ASIA");
        }
    }
}
