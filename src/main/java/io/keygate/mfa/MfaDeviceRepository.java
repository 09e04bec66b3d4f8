package io.keygate.mfa;

import java.util.List;
import java.util.Optional;

/** Store port for virtual MFA devices (used codes and wrong-code counters live in {@code ExpiringEntries}). */
public interface MfaDeviceRepository {

    Optional<VirtualMfaDevice> find(String serialNumber);

    boolean create(VirtualMfaDevice device);

    /** Compare-and-set; false when the stored device changed meanwhile. */
    boolean replace(VirtualMfaDevice expected, VirtualMfaDevice updated);

    boolean delete(String serialNumber);

    /** Devices of one account sorted by serial number. */
    List<VirtualMfaDevice> list(String accountId);
}
