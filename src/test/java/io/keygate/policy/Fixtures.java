package io.keygate.policy;

import java.util.Arrays;

/** Small builders shared by the policy tests. */
final class Fixtures {

    static final String ACCOUNT = "111122223333";
    static final Principal ALICE = Principal.user("arn:aws:iam::111122223333:user/alice", "AIDAALICE");

    private Fixtures() {
    }

    /** An identity policy allowing s3:GetObject on everything when {@code condition} (a JSON object) holds. */
    static Policy allowWhen(String condition) {
        return allowWhen(condition, Policy.VERSION_2012);
    }

    static Policy allowWhen(String condition, String version) {
        return Policies.parse("p", "{\"Version\":\"" + version + "\",\"Statement\":{\"Effect\":\"Allow\","
                + "\"Action\":\"s3:GetObject\",\"Resource\":\"*\",\"Condition\":" + condition + "}}",
                PolicyType.MANAGED);
    }

    /** Whether {@code policy} allows alice's s3:GetObject on {@code resource} in {@code ctx}. */
    static boolean allows(Policy policy, RequestContext ctx, String resource) {
        return new PolicyEvaluator().evaluate(AuthorizationRequest.builder().principal(ALICE).action("s3:GetObject")
                .resource(resource).context(withPrincipal(ctx)).identityPolicy(policy).build()).allowed();
    }

    /** The principal keys of alice, then the keys of {@code ctx} (which win). */
    static RequestContext withPrincipal(RequestContext ctx) {
        RequestContext.Builder b = RequestContext.builder().principal(ALICE);
        ctx.asMap().forEach((k, v) -> {
            if (ctx.lookup(k.toLowerCase(java.util.Locale.ROOT)).multiValued()) {
                b.put(k, v);
            } else {
                b.put(k, v.get(0));
            }
        });
        return b.build();
    }

    /** A context from alternating key, value pairs; a value of type String[] makes a multi-valued key. */
    static RequestContext ctx(Object... kv) {
        RequestContext.Builder b = RequestContext.builder();
        for (int i = 0; i < kv.length; i += 2) {
            if (kv[i + 1] instanceof String[] many) {
                b.put((String) kv[i], Arrays.asList(many));
            } else {
                b.put((String) kv[i], (String) kv[i + 1]);
            }
        }
        return b.build();
    }

    static String[] many(String... values) {
        return values;
    }
}
