package io.keygate.protocol.api;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.keygate.error.AwsErrorCode;
import io.keygate.error.InvalidInputException;

/** Validating accessors for JSON request bodies, with AWS-style messages. Stateless. */
public final class JsonFields {

    private JsonFields() {
    }

    /** The body must be a JSON object whose member names are all in {@code allowed}. */
    public static JsonNode object(JsonNode body, Set<String> allowed) {
        if (body == null || !body.isObject()) {
            throw new InvalidInputException(AwsErrorCode.ValidationError, "The request body must be a JSON object.");
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new InvalidInputException(AwsErrorCode.ValidationError, "Unknown member '"
                        + (name.length() > 64 ? name.substring(0, 64) : name) + "'; expected one of " + allowed);
            }
        }
        return body;
    }

    /** An optional string member of at most {@code max} characters; null when absent. */
    public static String string(JsonNode body, String name, int max) {
        JsonNode node = body.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new InvalidInputException(AwsErrorCode.ValidationError, "'" + name + "' must be a string.");
        }
        String value = node.textValue();
        if (value.isEmpty() || value.length() > max) {
            throw new InvalidInputException(AwsErrorCode.ValidationError,
                    "'" + name + "' must have length between 1 and " + max + ".");
        }
        return value;
    }

    /** An optional ISO-8601 timestamp member. */
    public static Instant instant(JsonNode body, String name) {
        String value = string(body, name, 64);
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(AwsErrorCode.ValidationError,
                    "'" + name + "' must be an ISO-8601 timestamp such as 2026-01-01T00:00:00Z.");
        }
    }
}
