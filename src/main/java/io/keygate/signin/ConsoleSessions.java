package io.keygate.signin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.keygate.credentials.ThreadLocalSecureRandom;
import io.keygate.expiry.ExpiringEntries;

/**
 * Console sessions, kept server-side in the expiring entries (shared by every node): the cookie holds only a
 * random 256-bit id, the store holds the session under the id's SHA-256, so neither a leaked store nor a copied
 * log line yields a usable cookie. A session expires on its own when its credentials do.
 *
 * <p>Thread-safe.
 */
public final class ConsoleSessions {

    private static final String PREFIX = "console/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ExpiringEntries entries;
    private final Clock clock;

    public ConsoleSessions(ExpiringEntries entries, Clock clock) {
        this.entries = Objects.requireNonNull(entries, "entries");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Opens a session; returns the value of its cookie (a fresh id, so a planted cookie is never adopted). */
    public String open(String sessionToken, String issuer, Instant expiresAt) {
        Duration lifespan = Duration.between(clock.instant(), expiresAt);
        if (lifespan.isNegative() || lifespan.isZero()) {
            throw new IllegalArgumentException("the session has already expired");
        }
        String id = randomId();
        ConsoleSession session = new ConsoleSession(sessionToken, issuer, expiresAt, randomId());
        if (!entries.putIfAbsent(PREFIX + hash(id), write(session), lifespan)) {
            throw new IllegalStateException("console session id collision");
        }
        return id;
    }

    /** The live session named by a cookie value, if any. */
    public Optional<ConsoleSession> find(String cookieValue) {
        if (cookieValue == null || cookieValue.length() != 43) {
            return Optional.empty();
        }
        return entries.get(PREFIX + hash(cookieValue)).map(ConsoleSessions::read)
                .filter(s -> s.expiresAt().isAfter(clock.instant()));
    }

    /** Ends the session named by a cookie value (logout); true if there was one. */
    public boolean end(String cookieValue) {
        return cookieValue != null && cookieValue.length() == 43 && entries.remove(PREFIX + hash(cookieValue));
    }

    /** 32 random bytes in base64url (43 characters). */
    static String randomId() {
        byte[] bytes = new byte[32];
        ThreadLocalSecureRandom.INSTANCE.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hash(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String write(ConsoleSession s) {
        ObjectNode node = JSON.createObjectNode();
        node.put("v", 1);
        node.put("token", s.sessionToken());
        if (s.issuer() != null) {
            node.put("issuer", s.issuer());
        }
        node.put("exp", s.expiresAt().getEpochSecond());
        node.put("csrf", s.csrfToken());
        return node.toString();
    }

    private static ConsoleSession read(String json) {
        try {
            var node = JSON.readTree(json);
            // Fields added by a newer version are ignored, so a rolling upgrade keeps sessions alive.
            return new ConsoleSession(node.path("token").asText(),
                    node.hasNonNull("issuer") ? node.get("issuer").asText() : null,
                    Instant.ofEpochSecond(node.path("exp").asLong()), node.path("csrf").asText());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable console session", e);
        }
    }
}
