package io.keygate.mfa;

import java.util.List;

import io.keygate.iam.MfaDeviceUsage;
import io.keygate.iam.User;

/** {@link MfaDeviceUsage} read from the virtual MFA devices of the store. Thread-safe (the repository is). */
public final class RepositoryMfaDeviceUsage implements MfaDeviceUsage {

    private final MfaDeviceRepository devices;

    public RepositoryMfaDeviceUsage(MfaDeviceRepository devices) {
        this.devices = devices;
    }

    @Override
    public boolean isEnabledFor(User user) {
        return devices.list(user.accountId()).stream().anyMatch(d -> d.isAssignedTo(user));
    }

    @Override
    public Counts counts(String accountId) {
        List<VirtualMfaDevice> all = devices.list(accountId);
        int inUse = (int) all.stream().filter(VirtualMfaDevice::isAssigned).count();
        boolean root = all.stream().anyMatch(VirtualMfaDevice::root);
        return new Counts(all.size(), inUse, root);
    }
}
