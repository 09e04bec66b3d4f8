package io.keygate.policy;

/** The {@code Effect} of a statement. */
public enum Effect {
    ALLOW("Allow"),
    DENY("Deny");

    private final String wireName;

    Effect(String wireName) {
        this.wireName = wireName;
    }

    /** The spelling in policy documents: {@code Allow} or {@code Deny}. */
    public String wireName() {
        return wireName;
    }

    /** Parses the exact, case-sensitive spelling AWS accepts; {@code null} for anything else. */
    public static Effect parse(String s) {
        if ("Allow".equals(s)) {
            return ALLOW;
        }
        if ("Deny".equals(s)) {
            return DENY;
        }
        return null;
    }
}
