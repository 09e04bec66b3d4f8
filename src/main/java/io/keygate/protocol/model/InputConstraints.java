package io.keygate.protocol.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.keygate.error.AwsErrorCode;
import io.keygate.error.InvalidInputException;

/**
 * Enforces the input constraints of one service model on AWS Query parameters, before the action runs, as AWS's
 * request validation does: {@code required}, {@code min}/{@code max} (length of strings and lists, value of numbers),
 * {@code pattern} and {@code enum}, through nested structures and lists ({@code Tags.member.1.Key} is
 * {@code tags.1.member.key}). Every violation is reported, in one message:
 * {@code 1 validation error detected: Value 'x' at 'roleSessionName' failed to satisfy constraint: …} or
 * {@code 3 validation errors detected: …; …; …}.
 *
 * <p>IAM no longer echoes values in these messages ({@code Value at 'userName' failed …}); STS does. Sensitive members
 * (passwords, secrets) are never echoed. IAM's own texts for names and paths (see {@link IamTexts}) follow once the
 * model's constraints hold. Immutable, thread-safe.
 */
public final class InputConstraints {

    /** A violated constraint: where, the offending value (null when absent), and the constraint's text. */
    public record Violation(String path, String value, boolean sensitive, String constraint) {
    }

    private final ServiceModel model;
    private final boolean echoValues;
    /** Member names as paths ({@link #lowerFirst}): names of the model's members only, so a bounded set. */
    private final Map<String, String> memberPaths = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * @param echoValues whether messages quote the offending value ({@code Value 'x' at …}: STS) or not
     *                   ({@code Value at …}: IAM)
     */
    public InputConstraints(ServiceModel model, boolean echoValues) {
        this.model = model;
        this.echoValues = echoValues;
    }

    public ServiceModel model() {
        return model;
    }

    /**
     * Checks the parameters of {@code operation}; an operation the model does not have is not checked.
     *
     * @throws InvalidInputException {@code ValidationError} listing every violation
     */
    public void check(String operation, Map<String, String> params) {
        List<Violation> found = violations(operation, params);
        if (!found.isEmpty()) {
            throw new InvalidInputException(AwsErrorCode.ValidationError, message(found));
        }
        if (model.endpointPrefix().equals("iam")) {
            model.operation(operation).filter(op -> op.input() != null)
                    .flatMap(op -> IamTexts.firstViolation(model, model.shape(op.input()), params))
                    .ifPresent(text -> {
                        throw new InvalidInputException(AwsErrorCode.ValidationError, text);
                    });
        }
    }

    /** Every violated constraint, in model member order. */
    public List<Violation> violations(String operation, Map<String, String> params) {
        Optional<Operation> op = model.operation(operation);
        List<Violation> out = new ArrayList<>();
        if (op.isPresent() && op.get().input() != null) {
            structure(model.shape(op.get().input()), "", "", params, out);
        }
        return out;
    }

    /** {@code N validation error(s) detected: …; …}. */
    public String message(List<Violation> violations) {
        StringBuilder out = new StringBuilder().append(violations.size())
                .append(violations.size() == 1 ? " validation error detected: " : " validation errors detected: ");
        for (int i = 0; i < violations.size(); i++) {
            Violation v = violations.get(i);
            if (i > 0) {
                out.append("; ");
            }
            out.append("Value ");
            if (echoValues && (v.value() == null || !v.sensitive())) {
                out.append(v.value() == null ? "null" : "'" + echo(v.value()) + "'").append(' ');
            }
            out.append("at '").append(v.path()).append("' failed to satisfy constraint: ").append(v.constraint());
        }
        return out.toString();
    }

    private void structure(Shape shape, String wirePrefix, String pathPrefix, Map<String, String> params,
                           List<Violation> out) {
        for (Map.Entry<String, String> m : shape.members().entrySet()) {
            // top-level members (every request checks them all) without new strings
            String wire = wirePrefix.isEmpty() ? m.getKey() : wirePrefix + m.getKey();
            String lowered = memberPaths.computeIfAbsent(m.getKey(), InputConstraints::lowerFirst);
            String path = pathPrefix.isEmpty() ? lowered : pathPrefix + lowered;
            Shape target = model.shape(m.getValue());
            boolean required = shape.required().contains(m.getKey());
            member(target, wire, path, required, params, out);
        }
    }

