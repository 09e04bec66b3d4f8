package io.keygate.policy;

/** The policy types that take part in a decision, in the words AWS uses in AccessDenied messages. */
public enum PolicyLayer {
    /** Identity-based policies: the user's and its groups' policies, or the role's. */
    IDENTITY("an identity-based policy", "identity-based policy"),
    /** The resource-based policy, including a role's trust policy. */
    RESOURCE("a resource-based policy", "resource-based policy"),
    /** The permissions boundary of the user or role. */
    BOUNDARY("a permissions boundary", "permissions boundary"),
    /** Session policies passed when the session was created. */
    SESSION("a session policy", "session policy");

    private final String withArticle;
    private final String bare;

    PolicyLayer(String withArticle, String bare) {
        this.withArticle = withArticle;
        this.bare = bare;
    }

    /** As in "with an explicit deny in <b>an identity-based policy</b>". */
    public String withArticle() {
        return withArticle;
    }

    /** As in "because no <b>identity-based policy</b> allows". */
    public String bare() {
        return bare;
    }
}
