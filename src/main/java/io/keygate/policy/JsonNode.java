package io.keygate.policy;

import java.util.List;
import java.util.Map;

/** The parsed JSON of a policy document, each node with the line and column it starts at (1-based). */
sealed interface JsonNode permits JsonNode.Obj, JsonNode.Arr, JsonNode.Str, JsonNode.Scalar {

    int line();

    int column();

    /** An object; members keep document order. */
    record Obj(Map<String, Member> members, int line, int column) implements JsonNode {
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
