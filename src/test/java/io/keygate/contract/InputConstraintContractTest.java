package io.keygate.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.keygate.app.ActionSet;
import io.keygate.protocol.model.Operation;
import io.keygate.protocol.model.ServiceModel;
import io.keygate.protocol.model.Shape;

/**
 * Every input constraint the models give for every implemented action — required members, {@code min}/{@code max}
 * of strings, numbers and lists, {@code pattern}, {@code enum} — is enforced by the running broker with AWS's
 * ValidationError wording, before the action does anything. Driven from the models, so a new action is covered the
 * moment it is served; the exact texts, aggregation and IAM's own name and path texts are pinned row by row in
 * {@code InputConstraintsTest}.
 */
@io.quarkus.test.junit.QuarkusTest
class InputConstraintContractTest {

    /** A character no pattern of the models admits. */
    private static final String FORBIDDEN = "\u0001";

    @Inject
    Instance<ActionSet> actionSets;

    private final List<String> problems = new ArrayList<>();

    @Test
    void everyModelConstraintOfEveryImplementedActionIsEnforced() {
        QueryCalls root = QueryCalls.root();
        int checked = 0;
        for (String key : Contract.implemented(actionSets)) {
            String service = key.substring(0, key.indexOf(':'));
            ServiceModel model = Contract.model(service);
            Operation op = model.operation(key.substring(key.indexOf(':') + 1)).orElseThrow();
            if (op.input() == null) {
                continue;
            }
            Shape input = model.shape(op.input());
            boolean echo = service.equals("sts");
            if (!input.required().isEmpty()) {
                expectExactly(root, model, op, Map.of(), missing(input, echo));
                checked++;
            }
            for (Map.Entry<String, String> m : input.members().entrySet()) {
                for (Map.Entry<String, String> bad : badValues(model, m.getKey(), model.shape(m.getValue()))
                        .entrySet()) {
                    Map<String, String> params = new LinkedHashMap<>();
                    if (model.shape(m.getValue()).isList()) {
                        int n = Integer.parseInt(bad.getKey().substring(bad.getKey().indexOf('#') + 1));
                        listItems(model, model.shape(m.getValue()), m.getKey(), n, params);
                    } else {
                        params.put(m.getKey(), bad.getKey());
                    }
                    expectContaining(root, model, op, params, "at '" + lowerFirst(m.getKey())
                            + "' failed to satisfy constraint: " + bad.getValue());
                    checked++;
                }
            }
        }
        assertThat(problems).as("constraints not enforced as AWS enforces them").isEmpty();
        assertThat(checked).as("constraints checked").isGreaterThan(300);
    }

    /** Values that break one constraint of a member each, with the constraint text AWS answers for it. */
    private static Map<String, String> badValues(ServiceModel model, String member, Shape shape) {
        Map<String, String> out = new LinkedHashMap<>();
        if (shape.type().equals("string")) {
            if (shape.max() != null && shape.max() < 200_000) {
                out.put("a".repeat((int) (shape.max() + 1)),
                        "Member must have length less than or equal to " + shape.max());
            }
            if (shape.min() != null && shape.min() > 0) {
                out.put("a".repeat((int) (shape.min() - 1)),
                        "Member must have length greater than or equal to " + shape.min());
            }
            if (shape.pattern() != null && !ownIamText(model, shape)) {
                out.put(FORBIDDEN.repeat((int) Math.max(1, shape.min() == null ? 1 : shape.min())),
                        "Member must satisfy regular expression pattern: " + shape.pattern());
            }
            if (!shape.enums().isEmpty()) {
                out.put("NotAnEnumValue", "Member must satisfy enum value set: ["
                        + String.join(", ", shape.enums()) + "]");
            }
        } else if (shape.isNumber()) {
            if (shape.min() != null) {
                out.put(Long.toString(shape.min() - 1), "Member must have value greater than or equal to "
                        + shape.min());
            }
            if (shape.max() != null) {
                out.put(Long.toString(shape.max() + 1), "Member must have value less than or equal to " + shape.max());
            }
        } else if (shape.isList() && shape.max() != null && shape.max() < 1000) {
            out.put("#" + (shape.max() + 1), "Member must have length less than or equal to " + shape.max());
        }
        return out;
    }

    /** IAM answers its own text for names and paths (pinned in InputConstraintsTest), not the pattern text. */
    private static boolean ownIamText(ServiceModel model, Shape shape) {
        return model.endpointPrefix().equals("iam")
                && (shape.pattern().equals("[\\w+=,.@-]+")
                || shape.pattern().equals("(\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)"));
    }

    /** {@code n} valid-looking items of a list member ({@code Name.member.i} or {@code Name.member.i.Field}). */
    private static void listItems(ServiceModel model, Shape list, String name, int n, Map<String, String> params) {
        Shape item = model.shape(list.member());
        for (int i = 1; i <= n; i++) {
            if (item.isStructure()) {
                for (Map.Entry<String, String> f : item.members().entrySet()) {
                    params.put(name + ".member." + i + "." + f.getKey(), "k" + i);
                }
            } else {
                params.put(name + ".member." + i, "item" + i);
            }
        }
    }

    /** The exact message for a request that names none of the required members. */
    private static String missing(Shape input, boolean echo) {
        List<String> parts = new ArrayList<>();
        for (String required : input.members().keySet()) {
            if (input.required().contains(required)) {
                parts.add("Value " + (echo ? "null " : "") + "at '" + lowerFirst(required)
                        + "' failed to satisfy constraint: Member must not be null");
            }
        }
        return parts.size() + (parts.size() == 1 ? " validation error detected: " : " validation errors detected: ")
                + String.join("; ", parts);
    }

    private void expectExactly(QueryCalls root, ServiceModel model, Operation op, Map<String, String> params,
                               String message) {
        QueryCalls.Answer answer = root.call(model.apiVersion(), op.name(), params);
        if (answer.status() != 400 || !"ValidationError".equals(answer.errorCode())
                || !message.equals(answer.errorMessage())) {
            problems.add(op.name() + " " + params.keySet() + ": expected 400 ValidationError '" + message
                    + "', got " + answer.status() + " " + answer.errorCode() + " '" + answer.errorMessage() + "'");
        }
    }

    private void expectContaining(QueryCalls root, ServiceModel model, Operation op, Map<String, String> params,
                                  String fragment) {
        QueryCalls.Answer answer = root.call(model.apiVersion(), op.name(), params);
        String message = answer.errorMessage();
        if (answer.status() != 400 || !"ValidationError".equals(answer.errorCode()) || message == null
                || !message.matches("\\d+ validation errors? detected: .*") || !message.contains(fragment)) {
            problems.add(op.name() + " " + params.keySet() + ": expected ValidationError with '" + fragment
                    + "', got " + answer.status() + " " + answer.errorCode() + " '" + message + "'");
        }
    }

    private static String lowerFirst(String name) {
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}
