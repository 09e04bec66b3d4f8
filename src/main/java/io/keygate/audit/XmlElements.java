package io.keygate.audit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.keygate.protocol.query.XmlWriter;

/**
 * The {@code <Action>Result} element of a Query answer, as its writer recorded it, as CloudTrail's
 * {@code responseElements}: nested maps with lower-camel names, {@code <member>} lists as lists, text as strings.
 * Nothing is parsed back: the tree is what the action wrote.
 */
final class XmlElements {

    private XmlElements() {
    }

    /** The members of {@code result}, or null when it has none. */
    static Map<String, Object> of(XmlWriter.Tree result) {
        if (result == null) {
            return null;
        }
        Object value = convert(result);
        @SuppressWarnings("unchecked")
        Map<String, Object> map = value instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
        return map == null || map.isEmpty() ? null : map;
    }

    private static Object convert(XmlWriter.Tree element) {
        List<XmlWriter.Tree> children = element.children();
        if (children.isEmpty()) {
            return element.text() == null ? "" : element.text();
        }
        if (children.stream().allMatch(c -> c.name().equals("member"))) {
            return children.stream().map(XmlElements::convert).toList();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (XmlWriter.Tree child : children) {
            out.put(AuditEvents.lowerFirst(child.name()), convert(child));
        }
        return out;
    }
}
