package io.keygate.support;

/**
 * Policies written to make a policy engine spend memory: every wildcard segment is a JSON escape of a character near
 * U+FFFF, so an engine that builds a table indexed by character value per segment allocates about half a megabyte
 * per segment. Each document is distinct (its escapes depend on {@code seed}) and fills its type's size quota.
 */
public final class HostilePolicies {

    private HostilePolicies() {
    }

    /** A session policy of about 2 KB (the quota for AssumeRole's Policy is 2,048 characters). */
    public static String session(int seed) {
        return document(seed, 2_040);
    }

    /** A role inline policy of about 10 KB (the quota for a role's inline policies is 10,240 characters). */
    public static String roleInline(int seed) {
        return document(seed, 10_200);
    }

    /** Hostile ARN pattern text of at most {@code budget} characters: {@code *\\uXXXX} repeated. */
    private static String segments(int seed, int budget) {
        StringBuilder s = new StringBuilder();
        for (int j = 0; s.length() + 7 <= budget; j++) {
            s.append("*\\u").append(Integer.toHexString(0xF000 + (seed * 131 + j) % 0x0FFF));
        }
        return s.toString();
    }

    private static String document(int seed, int size) {
        String head = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"H" + seed + "\",\"Effect\":\"Allow\","
                + "\"Action\":\"s3:Get";
        String middle = "*\",\"Resource\":\"arn:aws:s3:::x";
        String condition = "*\",\"Condition\":{\"StringLike\":{\"aws:userid\":\"u";
        String tail = "*\"}}}]}";
        int budget = size - head.length() - middle.length() - condition.length() - tail.length();
        return head + segments(seed, budget / 4) + middle + segments(seed + 1, budget / 2) + condition
                + segments(seed + 2, budget / 4) + tail;
    }
}
