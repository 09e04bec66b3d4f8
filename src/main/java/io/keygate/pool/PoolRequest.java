package io.keygate.pool;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.keygate.error.AwsErrorCode;
import io.keygate.error.InvalidInputException;

/**
 * The JSON input of one Cognito Identity operation, read member by member with the model's constraints. A member
 * that breaks one is {@code InvalidParameterException} worded as AWS words validation errors ("1 validation error
 * detected: Value 'x' at 'identityPoolName' failed to satisfy constraint: …"). A read-only view over the parsed
 * body, plus one note an unsigned operation makes: the account of the pool the request turned out to be about
 * ({@link #about}), which the audit trail records the call for. Confined to the request's thread.
 */
public final class PoolRequest {

    private final ObjectNode input;
    private String poolAccount;

    public PoolRequest(ObjectNode input) {
        this.input = input;
    }

    /** Notes the pool the request is about, once an unsigned operation has found it. */
    void about(IdentityPool pool) {
        this.poolAccount = pool.accountId();
    }

    /** The account of the pool noted by {@link #about}, or null. */
    public String poolAccount() {
        return poolAccount;
    }

    public boolean has(String member) {
        JsonNode n = input.get(member);
        return n != null && !n.isNull();
    }

    /** A string member; null when absent and not required. */
    public String string(String member, boolean required, int min, int max, Pattern pattern) {
        JsonNode n = input.get(member);
        if (n == null || n.isNull()) {
            if (required) {
                throw missing(member);
            }
            return null;
        }
        if (!n.isTextual()) {
            throw invalid("The member " + member + " must be a string.");
        }
        String value = n.asText();
        check(member, value, min, max, pattern);
        return value;
    }

    public Boolean bool(String member, boolean required) {
        JsonNode n = input.get(member);
        if (n == null || n.isNull()) {
            if (required) {
                throw missing(member);
            }
            return null;
        }
        if (!n.isBoolean()) {
            throw invalid("The member " + member + " must be a boolean.");
        }
        return n.asBoolean();
    }

    public Integer integer(String member, boolean required, int min, int max) {
        JsonNode n = input.get(member);
        if (n == null || n.isNull()) {
            if (required) {
                throw missing(member);
            }
            return null;
        }
        if (!n.canConvertToInt() || !n.isIntegralNumber()) {
            throw invalid("The member " + member + " must be an integer.");
        }
        int value = n.asInt();
        if (value < min || value > max) {
            throw constraint(member, String.valueOf(value), "Member must have value between " + min + " and "
                    + max);
        }
        return value;
    }

    /** A map of strings; empty when absent and not required. */
    public Map<String, String> stringMap(String member, boolean required, int maxEntries, int keyMin, int keyMax,
                                         Pattern keyPattern, int valueMin, int valueMax, Pattern valuePattern) {
        JsonNode n = input.get(member);
        if (n == null || n.isNull()) {
            if (required) {
                throw missing(member);
            }
            return Map.of();
        }
        if (!n.isObject()) {
            throw invalid("The member " + member + " must be a map.");
        }
        if (n.size() > maxEntries) {
            throw constraint(member, "map of " + n.size() + " entries", "Member must have length less than or "
                    + "equal to " + maxEntries);
        }
        Map<String, String> out = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = n.properties().iterator();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            check(member + ".key", e.getKey(), keyMin, keyMax, keyPattern);
            if (!e.getValue().isTextual()) {
                throw invalid("The values of " + member + " must be strings.");
            }
            check(member + ".value", e.getValue().asText(), valueMin, valueMax, valuePattern);
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }

    /** A list of strings; empty when absent and not required. */
    public List<String> stringList(String member, boolean required, int minItems, int maxItems, int min, int max,
                                   Pattern pattern) {
        JsonNode n = input.get(member);
        if (n == null || n.isNull()) {
            if (required) {
                throw missing(member);
            }
            return List.of();
        }
        if (!n.isArray()) {
            throw invalid("The member " + member + " must be a list.");
        }
        if (n.size() < minItems || n.size() > maxItems) {
            throw constraint(member, "list of " + n.size() + " items", "Member must have length between "
                    + minItems + " and " + maxItems);
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : n) {
            if (!item.isTextual()) {
                throw invalid("The items of " + member + " must be strings.");
            }
            check(member + ".member", item.asText(), min, max, pattern);
            out.add(item.asText());
        }
        return out;
    }

    /** The raw member, or null. */
    public JsonNode node(String member) {
        JsonNode n = input.get(member);
        return n == null || n.isNull() ? null : n;
    }

    static void check(String member, String value, int min, int max, Pattern pattern) {
        if (value.length() < min || value.length() > max) {
            throw constraint(member, value, "Member must have length " + (min == max ? "equal to " + min
                    : "between " + min + " and " + max));
        }
        if (pattern != null && !pattern.matcher(value).matches()) {
            throw constraint(member, value, "Member must satisfy regular expression pattern: " + pattern.pattern());
        }
    }

    static InvalidInputException constraint(String member, String value, String what) {
        return invalid("1 validation error detected: Value '" + echo(value) + "' at '" + camel(member)
                + "' failed to satisfy constraint: " + what);
    }

    static InvalidInputException missing(String member) {
        return invalid("1 validation error detected: Value null at '" + camel(member)
                + "' failed to satisfy constraint: Member must not be null");
    }

    public static InvalidInputException invalid(String message) {
        return new InvalidInputException(AwsErrorCode.InvalidParameterException, message);
    }

    /** At most 128 characters of a caller's value, never a token. */
    static String echo(String value) {
        return value.length() > 128 ? value.substring(0, 128) + "…" : value;
    }

    private static String camel(String member) {
        return member.isEmpty() ? member : Character.toLowerCase(member.charAt(0)) + member.substring(1);
    }
}
