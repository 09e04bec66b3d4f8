package io.keygate.protocol.query;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.keygate.error.AwsErrorCode;
import io.keygate.error.InvalidInputException;

/**
 * The decoded parameters of one Query request with typed, validating accessors. Validation failures read like
 * AWS's: {@code 1 validation error detected: Value 'x' at 'roleSessionName' failed to satisfy constraint: …}.
 *
 * <p>Immutable.
 */
public final class QueryParams {

    private final Map<String, String> values;

    public QueryParams(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public Map<String, String> asMap() {
        return values;
    }

    /** The raw value, or null when absent. */
    public String raw(String name) {
        return values.get(name);
    }

    /** A required parameter; absent or empty → MissingParameter. */
    public String required(String name) {
        String value = values.get(name);
        if (value == null || value.isEmpty()) {
            throw new InvalidInputException(AwsErrorCode.MissingParameter,
                    "The request must contain the parameter " + name);
        }
        return value;
    }

    /** An optional string parameter checked for length and (when not null) a pattern. */
    public String string(String name, boolean required, int min, int max, Pattern pattern) {
        String value = required ? required(name) : values.get(name);
        if (value == null) {
            return null;
        }
        if (value.length() < min) {
            throw constraint(name, value, "Member must have length greater than or equal to " + min);
        }
        if (value.length() > max) {
            throw constraint(name, value, "Member must have length less than or equal to " + max);
        }
        if (pattern != null && !pattern.matcher(value).matches()) {
            throw constraint(name, value, "Member must satisfy regular expression pattern: " + pattern.pattern());
        }
        return value;
    }

    /** An optional integer within [min, max]; absent → {@code defaultValue}. */
    public Integer integer(String name, int min, int max, Integer defaultValue) {
        String value = values.get(name);
        if (value == null) {
            return defaultValue;
        }
        long parsed;
        try {
            parsed = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(AwsErrorCode.ValidationError, "1 validation error detected: Value '"
                    + echo(value) + "' at '" + member(name) + "' failed to satisfy constraint: Member must be an integer");
        }
        if (parsed < min) {
            throw constraint(name, value, "Member must have value greater than or equal to " + min);
        }
        if (parsed > max) {
            throw constraint(name, value, "Member must have value less than or equal to " + max);
        }
        return (int) parsed;
    }

    /** An optional boolean ({@code true}/{@code false}, any case). */
    public Boolean bool(String name, Boolean defaultValue) {
        String value = values.get(name);
        if (value == null) {
            return defaultValue;
        }
        if (value.equalsIgnoreCase("true")) {
            return Boolean.TRUE;
        }
        if (value.equalsIgnoreCase("false")) {
            return Boolean.FALSE;
        }
        throw new InvalidInputException(AwsErrorCode.ValidationError, "1 validation error detected: Value '"
                + echo(value) + "' at '" + member(name) + "' failed to satisfy constraint: Member must be a boolean");
    }

    /**
     * The members of a Query list, {@code Name.member.1}, {@code Name.member.2}, … in index order; a gap in the
     * numbering or more than {@code max} members is a validation error.
     */
    public List<String> list(String name, int max) {
        List<String> out = new ArrayList<>();
        String prefix = name + ".member.";
        for (int i = 1; ; i++) {
            String value = values.get(prefix + i);
            if (value == null) {
                break;
            }
            out.add(value);
            if (out.size() > max) {
                throw constraint(name, "[…]", "Member must have length less than or equal to " + max);
            }
        }
        long declared = values.keySet().stream().filter(k -> k.startsWith(prefix)).count();
        if (declared != out.size()) {
            throw new InvalidInputException(AwsErrorCode.InvalidParameterValue,
                    "The list " + name + " must be numbered from 1 without gaps.");
        }
        return List.copyOf(out);
    }

    /**
     * The members of a list of structures, {@code Name.member.N.Field}: one map of field → value per member, in
     * index order.
     */
    public List<Map<String, String>> structList(String name, int max) {
        List<Map<String, String>> out = new ArrayList<>();
        String prefix = name + ".member.";
        int counted = 0;
        for (int i = 1; ; i++) {
            String memberPrefix = prefix + i + ".";
            Map<String, String> fields = new LinkedHashMap<>();
            for (Map.Entry<String, String> e : values.entrySet()) {
                if (e.getKey().startsWith(memberPrefix)) {
                    fields.put(e.getKey().substring(memberPrefix.length()), e.getValue());
                }
            }
            if (fields.isEmpty()) {
                break;
            }
            counted += fields.size();
            out.add(Collections.unmodifiableMap(fields));
            if (out.size() > max) {
                throw constraint(name, "[…]", "Member must have length less than or equal to " + max);
            }
        }
        long declared = values.keySet().stream().filter(k -> k.startsWith(prefix)).count();
        if (declared != counted) {
            throw new InvalidInputException(AwsErrorCode.InvalidParameterValue,
                    "The list " + name + " must be numbered from 1 without gaps.");
        }
        return List.copyOf(out);
    }

    /** {@code 1 validation error detected: Value 'v' at 'member' failed to satisfy constraint: …}. */
    public static InvalidInputException constraint(String name, String value, String constraint) {
        return new InvalidInputException(AwsErrorCode.ValidationError, "1 validation error detected: Value '"
                + echo(value) + "' at '" + member(name) + "' failed to satisfy constraint: " + constraint);
    }

    /** AWS names members in lower camel case in validation messages ({@code DurationSeconds → durationSeconds}). */
    static String member(String name) {
        if (name.isEmpty()) {
            return name;
        }
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    /** A value made safe to echo in a message: at most 128 characters. */
    public static String echo(String value) {
        return value.length() > 128 ? value.substring(0, 128) + "…" : value;
    }
}
