package io.keygate.mfa;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Store port for virtual MFA devices and for the shared, expiring TOTP bookkeeping (used codes, failures). */
public interface MfaDeviceRepository {

    Optional<VirtualMfaDevice> find(String serialNumber);

    boolean create(VirtualMfaDevice device);

    /** Compare-and-set; false when the stored device changed meanwhile. */
    boolean replace(VirtualMfaDevice expected, VirtualMfaDevice updated);

    boolean delete(String serialNumber);

    /** Devices of one account sorted by serial number. */
    List<VirtualMfaDevice> list(String accountId);

    /** Records that a code (device + time step) was used; false if it was already. Kept for {@code ttl}. */
    boolean markCodeUsed(String serialNumber, long timeStep, Duration ttl);

    /** Counts one more wrong code for the device within {@code window}; returns the count so far. */
    int countFailure(String serialNumber, Duration window);

    /** Wrong codes counted within the current window. */
    int failures(String serialNumber);
}
