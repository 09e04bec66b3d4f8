package io.keygate.audit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.keygate.protocol.model.ServiceModel;
import io.keygate.protocol.model.Shape;

/**
 * The input or output of a JSON 1.1 call (Cognito Identity) as CloudTrail's {@code requestParameters} and
 * {@code responseElements}, read through the operation's shapes in the service model: structure members with the
 * first letter lower-case, map keys as sent (provider names, tag keys), lists as lists, numbers and booleans as
 * such. A value whose shape the model marks {@code sensitive} (login tokens, OpenID tokens, secret keys) is
 * {@link AuditLog#HIDDEN}, and so is a value whose JSON type differs from its shape's (it cannot be told apart from
 * a secret); members the model does not define are left out. Stateless.
 */
public final class JsonElements {

    private final ServiceModel model;

    public JsonElements(ServiceModel model) {
        this.model = model;
    }

    /**
     * The named structure shape's members of {@code node}.
     *
     * @param shape the operation's input or output shape name, or null (then the answer is null)
     * @param node  the JSON object, or null (then the answer is null)
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> of(String shape, JsonNode node) {
        if (shape == null || node == null || !node.isObject()) {
            return null;
        }
        Map<String, Object> out = (Map<String, Object>) value(model.shape(shape), node);
        return out.isEmpty() ? null : out;
    }

    private Object value(Shape shape, JsonNode node) {
        if (shape.sensitive()) {
            return AuditLog.HIDDEN;
        }
        switch (shape.type()) {
            case "structure" -> {
                if (!node.isObject()) {
                    return AuditLog.HIDDEN;
                }
                Map<String, Object> out = new LinkedHashMap<>();
                shape.members().forEach((member, target) -> {
                    JsonNode v = node.get(member);
                    if (v != null && !v.isNull()) {
                        out.put(AuditEvents.lowerFirst(member), value(model.shape(target), v));
                    }
                });
                return out;
            }
            case "map" -> {
                if (!node.isObject()) {
                    return AuditLog.HIDDEN;
                }
                Shape values = model.shape(shape.value());
                Map<String, Object> out = new LinkedHashMap<>();
                node.properties().forEach(e -> out.put(e.getKey(), value(values, e.getValue())));
                return out;
            }
            case "list" -> {
                if (!node.isArray()) {
                    return AuditLog.HIDDEN;
                }
                Shape items = model.shape(shape.member());
                List<Object> out = new ArrayList<>();
                node.forEach(item -> out.add(value(items, item)));
                return out;
            }
            default -> {
                if (node.isContainerNode()) {
                    return AuditLog.HIDDEN;
                }
                if (node.isNumber()) {
                    return node.numberValue();
                }
                if (node.isBoolean()) {
                    return node.booleanValue();
                }
                String text = node.asText();
                return text.length() <= AuditEvents.MAX_VALUE ? text
                        : text.substring(0, AuditEvents.MAX_VALUE) + "…(" + text.length() + " characters)";
            }
        }
    }
}
