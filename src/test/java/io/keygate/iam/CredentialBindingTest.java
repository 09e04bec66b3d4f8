package io.keygate.iam;

import static io.keygate.iam.IamTestSupport.assertAwsError;
import static io.keygate.iam.IamTestSupport.unique;
import static io.keygate.support.TestClients.ACCOUNT;
import static io.keygate.support.TestClients.iam;
import static io.keygate.support.TestClients.root;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.keygate.credentials.AccessKeyId;
import io.keygate.credentials.Base32;
import io.keygate.credentials.IdGenerator;
import io.keygate.credentials.SecretSealer;
import io.keygate.credentials.Totp;
import io.keygate.mfa.MfaDeviceRepository;
import io.keygate.mfa.VirtualMfaDevice;
import io.keygate.support.TestClients;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.VirtualMFADevice;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.StsException;

/**
 * Access keys and MFA devices belong to the user's unique id, not its name (issue 8 item 3): a rename, including a
 * case-only rename, keeps them listed, counted, working and blocking DeleteUser; a user created under the name of a
 * deleted one never inherits what the deleted one left behind (left by a race, or stored before ids were recorded).
 */
@QuarkusTest
class CredentialBindingTest {

    @Inject
    AccessKeyRepository keys;

    @Inject
    MfaDeviceRepository devices;

    @Inject
    SecretSealer sealer;

    @Inject
    IdGenerator ids;

    @Test
    void renameWhenOnlyTheCaseChangesThenKeysAndMfaStayTheUsers() {
        try (IamClient iam = iam(root())) {
            String name = unique("carol");
            String upper = name.toUpperCase(Locale.ROOT);
            iam.createUser(b -> b.userName(name));
            var k1 = iam.createAccessKey(b -> b.userName(name)).accessKey();
            iam.createAccessKey(b -> b.userName(name));
            String serial = enableMfa(iam, name);

            iam.updateUser(b -> b.userName(name).newUserName(upper));

            assertThat(iam.listAccessKeys(b -> b.userName(upper)).accessKeyMetadata())
                    .extracting(AccessKeyMetadata::userName).containsExactly(upper, upper);
            assertAwsError(() -> iam.createAccessKey(b -> b.userName(upper)), 409, "LimitExceeded",
                    "Cannot exceed quota for AccessKeysPerUser: 2");
            assertThat(iam.listMFADevices(b -> b.userName(upper)).mfaDevices()).singleElement()
                    .satisfies(d -> assertThat(d.serialNumber()).isEqualTo(serial));
            try (StsClient sts = TestClients.sts(AwsBasicCredentials.create(k1.accessKeyId(), k1.secretAccessKey()))) {
                assertThat(sts.getCallerIdentity().arn()).endsWith(":user/" + upper);
            }
            assertThat(iam.getAccessKeyLastUsed(b -> b.accessKeyId(k1.accessKeyId())).userName()).isEqualTo(upper);
            assertAwsError(() -> iam.deleteUser(b -> b.userName(upper)), 409, "DeleteConflict",
                    "must delete access keys first");
            iam.listAccessKeys(b -> b.userName(upper)).accessKeyMetadata()
                    .forEach(m -> iam.deleteAccessKey(b -> b.userName(upper).accessKeyId(m.accessKeyId())));
            assertAwsError(() -> iam.deleteUser(b -> b.userName(upper)), 409, "DeleteConflict",
                    "must delete MFA device first");
            iam.deactivateMFADevice(b -> b.userName(upper).serialNumber(serial));
            iam.deleteUser(b -> b.userName(upper));
        }
    }

    @Test
    void renameThenKeysAndMfaFollowAndTheOldNameHasNone() {
        try (IamClient iam = iam(root())) {
            String name = unique("dave");
            String renamed = unique("david");
            iam.createUser(b -> b.userName(name));
            var key = iam.createAccessKey(b -> b.userName(name)).accessKey();
            String serial = enableMfa(iam, name);
            iam.updateUser(b -> b.userName(name).newUserName(renamed));
            iam.createUser(b -> b.userName(name)); // a new user under the old name

            assertThat(iam.listAccessKeys(b -> b.userName(renamed)).accessKeyMetadata())
                    .extracting(AccessKeyMetadata::accessKeyId).containsExactly(key.accessKeyId());
            assertThat(iam.listAccessKeys(b -> b.userName(name)).accessKeyMetadata()).isEmpty();
            assertThat(iam.listMFADevices(b -> b.userName(renamed)).mfaDevices()).hasSize(1);
            assertThat(iam.listMFADevices(b -> b.userName(name)).mfaDevices()).isEmpty();
            assertThat(iam.listVirtualMFADevices().virtualMFADevices()).filteredOn(d -> d.serialNumber().equals(serial))
                    .singleElement().satisfies(d -> assertThat(d.user().userName()).isEqualTo(renamed));
            try (StsClient sts = TestClients.sts(AwsBasicCredentials.create(key.accessKeyId(),
                    key.secretAccessKey()))) {
                assertThat(sts.getCallerIdentity().arn()).endsWith(":user/" + renamed);
            }
            iam.deleteUser(b -> b.userName(name)); // nothing of the renamed user's blocks it
        }
    }

