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

    /** What applies when the account has no password policy. */
    public static final PasswordPolicy NONE = new PasswordPolicy(6, false, false, false, false, true, 0, 0, false);

    /** Whether passwords expire ({@code ExpirePasswords} in the response). */
    public boolean expirePasswords() {
        return maxPasswordAge > 0;
    }

    /** The first rule {@code password} breaks, in AWS's words, or null when it satisfies the policy. */
    public String violation(String password) {
        if (password.length() < minimumPasswordLength) {
            return "Password should have at least " + minimumPasswordLength + " characters";
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
}
