package io.keygate.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.keygate.credentials.AuthorizationMessageCodec;
import io.keygate.error.AwsErrorCode;
import io.keygate.error.InvalidInputException;
import io.keygate.policy.Decision;
import io.keygate.policy.EvalDecision;
import io.keygate.policy.MatchedStatement;
import io.keygate.policy.Principal;

/**
 * The encoded authorization failure message of a denial, and its decoding for {@code DecodeAuthorizationMessage}.
 * The decoded form has the shape of STS' {@code DecodedMessage}: {@code allowed}, {@code explicitDeny},
 * {@code matchedStatements.items[]}, {@code failures.items[]} and {@code context} with {@code principal},
 * {@code action}, {@code resource} and {@code conditions.items[] {key, values.items[] {value}}}; Keygate adds the
 * policy id and statement index of each matched statement and the layer that denied. A message can only be decoded
 * by a principal of the account whose request was denied (the sealed envelope carries the account).
 *
 * <p>Thread-safe.
 */
public final class AuthorizationMessages {

    /** Plaintext budget: the encoded form must stay within AWS's 10,240-character EncodedMessage limit. */
    private static final int MAX_PLAINTEXT = 7_000;
    private static final int MAX_CONDITION_VALUE = 256;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AuthorizationMessageCodec codec;

    public AuthorizationMessages(AuthorizationMessageCodec codec) {
        this.codec = codec;
    }

    /** The encoded message for a decision (allowed or not). */
    public String encode(AccessDecision decision) {
        Principal principal = decision.principal();
        ObjectNode envelope = JSON.createObjectNode();
        envelope.put("account", principal.account());
        ObjectNode message = envelope.putObject("message");
        Decision d = decision.decision();
        message.put("allowed", d.allowed());
        message.put("explicitDeny", d.effect() == EvalDecision.EXPLICIT_DENY);
        ArrayNode matched = message.putObject("matchedStatements").putArray("items");
        for (MatchedStatement m : d.matchedStatements()) {
            matched.addObject()
                    .put("statementId", m.sid() == null ? "" : m.sid())
                    .put("effect", m.effect().wireName().toUpperCase(java.util.Locale.ROOT))
                    .put("policyId", m.policyId())
                    .put("statementIndex", m.statementIndex())
                    .put("policyType", m.layer().bare());
        }
        ArrayNode failures = message.putObject("failures").putArray("items");
        if (!d.allowed() && d.matchedStatements().isEmpty() && d.layers().isEmpty()) {
            failures.addObject().put("message", decision.message());
        }
        d.deniedBy().ifPresent(layer -> message.put("deniedBy", layer.bare()));
        ObjectNode context = message.putObject("context");
        context.putObject("principal")
                .put("id", principal.userId())
                .put("name", name(principal))
                .put("arn", principal.arn());
        context.put("action", d.action());
        context.put("resource", d.resource());
        ArrayNode conditions = context.putObject("conditions").putArray("items");
        for (Map.Entry<String, List<String>> e : decision.context().asMap().entrySet()) {
            ObjectNode item = JSON.createObjectNode().put("key", e.getKey());
            ArrayNode values = item.putObject("values").putArray("items");
            for (String v : e.getValue()) {
                values.addObject().put("value", v.length() > MAX_CONDITION_VALUE
                        ? v.substring(0, MAX_CONDITION_VALUE) : v);
            }
            conditions.add(item);
        }
        byte[] plain = bytes(envelope);
        // Many or long context values: keep the decision and drop conditions from the end until it fits.
        while (plain.length > MAX_PLAINTEXT && !conditions.isEmpty()) {
            conditions.remove(conditions.size() - 1);
            plain = bytes(envelope);
        }
        return codec.encode(plain);
    }

    /**
     * The {@code DecodedMessage} JSON of an encoded message.
     *
     * @param accountId the account of the principal decoding it
     * @throws InvalidInputException {@code InvalidAuthorizationMessageException} for a message Keygate did not
     *                               encode, or one about another account's request
     */
    public String decode(String encoded, String accountId) {
        byte[] plain = codec.decode(encoded);
        try {
            JsonNode envelope = JSON.readTree(plain);
            JsonNode message = envelope.get("message");
            if (message == null || !accountId.equals(envelope.path("account").asText(null))) {
                throw invalid();
            }
            return JSON.writeValueAsString(message);
        } catch (IOException e) {
            throw invalid();
        }
    }

    private static InvalidInputException invalid() {
        return new InvalidInputException(AwsErrorCode.InvalidAuthorizationMessageException,
                "The encoded authorization message is invalid or was not issued by this service.");
    }

    private static String name(Principal principal) {
        return principal.username() != null ? principal.username()
                : principal.arn().substring(principal.arn().lastIndexOf('/') + 1);
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsString(node).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