    @Test
    void userRecreatedUnderTheNameOfADeletedOneThenInheritsNoKeysOrDevices() {
        try (IamClient iam = iam(root())) {
            String name = unique("erin");
            iam.createUser(b -> b.userName(name));
            String oldId = iam.getUser(b -> b.userName(name)).user().userId();
            iam.deleteUser(b -> b.userName(name));
            // What the deleted user left behind (a key created concurrently with DeleteUser, a device enabled
            // meanwhile), and a key stored before keys named their user's id, older than the new user.
            Instant past = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
            String secret = ids.secretAccessKey();
            AccessKey orphan = storeKey(name, oldId, secret, past);
            AccessKey legacy = storeKey(name, null, secret, past);
            String serial = "arn:aws:iam::" + ACCOUNT + ":mfa/" + name;
            devices.create(new VirtualMfaDevice(ACCOUNT, serial, name, "/", sealer.seal(serial, "A".repeat(32)),
                    name, oldId, false, past, 0, past, Map.of()));

            iam.createUser(b -> b.userName(name));

            assertThat(iam.listAccessKeys(b -> b.userName(name)).accessKeyMetadata()).isEmpty();
            assertThat(iam.listMFADevices(b -> b.userName(name)).mfaDevices()).isEmpty();
            for (AccessKey left : new AccessKey[] {orphan, legacy}) {
                try (StsClient sts = TestClients.sts(AwsBasicCredentials.create(left.accessKeyId(), secret))) {
                    assertThatThrownBy(sts::getCallerIdentity).isInstanceOfSatisfying(StsException.class,
                            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId"));
                }
            }
            iam.createAccessKey(b -> b.userName(name));
            iam.createAccessKey(b -> b.userName(name)); // the left-behind keys do not count against the quota
            iam.listAccessKeys(b -> b.userName(name)).accessKeyMetadata()
                    .forEach(m -> iam.deleteAccessKey(b -> b.userName(name).accessKeyId(m.accessKeyId())));
            iam.deleteUser(b -> b.userName(name)); // nor do they block DeleteUser
            devices.delete(serial);
            keys.delete(orphan.accessKeyId());
            keys.delete(legacy.accessKeyId());
        }
    }

    @Test
    void keyStoredBeforeIdsWereRecordedThenStillItsUsers() {
        try (IamClient iam = iam(root())) {
            String name = unique("frank");
            iam.createUser(b -> b.userName(name));
            String secret = ids.secretAccessKey();
            AccessKey legacy = storeKey(name.toUpperCase(Locale.ROOT), null, secret, Instant.now().plusSeconds(1));
            assertThat(iam.listAccessKeys(b -> b.userName(name)).accessKeyMetadata())
                    .extracting(AccessKeyMetadata::accessKeyId).containsExactly(legacy.accessKeyId());
            try (StsClient sts = TestClients.sts(AwsBasicCredentials.create(legacy.accessKeyId(), secret))) {
                assertThat(sts.getCallerIdentity().arn()).endsWith(":user/" + name);
            }
            iam.deleteAccessKey(b -> b.userName(name).accessKeyId(legacy.accessKeyId()));
            iam.deleteUser(b -> b.userName(name));
        }
    }

    private AccessKey storeKey(String userName, String userId, String secret, Instant created) {
        AccessKeyId id = ids.longTermAccessKeyId(ACCOUNT);
        AccessKey key = new AccessKey(id.value(), ACCOUNT, userName, userId, sealer.seal(id, secret),
                AccessKey.Status.Active, created, null);
        assertThat(keys.create(key)).isTrue();
        return key;
    }

    private static String enableMfa(IamClient iam, String user) {
        VirtualMFADevice device = iam.createVirtualMFADevice(b -> b.virtualMFADeviceName(user)).virtualMFADevice();
        byte[] seed = Base32.decode(device.base32StringSeed().asString(StandardCharsets.US_ASCII));
        Instant now = Instant.now();
        iam.enableMFADevice(b -> b.userName(user).serialNumber(device.serialNumber())
                .authenticationCode1(Totp.generate(seed, now.minusSeconds(Totp.STEP_SECONDS)))
                .authenticationCode2(Totp.generate(seed, now)));
        return device.serialNumber();
    }
}
