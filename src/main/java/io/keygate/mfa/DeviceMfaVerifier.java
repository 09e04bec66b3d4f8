package io.keygate.mfa;

import java.time.Clock;
import java.time.Instant;

import io.keygate.auth.Caller;
import io.keygate.error.AccessDeniedException;
import io.keygate.error.AwsErrorCode;
import io.keygate.error.InvalidInputException;
import io.keygate.sts.MfaVerifier;

/**
 * STS's MFA check: the serial number must name a device enabled for the calling user, and the code must be right,
 * unused and not throttled. Every refusal is {@code AccessDenied}, as STS answers.
 */
public final class DeviceMfaVerifier implements MfaVerifier {

    private final MfaDeviceRepository devices;
    private final TotpCheck totp;
    private final Clock clock;

    public DeviceMfaVerifier(MfaDeviceRepository devices, TotpCheck totp, Clock clock) {
        this.devices = devices;
        this.totp = totp;
        this.clock = clock;
    }

    @Override
    public Instant verify(Caller caller, String serialNumber, String tokenCode) {
        if (serialNumber == null || tokenCode == null) {
            throw new InvalidInputException(AwsErrorCode.MissingParameter,
                    "SerialNumber and TokenCode must be given together.");
        }
        VirtualMfaDevice device = devices.find(serialNumber)
                .filter(d -> d.accountId().equals(caller.accountId()))
                .filter(d -> caller.userName() != null ? d.isAssignedTo(caller.userId(), caller.userName())
                        : caller.isRoot() && d.root())
                .orElseThrow(() -> new AccessDeniedException(AwsErrorCode.AccessDenied,
                        "MultiFactorAuthentication failed, unable to validate MFA code."));
        return switch (totp.verify(device, tokenCode)) {
            case ACCEPTED -> clock.instant();
            case WRONG, REPLAYED -> throw new AccessDeniedException(AwsErrorCode.AccessDenied,
                    "MultiFactorAuthentication failed with invalid MFA one time pass code.");
            case THROTTLED -> throw new AccessDeniedException(AwsErrorCode.AccessDenied,
                    "MultiFactorAuthentication failed: too many invalid codes for this device; try again later.");
        };
    }
}
