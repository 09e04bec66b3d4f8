package io.keygate.iam;

/**
 * The account password policy (UpdateAccountPasswordPolicy). Omitted settings take AWS's defaults: the update is
 * not partial.
 *
 * @param maxPasswordAge          days, 0 = passwords never expire
 * @param passwordReusePrevention how many earlier passwords may not be reused, 0 = no check
 */
public record PasswordPolicy(int minimumPasswordLength, boolean requireSymbols, boolean requireNumbers,
                             boolean requireUppercaseCharacters, boolean requireLowercaseCharacters,
                             boolean allowUsersToChangePassword, int maxPasswordAge, int passwordReusePrevention,
                             boolean hardExpiry) {

    /** The symbols AWS counts for {@code RequireSymbols}. */
    public static final String SYMBOLS = "!@#$%^&*()_+-=[]{}|'";

    /**
     * What applies when the account has no password policy: AWS's default password policy (since 2020), at least 8
     * characters and at least three of the four character classes (upper case, lower case, numbers, symbols); nothing
     * expires. Its {@code allowUsersToChangePassword} grants nothing: without a policy of the account's own, users
     * change their password only where their IAM policies allow {@code iam:ChangePassword}
     * ({@code ChangePasswordPermission}). {@link #violation} knows it by identity.
     */
    public static final PasswordPolicy NONE = new PasswordPolicy(8, false, false, false, false, true, 0, 0, false);

    /** How many of the four character classes the default policy asks for. */
    public static final int DEFAULT_CLASSES = 3;

    /** Whether passwords expire ({@code ExpirePasswords} in the response). */
    public boolean expirePasswords() {
        return maxPasswordAge > 0;
    }

    /** The first rule {@code password} breaks, in AWS's words, or null when it satisfies the policy. */
    public String violation(String password) {
        if (password.length() < minimumPasswordLength) {
            return "Password should have at least " + minimumPasswordLength + " characters";
        }
        if (this == NONE && characterClasses(password) < DEFAULT_CLASSES) {
            return "Password should contain at least three of the following character types: uppercase letters, "
                    + "lowercase letters, numbers and symbols (" + SYMBOLS + ")";
        }
        if (requireLowercaseCharacters && password.chars().noneMatch(c -> c >= 'a' && c <= 'z')) {
            return "Password should have at least one lowercase letter";
        }
        if (requireUppercaseCharacters && password.chars().noneMatch(c -> c >= 'A' && c <= 'Z')) {
            return "Password should have at least one uppercase letter";
        }
        if (requireNumbers && password.chars().noneMatch(c -> c >= '0' && c <= '9')) {
            return "Password should have at least one number";
        }
        if (requireSymbols && password.chars().noneMatch(c -> SYMBOLS.indexOf(c) >= 0)) {
            return "Password should have at least one symbol";
        }
        return null;
    }

    /** How many of upper case, lower case, numbers and {@link #SYMBOLS} {@code password} contains. */
    static int characterClasses(String password) {
        boolean upper = false;
        boolean lower = false;
        boolean digit = false;
        boolean symbol = false;
        for (int i = 0; i < password.length(); i++) {
            char c = password.charAt(i);
            upper |= c >= 'A' && c <= 'Z';
            lower |= c >= 'a' && c <= 'z';
            digit |= c >= '0' && c <= '9';
            symbol |= SYMBOLS.indexOf(c) >= 0;
        }
        return (upper ? 1 : 0) + (lower ? 1 : 0) + (digit ? 1 : 0) + (symbol ? 1 : 0);
    }
}
