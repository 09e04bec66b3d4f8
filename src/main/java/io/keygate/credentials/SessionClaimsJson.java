package io.keygate.credentials;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The compact JSON form of {@link SessionClaims} inside a session token: short field names, defaults omitted.
 * Parsing is strict and fails closed: the root is one object, every known field appears once with the expected
 * type, and nothing follows the object.
 *
 * <p><b>Newer versions.</b> During a rolling upgrade a node must accept a token minted by a newer node, so a claim
 * this version does not know is skipped and a version above {@link #VERSION} is accepted, except when the token
 * names that claim in {@code cr} (critical claims, the idea of JWS {@code crit}, RFC 7515 §4.1.11): a newer
 * version that adds a <em>restriction</em> lists it there, and an older node refuses the token rather than drop
 * the restriction. Informational claims are added without {@code cr}.
 *
 * <pre>
 * v  format version (1)      k  access key id         s  secret access key     t  principal type code
 * a  principal ARN           u  aws:userid            c  account id            p  partition (absent: aws)
 * i  issued at (epoch s)     e  expires at (epoch s)  sa source ARN            su source unique id
 * m  MFA present (absent: false)                      mt MFA time (epoch s)    si source identity
 * tg session tags {k: v}     tt transitive tag keys   sp session policy JSON   pa session policy ARNs
 * fp federated provider      fs federated subject     rn role session name     x  issuing action code
 * ch chained (absent: false) fc federated condition keys {k: v}
 * cr critical claims: refuse the token unless this node knows every claim listed
 * </pre>
 * Thread-safe (the factory is immutable once built).
 */
final class SessionClaimsJson {

    static final int VERSION = 1;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(3)
                    .maxNumberLength(19)
                    .maxStringLength(64 * 1024)
                    .build())
            .build();

    private SessionClaimsJson() {
    }

    /** Writes {@code claims} as UTF-8 JSON to {@code out} (which is not closed). */
    static void write(SessionClaims c, OutputStream out) throws IOException {
        try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.writeStartObject();
            g.writeNumberField("v", VERSION);
            g.writeStringField("k", c.accessKeyId().value());
            g.writeStringField("s", c.secretAccessKey());
            g.writeStringField("t", c.principalType().code());
            g.writeStringField("a", c.principalArn());
            g.writeStringField("u", c.userId());
            g.writeStringField("c", c.accountId());
            if (!c.partition().equals("aws")) {
                g.writeStringField("p", c.partition());
            }
            g.writeNumberField("i", c.issuedAt().getEpochSecond());
            g.writeNumberField("e", c.expiresAt().getEpochSecond());
            g.writeStringField("sa", c.sourceArn());
            g.writeStringField("su", c.sourceUniqueId());
            if (c.mfaPresent()) {
                g.writeBooleanField("m", true);
            }
            if (c.mfaAuthenticatedAt() != null) {
                g.writeNumberField("mt", c.mfaAuthenticatedAt().getEpochSecond());
            }
            writeOptional(g, "si", c.sourceIdentity());
            if (!c.sessionTags().isEmpty()) {
                g.writeObjectFieldStart("tg");
                for (Map.Entry<String, String> tag : c.sessionTags().entrySet()) {
                    g.writeStringField(tag.getKey(), tag.getValue());
                }
                g.writeEndObject();
            }
            writeList(g, "tt", c.transitiveTagKeys());
            writeOptional(g, "sp", c.sessionPolicy());
            writeList(g, "pa", c.sessionPolicyArns());
            writeOptional(g, "fp", c.federatedProvider());
            writeOptional(g, "fs", c.federatedSubject());
            if (!c.federatedClaims().isEmpty()) {
                g.writeObjectFieldStart("fc");
                for (Map.Entry<String, String> claim : c.federatedClaims().entrySet()) {
                    g.writeStringField(claim.getKey(), claim.getValue());
                }
                g.writeEndObject();
            }
            writeOptional(g, "rn", c.roleSessionName());
            g.writeStringField("x", c.issuingAction().code());
            if (c.chained()) {
                g.writeBooleanField("ch", true);
            }
            g.writeEndObject();
        }
    }

    /** The JSON form as bytes; for tests and size measurements. */
    static byte[] toBytes(SessionClaims claims) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(2048);
        try {
            write(claims, out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    private static void writeOptional(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }

    private static void writeList(JsonGenerator g, String name, List<String> values) throws IOException {
        if (!values.isEmpty()) {
            g.writeArrayFieldStart(name);
            for (String v : values) {
                g.writeString(v);
            }
            g.writeEndArray();
        }
    }

    /**
     * Parses the JSON form.
     *
     * @throws IOException or IllegalArgumentException (or NullPointerException for a missing required field) on
     *                     any deviation; the caller maps every failure to one error
     */
    static SessionClaims read(byte[] json, int length) throws IOException {
        SessionClaims.Builder b = SessionClaims.builder();
        int version = -1;
        List<String> critical = List.of();
        List<String> unknown = new java.util.ArrayList<>(0);
        try (JsonParser p = FACTORY.createParser(json, 0, length)) {
            expect(p.nextToken(), JsonToken.START_OBJECT);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "v" -> version = (int) longValue(p, value);
                    case "k" -> b.accessKeyId(new AccessKeyId(text(p, value)));
                    case "s" -> b.secretAccessKey(text(p, value));
                    case "t" -> b.principalType(PrincipalType.fromCode(text(p, value)));
                    case "a" -> b.principalArn(text(p, value));
                    case "u" -> b.userId(text(p, value));
                    case "c" -> b.accountId(text(p, value));
                    case "p" -> b.partition(text(p, value));
                    case "i" -> b.issuedAt(Instant.ofEpochSecond(longValue(p, value)));
                    case "e" -> b.expiresAt(Instant.ofEpochSecond(longValue(p, value)));
                    case "sa" -> b.sourceArn(text(p, value));
                    case "su" -> b.sourceUniqueId(text(p, value));
                    case "m" -> b.mfaPresent(trueValue(value));
                    case "mt" -> b.mfaAuthenticatedAt(Instant.ofEpochSecond(longValue(p, value)));
                    case "si" -> b.sourceIdentity(text(p, value));
                    case "tg" -> b.sessionTags(stringMap(p, value));
                    case "tt" -> b.transitiveTagKeys(list(p, value));
                    case "sp" -> b.sessionPolicy(text(p, value));
                    case "pa" -> b.sessionPolicyArns(list(p, value));
                    case "fp" -> b.federatedProvider(text(p, value));
                    case "fs" -> b.federatedSubject(text(p, value));
                    case "fc" -> b.federatedClaims(stringMap(p, value));
                    case "rn" -> b.roleSessionName(text(p, value));
                    case "x" -> b.issuingAction(IssuingAction.fromCode(text(p, value)));
                    case "ch" -> b.chained(trueValue(value));
                    case "cr" -> critical = list(p, value);
                    default -> {
                        // A claim of a newer version: skipped unless the token marks it critical (checked below).
                        unknown.add(name);
                        p.skipChildren();
                    }
                }
            }
            expect(p.currentToken(), JsonToken.END_OBJECT);
            if (p.nextToken() != null) {
                throw new IllegalArgumentException("content after the claims object");
            }
        }
        if (version < VERSION) {
            throw new IllegalArgumentException("unsupported claims version");
        }
        for (String name : critical) {
            if (unknown.contains(name)) {
                throw new IllegalArgumentException("unknown critical claim");
            }
        }
        return b.build();
    }

    private static void expect(JsonToken actual, JsonToken expected) {
        if (actual != expected) {
            throw new IllegalArgumentException("expected " + expected);
        }
    }

    private static String text(JsonParser p, JsonToken t) throws IOException {
        expect(t, JsonToken.VALUE_STRING);
        return p.getText();
    }

    private static long longValue(JsonParser p, JsonToken t) throws IOException {
        expect(t, JsonToken.VALUE_NUMBER_INT);
        return p.getLongValue();
    }

    private static boolean trueValue(JsonToken t) {
        // Defaults are omitted, so an explicit false is not canonical.
        expect(t, JsonToken.VALUE_TRUE);
        return true;
    }

    private static List<String> list(JsonParser p, JsonToken t) throws IOException {
        expect(t, JsonToken.START_ARRAY);
        List<String> out = new ArrayList<>();
        JsonToken next;
        while ((next = p.nextToken()) != JsonToken.END_ARRAY) {
            out.add(text(p, next));
        }
        return out;
    }

    private static Map<String, String> stringMap(JsonParser p, JsonToken t) throws IOException {
        expect(t, JsonToken.START_OBJECT);
        Map<String, String> out = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            out.put(key, text(p, p.nextToken()));
        }
        expect(p.currentToken(), JsonToken.END_OBJECT);
        return out;
    }
}
