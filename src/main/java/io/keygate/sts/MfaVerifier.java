package io.keygate.sts;

import java.time.Instant;

import io.keygate.auth.Caller;

/**
 * Checks an MFA code presented to STS ({@code SerialNumber} + {@code TokenCode}) against the caller's enabled MFA
 * devices, refusing replays and throttling wrong codes.
 */
@FunctionalInterface
public interface MfaVerifier {

    /**
     * @return when MFA was proved (now), for {@code aws:MultiFactorAuthAge}
     * @throws io.keygate.error.AccessDeniedException when the device or code is wrong (AWS answers AccessDenied)
     */
    Instant verify(Caller caller, String serialNumber, String tokenCode);
}
