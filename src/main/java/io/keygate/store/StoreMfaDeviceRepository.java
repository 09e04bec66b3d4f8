package io.keygate.store;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;


import io.keygate.mfa.MfaDeviceRepository;
import io.keygate.mfa.VirtualMfaDevice;

/** Virtual MFA devices in {@code mfa-devices}. */
public final class StoreMfaDeviceRepository implements MfaDeviceRepository {

    private final JsonCache<VirtualMfaDevice> devices;

    public StoreMfaDeviceRepository(InfinispanStore store) {
        this.devices = new JsonCache<>(store.namespace("mfa-devices"), VirtualMfaDevice.class);
    }

    @Override
    public Optional<VirtualMfaDevice> find(String serialNumber) {
        return devices.get(serialNumber);
    }

    @Override
    public boolean create(VirtualMfaDevice device) {
        return devices.putIfAbsent(device.serialNumber(), device);
    }

    @Override
    public boolean replace(VirtualMfaDevice expected, VirtualMfaDevice updated) {
        return devices.replace(expected.serialNumber(), expected, updated);
    }

    @Override
    public boolean delete(String serialNumber) {
        return devices.remove(serialNumber);
    }

    @Override
    public List<VirtualMfaDevice> list(String accountId) {
        return devices.values().filter(d -> d.accountId().equals(accountId))
                .sorted(Comparator.comparing(VirtualMfaDevice::serialNumber)).toList();
    }
}
