package io.keygate.policy;

import java.util.List;

/** The parsed JSON of a policy document, each node with the line and column it starts at (1-based). */
sealed interface JsonNode permits JsonNode.Obj, JsonNode.Arr, JsonNode.Str, JsonNode.Scalar {

    int line();

    int column();

    /**
     * An object; members keep document order and have distinct names (the parser refuses duplicates). A list rather
     * than a map: policy objects are small, and the validator looks names up only in objects whose member names it
     * has already checked against the grammar's few (at most nine), so a lookup scans a handful of entries.
     */
    record Obj(List<Member> members, int line, int column) implements JsonNode {

        /** The member called {@code name}, or {@code null}. */
        Member get(String name) {
            for (int i = 0, n = members.size(); i < n; i++) {
                Member m = members.get(i);
                if (m.name().equals(name)) {
                    return m;
                }
            }
            return null;
        }
    }

    /** An object member: the name's position and the value. */
    record Member(String name, JsonNode value, int line, int column) {
    }

    record Arr(List<JsonNode> items, int line, int column) implements JsonNode {
    }

    record Str(String value, int line, int column) implements JsonNode {
    }

    /** A number, {@code true}, {@code false} or {@code null}, with its text. */
    record Scalar(String text, boolean isNull, int line, int column) implements JsonNode {
    }
}
