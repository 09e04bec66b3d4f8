package io.keygate.mfa;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A virtual MFA device.
 *
 * @param accountId    the owning account
 * @param serialNumber its ARN, {@code arn:<partition>:iam::<account>:mfa<path><name>}
 * @param name         the VirtualMFADeviceName
 * @param path         the path
 * @param sealedSeed   the Base32 TOTP seed, sealed under the key ring with the serial number as context
 * @param userName     the IAM user it is enabled for, or null
 * @param root         whether it is enabled for the account's root
 * @param enableDate   when it was enabled, or null
 * @param driftSteps   clock drift learned by ResyncMFADevice, in 30-second steps
 * @param created      creation time
 * @param tags         tags
 */
public record VirtualMfaDevice(String accountId, String serialNumber, String name, String path, String sealedSeed,
                               String userName, boolean root, Instant enableDate, int driftSteps, Instant created,
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

    /** Whether it is enabled for that principal ({@code userName} null = the root). */
    public boolean isAssignedTo(String user) {
        return user == null ? root : user.equals(userName);
    }

    public VirtualMfaDevice enabledFor(String user, Instant at) {
        return new VirtualMfaDevice(accountId, serialNumber, name, path, sealedSeed, user, user == null, at, 0,
                created, tags);
    }

    public VirtualMfaDevice deactivated() {
        return new VirtualMfaDevice(accountId, serialNumber, name, path, sealedSeed, null, false, null, 0, created,
                tags);
    }

    public VirtualMfaDevice withDrift(int steps) {
        return new VirtualMfaDevice(accountId, serialNumber, name, path, sealedSeed, userName, root, enableDate, steps,
                created, tags);
    }

    @Override
    public String toString() {
        return "VirtualMfaDevice[" + serialNumber + ", user=" + (root ? "<root>" : userName) + "]";
    }
}
