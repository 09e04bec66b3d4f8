package io.keygate.credentials;

/** Who a set of temporary credentials acts as; decides the principal ARN form and the policies evaluated. */
public enum PrincipalType {
    /** GetSessionToken called with an IAM user's long-term keys. */
    SESSION_USER("U"),
    /** GetSessionToken called with the root user's long-term keys. */
    SESSION_ROOT("R"),
    /** A role session ({@code arn:aws:sts::<account>:assumed-role/<role>/<session>}). */
    ASSUMED_ROLE("A"),
    /** GetFederationToken ({@code arn:aws:sts::<account>:federated-user/<name>}). */
    FEDERATED_USER("F");

    private final String code;

    PrincipalType(String code) {
        this.code = code;
    }

    /** The one-letter form used inside session tokens. */
    String code() {
        return code;
    }

    static PrincipalType fromCode(String code) {
        for (PrincipalType t : values()) {
            if (t.code.equals(code)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown principal type code");
    }
}
