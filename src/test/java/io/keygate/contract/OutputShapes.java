package io.keygate.contract;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.w3c.dom.Element;

import io.keygate.protocol.model.Operation;
import io.keygate.protocol.model.ServiceModel;
import io.keygate.protocol.model.Shape;

/**
 * Checks a Query answer against its operation's output shape in the model, as an SDK generated from that model reads
 * it: {@code <OpResponse xmlns=…>} holding {@code <OpResult>} (present even when the result has no members; absent
 * when the operation has no output) and {@code <ResponseMetadata><RequestId>}; inside, only members the shape names,
 * each at most once, required ones present; list items in {@code <member>}, map entries in
 * {@code <entry><key/><value/></entry>}; timestamps ISO-8601 UTC; booleans {@code true}/{@code false}; numbers that
 * parse; enum values from the enum.
 */
final class OutputShapes {

    private static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z");

    private OutputShapes() {
    }

    /** Every difference between the answer and the model, as readable lines; empty when it conforms. */
    static List<String> problems(ServiceModel model, Operation op, Element root) {
        List<String> out = new ArrayList<>();
        String at = op.name();
        if (!root.getLocalName().equals(op.name() + "Response")) {
            out.add(at + ": root element is <" + root.getLocalName() + ">, expected <" + op.name() + "Response>");
        }
        if (!model.xmlNamespace().equals(root.getNamespaceURI())) {
            out.add(at + ": namespace " + root.getNamespaceURI() + ", expected " + model.xmlNamespace());
        }
        List<String> expected = op.output() == null ? List.of("ResponseMetadata")
                : List.of(op.resultWrapper(), "ResponseMetadata");
        List<String> actual = QueryCalls.children(root).stream().map(Element::getLocalName).toList();
        if (!actual.equals(expected)) {
            out.add(at + ": children of <" + root.getLocalName() + "> are " + actual + ", expected " + expected);
        }
        for (Element child : QueryCalls.children(root)) {
            if (child.getLocalName().equals("ResponseMetadata")) {
                List<Element> meta = QueryCalls.children(child);
                if (meta.size() != 1 || !meta.get(0).getLocalName().equals("RequestId")
                        || meta.get(0).getTextContent().isBlank()) {
                    out.add(at + ": <ResponseMetadata> must hold exactly a non-empty <RequestId>");
                }
            } else if (op.output() != null && child.getLocalName().equals(op.resultWrapper())) {
                structure(model, model.shape(op.output()), child, at + "." + op.resultWrapper(), out);
            }
        }
        return out;
    }

    private static void value(ServiceModel model, Shape shape, Element element, String at, List<String> out) {
        switch (shape.type()) {
            case "structure" -> structure(model, shape, element, at, out);
            case "list" -> list(model, shape, element, at, out);
            case "map" -> map(model, shape, element, at, out);
            default -> scalar(shape, element, at, out);
        }
    }

    private static void structure(ServiceModel model, Shape shape, Element element, String at, List<String> out) {
        Set<String> seen = new HashSet<>();
        for (Element child : QueryCalls.children(element)) {
            String name = child.getLocalName();
            String target = shape.members().get(name);
            if (target == null) {
                out.add(at + ": <" + name + "> is not a member of " + shape.name() + " " + shape.members().keySet());
                continue;
            }
            if (!seen.add(name)) {
                out.add(at + ": <" + name + "> appears more than once");
            }
            value(model, model.shape(target), child, at + "." + name, out);
        }
        for (String required : shape.required()) {
            if (!seen.contains(required)) {
                out.add(at + ": required member <" + required + "> of " + shape.name() + " is missing");
            }
        }
        if (!shape.members().isEmpty() && QueryCalls.children(element).isEmpty()
                && !element.getTextContent().isBlank()) {
            out.add(at + ": structure holds text instead of elements");
        }
    }

    private static void list(ServiceModel model, Shape shape, Element element, String at, List<String> out) {
        Shape item = model.shape(shape.member());
        int i = 0;
        for (Element child : QueryCalls.children(element)) {
            i++;
            if (!child.getLocalName().equals("member")) {
                out.add(at + ": list item <" + child.getLocalName() + ">, expected <member>");
                continue;
            }
            value(model, item, child, at + "[" + i + "]", out);
        }
        if (i == 0 && !element.getTextContent().isBlank()) {
            out.add(at + ": list holds text instead of <member> items");
        }
    }

    private static void map(ServiceModel model, Shape shape, Element element, String at, List<String> out) {
        for (Element entry : QueryCalls.children(element)) {
            List<String> names = QueryCalls.children(entry).stream().map(Element::getLocalName).toList();
            if (!entry.getLocalName().equals("entry") || !names.equals(List.of("key", "value"))) {
                out.add(at + ": map entry <" + entry.getLocalName() + "> " + names + ", expected <entry><key/><value/>");
                continue;
            }
            value(model, model.shape(shape.value()), QueryCalls.children(entry).get(1), at + "{}", out);
        }
    }

    private static void scalar(Shape shape, Element element, String at, List<String> out) {
        if (!QueryCalls.children(element).isEmpty()) {
            out.add(at + ": " + shape.type() + " holds elements");
            return;
        }
        String text = element.getTextContent();
        switch (shape.type()) {
            case "timestamp" -> {
                if (!TIMESTAMP.matcher(text).matches()) {
                    out.add(at + ": timestamp '" + text + "' is not ISO-8601 UTC (2026-01-31T12:00:00Z)");
                }
            }
            case "boolean" -> {
                if (!text.equals("true") && !text.equals("false")) {
                    out.add(at + ": boolean '" + text + "'");
                }
            }
            case "integer", "long" -> {
                try {
                    Long.parseLong(text);
                } catch (NumberFormatException e) {
                    out.add(at + ": " + shape.type() + " '" + text + "'");
                }
            }
            case "blob" -> {
                try {
                    Base64.getDecoder().decode(text.strip());
                } catch (IllegalArgumentException e) {
                    out.add(at + ": blob is not base64");
                }
            }
            default -> {
                if (!shape.enums().isEmpty() && !shape.enums().contains(text)) {
                    out.add(at + ": '" + text + "' is not one of " + shape.enums());
                }
            }
        }
    }
}
