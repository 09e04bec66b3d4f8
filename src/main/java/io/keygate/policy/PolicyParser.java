package io.keygate.policy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.keygate.error.AwsErrorCode;
import io.keygate.error.InvalidInputException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * First stage of the policy engine: policy text to a positioned JSON tree. Checks, before parsing, the characters
 * AWS allows in policy documents (U+0009, U+000A, U+000D, U+0020–U+00FF) and the size quota of the
 * {@link PolicyType} (whitespace not counted), then parses with Jackson's streaming parser, refusing duplicate
 * member names and nesting deeper than the policy grammar can use. Every failure is a
 * {@code MalformedPolicyDocument} with AWS's text ({@value #SYNTAX} for the syntax of the JSON) and, apart from it,
 * the line and column and what exactly is wrong ({@link io.keygate.error.KeygateException#location()}). Stateless and
 * thread-safe.
 */
final class PolicyParser {

    /** Longest text parsed at all; IAM's API takes policy documents up to 131,072 characters. */
    static final int MAX_TEXT = 131_072;
    /** root → Statement[] → statement → Condition → operator → key → values[] is depth 7. */
    static final int MAX_DEPTH = 7;
    /** AWS's text for a document it cannot read; what is wrong and where goes into the error's location. */
    static final String SYNTAX = "Syntax errors in policy.";

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private PolicyParser() {
    }

    static JsonNode.Obj parse(String text, PolicyType type) {
        if (text == null || text.isBlank()) {
            throw malformed(SYNTAX, "The policy document is empty.");
        }
        if (text.length() > MAX_TEXT) {
            throw malformed("Cannot exceed quota for PolicySize: " + type.maxSize());
        }
        int size = 0;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c > ' ' && c <= 0xFF) {
                size++; // the common case first: a visible character that counts against the quota
            } else if (c != ' ' && c != '\n' && c != '\t' && c != '\r') {
                throw badCharacter(text, i);
            }
        }
        if (size > type.maxSize()) {
            throw malformed("Cannot exceed quota for PolicySize: " + type.maxSize());
        }
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken first = p.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw syntax("The policy document must be a JSON object.", p.currentTokenLocation());
            }
            JsonNode node = read(p, 1);
            if (p.nextToken() != null) {
                throw syntax("Unexpected content after the policy document.", p.currentTokenLocation());
            }
            return (JsonNode.Obj) node;
        } catch (JsonProcessingException e) {
            throw syntax(e.getOriginalMessage(), e.getLocation());
        } catch (IOException e) {
            throw malformed(SYNTAX);
        }
    }

    /** The error for the disallowed character at {@code index}; line and column are only counted for it. */
    private static InvalidInputException badCharacter(String text, int index) {
        int line = 1;
        int col = 1;
        for (int i = 0; i < index; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
        }
        return malformed(SYNTAX, position(null, line, col,
                String.format("Character U+%04X is not allowed in a policy document.", (int) text.charAt(index))));
    }

    private static JsonNode read(JsonParser p, int depth) throws IOException {
        JsonLocation loc = p.currentTokenLocation();
        int line = loc.getLineNr();
        int col = loc.getColumnNr();
        JsonToken t = p.currentToken();
        if ((t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) && depth > MAX_DEPTH) {
            throw syntax("The document is nested too deeply.", loc);
        }
        switch (t) {
            case START_OBJECT: {
                List<JsonNode.Member> members = new ArrayList<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    JsonLocation nameLoc = p.currentTokenLocation();
                    String name = p.currentName();
                    p.nextToken();
                    JsonNode value = read(p, depth + 1);
                    members.add(new JsonNode.Member(name, value, nameLoc.getLineNr(), nameLoc.getColumnNr()));
                }
                return new JsonNode.Obj(members, line, col);
            }
            case START_ARRAY: {
                List<JsonNode> items = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    items.add(read(p, depth + 1));
                }
                return new JsonNode.Arr(items, line, col);
            }
            case VALUE_STRING:
                return new JsonNode.Str(p.getText(), line, col);
            case VALUE_NULL:
                return new JsonNode.Scalar("null", true, line, col);
            default:
                return new JsonNode.Scalar(p.getText(), false, line, col);
        }
    }

    /** {@value #SYNTAX}, with the position of the problem and what it is kept apart. */
    private static InvalidInputException syntax(String problem, JsonLocation loc) {
        return malformed(SYNTAX, loc == null ? problem : position(null, loc.getLineNr(), loc.getColumnNr(), problem));
    }

    /**
     * Keygate's help for a problem in a document: {@code Statement[1].Action[0], line 5, column 35: what is wrong}.
     *
     * @param where   the element ({@code Statement[1].Action[0]}), or null when only the position is known
     * @param problem what is wrong beyond AWS's text, or null
     */
    static String position(String where, int line, int column, String problem) {
        String at = (where == null ? "" : where + ", ") + "line " + line + ", column " + column;
        return problem == null || problem.isEmpty() ? at : at + ": " + problem;
    }

    /** @param message AWS's text */
    static InvalidInputException malformed(String message) {
        return new InvalidInputException(AwsErrorCode.MalformedPolicyDocument, message);
    }

    /**
     * @param message  AWS's text
     * @param location Keygate's help: where and what exactly (see {@link #position})
     */
    static InvalidInputException malformed(String message, String location) {
        return new InvalidInputException(AwsErrorCode.MalformedPolicyDocument, message, location);
    }
}
