package io.keygate.signin;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

import io.keygate.expiry.ExpiringEntries;

/**
 * Backoff for IAM user sign-in: failed password checks are counted per user (account + user name, whether or not
 * the user exists, so the counter tells nothing about existence) and per source address, in the shared expiring
 * entries. Once either counter reaches its limit within the window, sign-in for that user or from that address is
 * refused without looking at the password until the window, which starts at the first failure, has passed.
 *
 * <p>Counting is atomic and happens before the password is compared, as {@code TotpCheck} does for MFA codes:
 * {@link #take} takes one attempt from both counters with one increment each; a successful sign-in gives its attempt
 * back ({@link #giveBack}). Of any number of parallel guesses at most {@code maxPerUser} are compared.
 *
 * <p>Thread-safe.
 *
 * @see Limits
 */
public final class SigninBackoff {

    /**
     * How many failures are tolerated.
     *
     * @param maxPerUser   failed sign-ins per user and window before the user's sign-in is refused
     * @param maxPerSource failed sign-ins per source address and window before sign-in from it is refused
     * @param window       how long failures are counted (from the first one) and sign-in stays refused
     */
    public record Limits(int maxPerUser, int maxPerSource, Duration window) {

        /** 5 failures per user, 20 per source address, 15 minutes (docs/console.md). */
        public static final Limits DEFAULT = new Limits(5, 20, Duration.ofMinutes(15));

        public Limits {
            if (maxPerUser < 1 || maxPerSource < 1) {
                throw new IllegalArgumentException("limits must be at least 1");
            }
            Objects.requireNonNull(window, "window");
            if (window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("window must be positive");
            }
        }
    }

    private final ExpiringEntries entries;
    private final Limits limits;

    public SigninBackoff(ExpiringEntries entries, Limits limits) {
        this.entries = Objects.requireNonNull(entries, "entries");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** One attempt's counters: the user's and the source address's keys. */
    public record Attempt(String userKey, String sourceKey) {
    }

    /**
     * The counters of an attempt for {@code userName} in {@code account} (an account id, or what was typed when it
     * names no account) from {@code sourceIp} (null when unknown: only the user counts).
     */
    public static Attempt attempt(String account, String userName, String sourceIp) {
        String user = "signin-fail/user/" + account.toLowerCase(Locale.ROOT) + "/" + userName.toLowerCase(Locale.ROOT);
        return new Attempt(user, sourceIp == null ? null : "signin-fail/source/" + sourceIp);
    }

    /**
     * Takes one attempt from both counters.
     *
     * @return true if the password may be compared; false when the user or the source is backing off
     */
    public boolean take(Attempt attempt) {
        boolean userOk = entries.increment(attempt.userKey(), 1, limits.window()) <= limits.maxPerUser();
        boolean sourceOk = attempt.sourceKey() == null
                || entries.increment(attempt.sourceKey(), 1, limits.window()) <= limits.maxPerSource();
        return userOk && sourceOk;
    }

    /** Gives back the attempt of a sign-in whose password was right: only failures count. */
    public void giveBack(Attempt attempt) {
        entries.increment(attempt.userKey(), -1, limits.window());
        if (attempt.sourceKey() != null) {
            entries.increment(attempt.sourceKey(), -1, limits.window());
        }
    }

    public Limits limits() {
        return limits;
    }
}