    private void member(Shape shape, String wire, String path, boolean required, Map<String, String> params,
                        List<Violation> out) {
        if (shape.isList()) {
            list(shape, wire, path, required, params, out);
        } else if (shape.isStructure()) {
            if (!present(wire + ".", params)) {
                if (required) {
                    out.add(new Violation(path, null, shape.sensitive(), "Member must not be null"));
                }
                return;
            }
            structure(shape, wire + ".", path + ".", params, out);
        } else if (shape.isMap()) {
            if (required && !present(wire + ".", params)) {
                out.add(new Violation(path, null, shape.sensitive(), "Member must not be null"));
            }
        } else {
            String value = params.get(wire);
            if (value == null) {
                if (required) {
                    out.add(new Violation(path, null, shape.sensitive(), "Member must not be null"));
                }
                return;
            }
            scalar(shape, value, path, out);
        }
    }

    private void list(Shape shape, String wire, String path, boolean required, Map<String, String> params,
                      List<Violation> out) {
        Shape item = model.shape(shape.member());
        String prefix = wire + ".member.";
        int count = 0;
        while (item.isStructure() ? present(prefix + (count + 1) + ".", params)
                : params.containsKey(prefix + (count + 1))) {
            count++;
        }
        if (count == 0 && !params.containsKey(wire)) {
            if (required) {
                out.add(new Violation(path, null, shape.sensitive(), "Member must not be null"));
            }
            return;
        }
        List<String> shown = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            shown.add(item.isStructure() ? "[" + item.name() + "]" : params.get(prefix + i));
        }
        String display = shown.toString();
        if (shape.min() != null && count < shape.min()) {
            out.add(new Violation(path, display, shape.sensitive(),
                    "Member must have length greater than or equal to " + shape.min()));
        }
        if (shape.max() != null && count > shape.max()) {
            out.add(new Violation(path, display, shape.sensitive(),
                    "Member must have length less than or equal to " + shape.max()));
        }
        for (int i = 1; i <= count; i++) {
            member(item, prefix + i, path + "." + i + ".member", false, params, out);
        }
    }

    private static void scalar(Shape shape, String value, String path, List<Violation> out) {
        boolean hidden = shape.sensitive();
        if (shape.type().equals("string")) {
            if (!shape.enums().isEmpty() && !shape.enums().contains(value)) {
                out.add(new Violation(path, value, hidden,
                        "Member must satisfy enum value set: [" + String.join(", ", shape.enums()) + "]"));
            }
            if (shape.compiled() != null && !IamTexts.hasOwnText(shape) && !shape.compiled().matcher(value).matches()) {
                out.add(new Violation(path, value, hidden,
                        "Member must satisfy regular expression pattern: " + shape.pattern()));
            }
            int length = value.codePointCount(0, value.length());
            if (shape.min() != null && length < shape.min()) {
                out.add(new Violation(path, value, hidden,
                        "Member must have length greater than or equal to " + shape.min()));
            }
            if (shape.max() != null && length > shape.max()) {
                out.add(new Violation(path, value, hidden,
                        "Member must have length less than or equal to " + shape.max()));
            }
        } else if (shape.isNumber()) {
            long number;
            try {
                number = Long.parseLong(value.trim());
            } catch (NumberFormatException e) {
                return; // not a number at all: the action answers that in its own words
            }
            if (shape.min() != null && number < shape.min()) {
                out.add(new Violation(path, value, hidden,
                        "Member must have value greater than or equal to " + shape.min()));
            }
            if (shape.max() != null && number > shape.max()) {
                out.add(new Violation(path, value, hidden,
                        "Member must have value less than or equal to " + shape.max()));
            }
        }
    }

    private static boolean present(String prefix, Map<String, String> params) {
        for (String key : params.keySet()) {
            if (key.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** AWS names members in lower camel case in these messages ({@code SAMLAssertion → sAMLAssertion}). */
    static String lowerFirst(String name) {
        return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    /** A value made safe to echo: at most 128 characters. */
    static String echo(String value) {
        return value.length() > 128 ? value.substring(0, 128) + "…" : value;
    }
}
