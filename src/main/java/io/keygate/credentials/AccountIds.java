package io.keygate.credentials;

import java.security.SecureRandom;

/** AWS account ids: 12 decimal digits. Keygate mints them without a leading zero. Stateless and thread-safe. */
public final class AccountIds {

    private static final SecureRandom RANDOM = ThreadLocalSecureRandom.INSTANCE;

    private AccountIds() {
    }

    /** A new random account id: 12 digits, the first not 0. */
    public static String random() {
        return random(RANDOM);
    }

    /** A new random account id drawn from {@code random}. */
    public static String random(SecureRandom random) {
        return Long.toString(random.nextLong(100_000_000_000L, 1_000_000_000_000L));
    }

    /** Whether {@code value} is 12 decimal digits (AWS accepts a leading zero in ids it did not mint). */
    public static boolean isWellFormed(String value) {
        if (value == null || value.length() != 12) {
            return false;
        }
        for (int i = 0; i < 12; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
