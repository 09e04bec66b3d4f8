package io.keygate.mfa;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

import io.keygate.credentials.Base32;
import io.keygate.credentials.SecretSealer;
import io.keygate.credentials.Totp;

/**
 * Checks TOTP codes against a device's sealed seed (RFC 6238: 30-second steps, 6 digits, ±1 step around the
 * device's learned drift), remembers every accepted code in the shared store so it is accepted once only, and
 * refuses every code of a device after {@link #MAX_FAILURES} wrong ones within {@link #FAILURE_WINDOW}.
 *
 * <p>Thread-safe.
 */
public final class TotpCheck {

    /** Wrong codes tolerated per device and window before all codes are refused. */
    public static final int MAX_FAILURES = 5;
    public static final Duration FAILURE_WINDOW = Duration.ofMinutes(5);
    /** How long a used code is remembered: longer than the ±1-step acceptance window. */
    private static final Duration USED_CODE_TTL = Duration.ofMinutes(3);
    private static final Pattern SIX_DIGITS = Pattern.compile("\\d{6}");
    /** ResyncMFADevice searches this many steps either side (±10 minutes). */
    private static final int RESYNC_STEPS = 20;

    /** Why a code was refused. */
    public enum Outcome { ACCEPTED, WRONG, REPLAYED, THROTTLED }

    private final MfaDeviceRepository devices;
    private final SecretSealer sealer;
    private final Clock clock;

    public TotpCheck(MfaDeviceRepository devices, SecretSealer sealer, Clock clock) {
        this.devices = devices;
        this.sealer = sealer;
        this.clock = clock;
    }

    /** Verifies one code for a login (GetSessionToken, AssumeRole): at most once, throttled. */
    public Outcome verify(VirtualMfaDevice device, String code) {
        if (devices.failures(device.serialNumber()) >= MAX_FAILURES) {
            return Outcome.THROTTLED;
        }
        long now = Totp.timeStep(clock.instant()) + device.driftSteps();
        byte[] seed = seed(device);
        if (code != null && SIX_DIGITS.matcher(code).matches()) {
            for (long step = now - Totp.WINDOW; step <= now + Totp.WINDOW; step++) {
                if (same(Totp.generate(seed, at(step)), code)) {
                    return devices.markCodeUsed(device.serialNumber(), step, USED_CODE_TTL)
                            ? Outcome.ACCEPTED : Outcome.REPLAYED;
                }
            }
        }
        devices.countFailure(device.serialNumber(), FAILURE_WINDOW);
        return Outcome.WRONG;
    }

    /**
     * Two consecutive codes (EnableMFADevice, ResyncMFADevice): finds the step of {@code code1} with
     * {@code code2} the next one, within ±1 step of now (enable) or ±10 minutes (resync).
     *
     * @return the drift in steps between the device and this clock, or null when the codes do not match
     */
    public Integer verifyConsecutive(VirtualMfaDevice device, String code1, String code2, boolean resync) {
        if (devices.failures(device.serialNumber()) >= MAX_FAILURES) {
            return null;
        }
        if (code1 == null || code2 == null || !SIX_DIGITS.matcher(code1).matches()
                || !SIX_DIGITS.matcher(code2).matches()) {
            return null;
        }
        long now = Totp.timeStep(clock.instant());
        int reach = resync ? RESYNC_STEPS : Totp.WINDOW + 1;
        byte[] seed = seed(device);
        for (long step = now - reach; step <= now + reach; step++) {
            if (same(Totp.generate(seed, at(step)), code1) && same(Totp.generate(seed, at(step + 1)), code2)) {
                devices.markCodeUsed(device.serialNumber(), step, USED_CODE_TTL);
                devices.markCodeUsed(device.serialNumber(), step + 1, USED_CODE_TTL);
                long drift = (step + 1) - now;
                return resync ? (int) drift : 0;
            }
        }
        devices.countFailure(device.serialNumber(), FAILURE_WINDOW);
        return null;
    }

    private byte[] seed(VirtualMfaDevice device) {
        return Base32.decode(sealer.open(device.serialNumber(), device.sealedSeed()));
    }

    private static Instant at(long step) {
        return Instant.ofEpochSecond(step * Totp.STEP_SECONDS);
    }

    /** The Base32 text of a new random seed. */
    public static String newSeedText() {
        return Base32.encode(Totp.newSeed());
    }

    private static boolean same(String expected, String given) {
        return java.security.MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                given.getBytes(StandardCharsets.US_ASCII));
    }
}
