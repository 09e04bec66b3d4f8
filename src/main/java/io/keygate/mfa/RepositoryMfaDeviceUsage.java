package io.keygate.mfa;

import java.util.List;

import io.keygate.iam.MfaDeviceUsage;

/** {@link MfaDeviceUsage} read from the virtual MFA devices of the store. Thread-safe (the repository is). */
public final class RepositoryMfaDeviceUsage implements MfaDeviceUsage {

    private final MfaDeviceRepository devices;

    public RepositoryMfaDeviceUsage(MfaDeviceRepository devices) {
        this.devices = devices;
    }

    @Override
    public boolean isEnabledFor(String accountId, String userName) {
        return devices.list(accountId).stream().anyMatch(d -> d.userName() != null && d.isAssignedTo(userName));
    }

    @Override
    public Counts counts(String accountId) {
        List<VirtualMfaDevice> all = devices.list(accountId);
        int inUse = (int) all.stream().filter(VirtualMfaDevice::isAssigned).count();
        boolean root = all.stream().anyMatch(VirtualMfaDevice::root);
        return new Counts(all.size(), inUse, root);
    }
}
