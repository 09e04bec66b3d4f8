package io.keygate.mfa;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

import io.keygate.credentials.Base32;
import io.keygate.credentials.SecretSealer;
import io.keygate.credentials.Totp;
import io.keygate.expiry.ExpiringEntries;

/**
 * Checks TOTP codes against a device's sealed seed (RFC 6238: 30-second steps, 6 digits, ±1 step around the
 * device's learned drift), remembers every accepted code in the shared expiring entries so it is accepted once only
 * (codes proved by EnableMFADevice and ResyncMFADevice included), and refuses every code of a device after
 * {@link #MAX_FAILURES} wrong ones within {@link #FAILURE_WINDOW}.
 *
 * <p>Throttling holds under parallel guesses: each check first takes an attempt from the device's counter with one
 * atomic increment and only then compares codes; an accepted code gives its attempt back. Of any number of
 * simultaneous guesses, at most {@link #MAX_FAILURES} are compared.
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

    private final ExpiringEntries entries;
    private final SecretSealer sealer;
    private final Clock clock;

    public TotpCheck(ExpiringEntries entries, SecretSealer sealer, Clock clock) {
        this.entries = entries;
        this.sealer = sealer;
        this.clock = clock;
    }

    /** Takes one attempt from the device's window; false when the window has none left (throttled). */
    private boolean takeAttempt(VirtualMfaDevice device) {
        return entries.increment(attemptsKey(device), 1, FAILURE_WINDOW) <= MAX_FAILURES;
    }

    /** Gives back the attempt of a check that succeeded: only wrong codes count against the device. */
    private void returnAttempt(VirtualMfaDevice device) {
        entries.increment(attemptsKey(device), -1, FAILURE_WINDOW);
    }

    private static String attemptsKey(VirtualMfaDevice device) {
        return "mfa-attempts/" + device.serialNumber();
    }

    /** Records a code (device + time step) as used; false if it already was. */
    private boolean markUsed(VirtualMfaDevice device, long step) {
        return entries.putIfAbsent("mfa-used/" + device.serialNumber() + "#" + step, "1", USED_CODE_TTL);
    }

    /** Verifies one code for a login (GetSessionToken, AssumeRole): at most once, throttled. */
    public Outcome verify(VirtualMfaDevice device, String code) {
        if (!takeAttempt(device)) {
            return Outcome.THROTTLED;
        }
        long now = Totp.timeStep(clock.instant()) + device.driftSteps();
        byte[] seed = seed(device);
        if (code != null && SIX_DIGITS.matcher(code).matches()) {
            for (long step = now - Totp.WINDOW; step <= now + Totp.WINDOW; step++) {
                if (same(Totp.generate(seed, at(step)), code)) {
                    if (!markUsed(device, step)) {
                        return Outcome.REPLAYED;
                    }
                    returnAttempt(device);
                    return Outcome.ACCEPTED;
                }
            }
        }
        return Outcome.WRONG;
    }

    /**
     * Two consecutive codes (EnableMFADevice, ResyncMFADevice): finds the step of {@code code1} with
     * {@code code2} the next one, within ±1 step of now (enable) or ±10 minutes (resync).
     *
     * @return the drift in steps between the device and this clock, or null when the codes do not match
     */
    public Integer verifyConsecutive(VirtualMfaDevice device, String code1, String code2, boolean resync) {
        if (!takeAttempt(device)) {
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
                // Both codes are spent, whatever the call does next; a code already spent proves nothing.
                boolean fresh = markUsed(device, step) & markUsed(device, step + 1);
                if (!fresh) {
                    return null;
                }
                returnAttempt(device);
                long drift = (step + 1) - now;
                return resync ? (int) drift : 0;
            }
        }
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
