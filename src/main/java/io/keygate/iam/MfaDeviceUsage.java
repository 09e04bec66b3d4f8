package io.keygate.iam;

/**
 * Store port for what IAM needs to know about MFA devices (kept by the {@code mfa} feature): whether a user still has
 * an enabled device, which DeleteUser refuses, and the counts that GetAccountSummary and the credential report show.
 *
 * <p>Implementations are thread-safe.
 */
public interface MfaDeviceUsage {

    /** MFA device counts of one account, as GetAccountSummary names them. */
    record Counts(int devices, int devicesInUse, boolean rootEnabled) {
    }

    /** Whether a device is enabled for the IAM user (by its unique id, see {@link User#owns}). */
    boolean isEnabledFor(User user);

    /** The account's counts: all devices, devices enabled for a principal, and whether the root has one. */
    Counts counts(String accountId);

    /** No MFA devices anywhere (for wiring without the MFA feature). */
    MfaDeviceUsage NONE = new MfaDeviceUsage() {
        @Override
        public boolean isEnabledFor(User user) {
            return false;
        }

        @Override
        public Counts counts(String accountId) {
            return new Counts(0, 0, false);
        }
    };
}
