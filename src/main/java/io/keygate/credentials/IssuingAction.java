package io.keygate.credentials;

/** The STS action that issued a set of temporary credentials; constant names are AWS's action names. */
public enum IssuingAction {
    GetSessionToken("S"),
    AssumeRole("R"),
    GetFederationToken("F"),
    AssumeRoleWithSAML("M"),
    AssumeRoleWithWebIdentity("W");

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
