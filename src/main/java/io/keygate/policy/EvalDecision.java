package io.keygate.policy;

/** The outcome of an evaluation, with the {@code EvalDecision} spelling of IAM's policy simulator. */
public enum EvalDecision {
    ALLOW("allowed"),
    EXPLICIT_DENY("explicitDeny"),
    IMPLICIT_DENY("implicitDeny");

    private final String wireName;

    EvalDecision(String wireName) {
        this.wireName = wireName;
    }

    /** {@code allowed}, {@code explicitDeny} or {@code implicitDeny}. */
    public String wireName() {
        return wireName;
    }
}
