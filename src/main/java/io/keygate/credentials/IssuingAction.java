package io.keygate.credentials;

/**
 * What issued a set of temporary credentials: an STS action (constant names are AWS's action names), or
 * {@link #ConsoleLogin}, Keygate's IAM user sign-in at {@code /console/login}.
 */
public enum IssuingAction {
    GetSessionToken("S"),
    AssumeRole("R"),
    GetFederationToken("F"),
    AssumeRoleWithSAML("M"),
    AssumeRoleWithWebIdentity("W"),
    /**
     * An IAM user's console session from password sign-in (CloudTrail's {@code ConsoleLogin} event). Not an STS
     * action and never handed to a client: the console holds the token. Unlike GetSessionToken credentials, it may
     * call IAM as the user's policies allow; {@code aws:MultiFactorAuthPresent} is true only when the sign-in passed
     * the MFA step.
     */
    ConsoleLogin("C");

    private final String code;

    IssuingAction(String code) {
        this.code = code;
    }

    /** The one-letter form used inside session tokens. */
    String code() {
        return code;
    }

    static IssuingAction fromCode(String code) {
        for (IssuingAction a : values()) {
            if (a.code.equals(code)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown issuing action code");
    }
}
