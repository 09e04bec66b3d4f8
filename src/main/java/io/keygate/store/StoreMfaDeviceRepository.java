package io.keygate.store;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;


import io.keygate.mfa.MfaDeviceRepository;
import io.keygate.mfa.VirtualMfaDevice;

/**
 * Virtual MFA devices in {@code mfa-devices}; used TOTP codes and wrong-code counters in expiring caches
 * ({@code mfa-used-codes}, {@code mfa-failures}) so that replay protection and throttling hold across nodes.
 */
public final class StoreMfaDeviceRepository implements MfaDeviceRepository {

    private final JsonCache<VirtualMfaDevice> devices;
    private final Namespace usedCodes;
    private final Namespace failures;

    public StoreMfaDeviceRepository(InfinispanStore store) {
        this.devices = new JsonCache<>(store.namespace("mfa-devices"), VirtualMfaDevice.class);
        this.usedCodes = store.namespace("mfa-used-codes");
        this.failures = store.namespace("mfa-failures");
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

    @Override
    public boolean markCodeUsed(String serialNumber, long timeStep, Duration ttl) {
        return usedCodes.putIfAbsent(serialNumber + "#" + timeStep, "1", ttl);
    }

    @Override
    public int countFailure(String serialNumber, Duration window) {
        for (int attempt = 0; attempt < 100; attempt++) {
            String current = failures.get(serialNumber);
            if (current == null) {
                if (failures.putIfAbsent(serialNumber, "1", window)) {
                    return 1;
                }
            } else {
                int next = Integer.parseInt(current) + 1;
                if (failures.replace(serialNumber, current, Integer.toString(next), window)) {
                    return next;
                }
            }
        }
        return Integer.MAX_VALUE;
    }

    @Override
    public int failures(String serialNumber) {
        String current = failures.get(serialNumber);
        return current == null ? 0 : Integer.parseInt(current);
    }
}
