package io.keygate.decision;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

import io.keygate.error.AwsErrorCode;
import io.keygate.error.InvalidInputException;

/**
 * Reads the {@code Context} member of a decision request: the condition keys a resource server observes (its
 * service's keys, {@code aws:RequestTag/*}, {@code aws:TagKeys}, {@code aws:ResourceTag/*}, {@code aws:SourceIp},
 * {@code aws:SecureTransport}, {@code aws:UserAgent}, …), each a string or a list of strings.
 *
 * <p>Keys that describe the principal or its session come only from the verified credentials (THREATS: "principal
 * context keys come only from verified credentials"), so naming one is a {@code ValidationError}:
 * {@code aws:Principal*}, {@code aws:userid}, {@code aws:username}, {@code aws:MultiFactorAuth*},
 * {@code aws:TokenIssueTime}, {@code aws:SourceIdentity}, {@code aws:FederatedProvider}, {@code saml:*},
 * {@code sts:*}, and OIDC keys, whose prefix is a provider host or URL ({@code token.actions.githubusercontent.com:sub},
 * {@code accounts.google.com:aud}). Keygate's clock decides {@code aws:CurrentTime} and {@code aws:EpochTime}.
 * Stateless.
 */
final class ObservedContext {

    static final int MAX_KEYS = 64;
    static final int MAX_VALUES = 64;
    static final int MAX_KEY_LENGTH = 256;
    static final int MAX_VALUE_LENGTH = 1024;

    private static final Set<String> EXACT = Set.of("aws:userid", "aws:username", "aws:tokenissuetime",
            "aws:sourceidentity", "aws:federatedprovider", "aws:currenttime", "aws:epochtime");
    private static final List<String> PREFIXES = List.of("aws:principal", "aws:multifactorauth", "saml:", "sts:");

    private ObservedContext() {
    }

    /** The keys and values of {@code node} (an object, or null for none). */
    static Map<String, List<String>> read(JsonNode node) {
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw invalid("'Context' must be an object of condition keys to a string or a list of strings.");
        }
        if (node.size() > MAX_KEYS) {
            throw invalid("'Context' may have at most " + MAX_KEYS + " keys.");
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        Set<String> seen = new TreeSet<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String key = e.getKey();
            checkKey(key);
            if (!seen.add(key.toLowerCase(Locale.ROOT))) {
                throw invalid("'Context' names the key " + key + " twice (keys are case-insensitive).");
            }
            out.put(key, values(key, e.getValue()));
        }
        return out;
    }

    private static void checkKey(String key) {
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH || key.indexOf(':') <= 0) {
            throw invalid("Context key '" + echo(key) + "' must be 'prefix:name' of at most " + MAX_KEY_LENGTH
                    + " characters.");
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                throw invalid("Context key '" + echo(key) + "' must be printable ASCII without spaces.");
            }
        }
        if (describesPrincipal(key)) {
            throw invalid("Context key " + key + " describes the principal or its session; it comes only from "
                    + "the verified credentials and cannot be set by a resource server.");
        }
    }

    /** Whether the key is one only the credentials may supply. */
    static boolean describesPrincipal(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        if (EXACT.contains(lower)) {
            return true;
        }
        for (String prefix : PREFIXES) {
            if (lower.startsWith(prefix)) {
                return true;
            }
        }
        // OIDC keys are named after the provider: a host (with dots), a host and path, or a host and port
        // (idp.example:8443/x:sub, localhost:8443:sub): any key whose name part holds another ':' or a '/' before it.
        String prefix = lower.substring(0, lower.indexOf(':'));
        if (prefix.indexOf('.') >= 0 || prefix.indexOf('/') >= 0) {
            return true;
        }
        String rest = lower.substring(prefix.length() + 1);
        int digits = 0;
        while (digits < rest.length() && Character.isDigit(rest.charAt(digits))) {
            digits++;
        }
        return digits > 0 && digits < rest.length() && (rest.charAt(digits) == '/' || rest.charAt(digits) == ':');
    }

    private static List<String> values(String key, JsonNode value) {
        if (value.isArray()) {
            if (value.size() > MAX_VALUES) {
                throw invalid("Context key " + key + " may have at most " + MAX_VALUES + " values.");
            }
            List<String> out = new ArrayList<>(value.size());
            for (JsonNode v : value) {
                out.add(scalar(key, v));
            }
            return out;
        }
        return List.of(scalar(key, value));
    }

    private static String scalar(String key, JsonNode v) {
        if (!v.isTextual() && !v.isNumber() && !v.isBoolean()) {
            throw invalid("Values of context key " + key + " must be strings.");
        }
        String text = v.asText();
        if (text.length() > MAX_VALUE_LENGTH) {
            throw invalid("Values of context key " + key + " must be at most " + MAX_VALUE_LENGTH + " characters.");
        }
        return text;
    }

    static String echo(String key) {
        return key.length() > 64 ? key.substring(0, 64) + "…" : key;
    }

    static InvalidInputException invalid(String message) {
        return new InvalidInputException(AwsErrorCode.ValidationError, message);
    }
}
