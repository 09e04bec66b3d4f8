package io.keygate.policy;

/**
 * Entry point for turning policy text into a {@link Policy}: parse (positioned JSON, characters, size quota, depth)
 * → validate (the grammar of the IAM User Guide page "Grammar of the IAM JSON policy language", per document type)
 * → compile (lower-cased action globs, ARN segment patterns, bound condition operators). Thread-safe.
 */
public final class Policies {

    private Policies() {
    }

    /**
     * Parses, validates and compiles {@code json} as a document of {@code type}, with the id {@code type/inline}
     * (use {@link #parse(String, String, PolicyType)} or {@link Policy#withId} to name it).
     *
     * @throws io.keygate.error.InvalidInputException with {@code MalformedPolicyDocument}, AWS's text as the message
     *                                                and, as its location, where (statement index, element, line
     *                                                and column) and what exactly is wrong
     */
    public static Policy parse(String json, PolicyType type) {
        return parse(type.name().toLowerCase(java.util.Locale.ROOT) + "/inline", json, type);
    }

    /** As {@link #parse(String, PolicyType)}, with the policy id. */
    public static Policy parse(String id, String json, PolicyType type) {
        JsonNode.Obj root = PolicyParser.parse(json, type);
        return PolicyValidator.validate(id, json, type, root);
    }

    /**
     * As {@link #parse(String, PolicyType)}, for a document being written (CreatePolicy, CreatePolicyVersion, …), with
     * the rules IAM applies only then: a customer managed policy must declare {@code "Version": "2012-10-17"}
     * (inline policies may still use 2008-10-17 or no Version), and no document may have an empty Statement list.
     * Stored documents are read back with {@code parse}, which accepts an empty list (it allows nothing).
     */
    public static Policy parseNew(String json, PolicyType type) {
        JsonNode.Obj root = PolicyParser.parse(json, type);
        if (type == PolicyType.MANAGED) {
            JsonNode.Member version = root.get("Version");
            if (version == null || version.value() instanceof JsonNode.Str s && s.value().equals(Policy.VERSION_2008)) {
                throw PolicyParser.malformed("Policy document must be version 2012-10-17 or greater.");
            }
        }
        JsonNode.Member statement = root.get("Statement");
        if (statement != null && statement.value() instanceof JsonNode.Arr a && a.items().isEmpty()) {
            throw PolicyParser.malformed(PolicyParser.SYNTAX,
                    PolicyParser.position("Statement", a.line(), a.column(), "The Statement list is empty."));
        }
        return PolicyValidator.validate(type.name().toLowerCase(java.util.Locale.ROOT) + "/inline", json, type, root);
    }

    /** Number of characters that count against the size quota: all but space, tab, CR and LF. */
    public static int sizeOf(String json) {
        int n = 0;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                n++;
            }
        }
        return n;
    }
}
