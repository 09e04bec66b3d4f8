package io.keygate.mfa;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

import io.keygate.iam.User;

/**
 * A virtual MFA device.
 *
 * @param accountId    the owning account
 * @param serialNumber its ARN, {@code arn:<partition>:iam::<account>:mfa<path><name>}
 * @param name         the VirtualMFADeviceName
 * @param path         the path
 * @param sealedSeed   the Base32 TOTP seed, sealed under the key ring with the serial number as context
 * @param userName     the name of the IAM user it is enabled for (when enabled: a lookup hint), or null
 * @param userId       the unique id of that user, which decides ownership ({@link User#owns}); null when not
 *                     enabled for a user and for devices enabled before it was recorded
 * @param root         whether it is enabled for the account's root
 * @param enableDate   when it was enabled, or null
 * @param driftSteps   clock drift learned by ResyncMFADevice, in 30-second steps
 * @param created      creation time
 * @param tags         tags
 */
public record VirtualMfaDevice(String accountId, String serialNumber, String name, String path, String sealedSeed,
                               String userName, String userId, boolean root, Instant enableDate, int driftSteps, Instant created,
                               Map<String, String> tags) {

    public VirtualMfaDevice {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(serialNumber, "serialNumber");
        Objects.requireNonNull(sealedSeed, "sealedSeed");
        Objects.requireNonNull(created, "created");
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    public boolean isAssigned() {
        return userName != null || root;
    }

    /** Whether it is enabled for {@code user}: by the user's unique id, so a rename keeps it, a namesake never has it. */
    public boolean isAssignedTo(User user) {
        return userName != null && accountId.equals(user.accountId()) && user.owns(userId, userName, enableDate);
    }

    /**
     * Whether it is enabled for the user with this unique id (and, for devices enabled before ids were recorded,
     * this name), as an authenticated caller names itself.
     */
    public boolean isAssignedTo(String callerUserId, String callerUserName) {
        if (userName == null) {
            return false;
        }
        return userId != null ? userId.equals(callerUserId) : userName.equalsIgnoreCase(callerUserName);
    }

    /** Enabled for {@code user} ({@code null} = the account's root). */
    public VirtualMfaDevice enabledFor(User user, Instant at) {
        return new VirtualMfaDevice(accountId, serialNumber, name, path, sealedSeed,
                user == null ? null : user.name(), user == null ? null : user.userId(), user == null, at, 0,
                created, tags);
    }

    public VirtualMfaDevice deactivated() {
        return new VirtualMfaDevice(accountId, serialNumber, name, path, sealedSeed, null, null, false, null, 0,
                created, tags);
    }

    public VirtualMfaDevice withDrift(int steps) {
        return new VirtualMfaDevice(accountId, serialNumber, name, path, sealedSeed, userName, userId, root,
                enableDate, steps, created, tags);
    }

    @Override
    public String toString() {
        return "VirtualMfaDevice[" + serialNumber + ", user=" + (root ? "<root>" : userName) + "]";
    }
}
