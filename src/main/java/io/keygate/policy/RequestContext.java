package io.keygate.policy;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The request context: the condition keys and their values for one request (IAM User Guide, "AWS global condition
 * context keys"). Keys are case-insensitive, as AWS treats condition key names (tag keys included); a key is either
 * single-valued or multi-valued. Build one with {@link #builder()}; {@link Builder#principal(Principal)} fills the
 * principal keys with the values AWS gives each principal type. Immutable and thread-safe.
 */
public final class RequestContext {

    private static final RequestContext EMPTY = new RequestContext(Map.of());
    /**
     * Keys as written, lower-cased: the keys of a request are mostly the same few dozen names every time, and
     * lower-casing them anew for every key set and looked up was a tenth of a decision's garbage. Bounded: emptied
     * when full (keys a client made up only fill it faster).
     */
    private static final java.util.concurrent.ConcurrentMap<String, String> LOWER =
            new java.util.concurrent.ConcurrentHashMap<>();
    private static final int MAX_LOWER = 8192;

    private final Map<String, ContextValue> entries;

    private RequestContext(Map<String, ContextValue> entries) {
        this.entries = entries;
    }

    /** A context with no keys. */
    public static RequestContext empty() {
        return EMPTY;
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this context's keys, to add or replace some. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.entries.putAll(entries);
        return b;
    }

    /** The values of {@code key} (any case), if present. */
    public Optional<List<String>> values(String key) {
        ContextValue v = entries.get(lower(key));
        return v == null ? Optional.empty() : Optional.of(v.values());
    }

    /** Whether {@code key} (any case) is present. */
    public boolean contains(String key) {
        return entries.containsKey(lower(key));
    }

    /** The entry for a key already lower-cased with {@link Locale#ROOT}, or {@code null}. */
    public ContextValue lookup(String lowerKey) {
        return entries.get(lowerKey);
    }

    /** The keys as given, with their values. */
    public Map<String, List<String>> asMap() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (ContextValue v : entries.values()) {
            m.put(v.key(), v.values());
        }
        return Collections.unmodifiableMap(m);
    }

    @Override
    public String toString() {
        return entries.values().toString();
    }

    /** {@code key} in lower case (ROOT locale), the form entries are kept under. */
    static String lower(String key) {
        String known = LOWER.get(key);
        if (known != null) {
            return known;
        }
        String lowered = key.toLowerCase(Locale.ROOT);
        if (LOWER.size() >= MAX_LOWER) {
            LOWER.clear();
        }
        LOWER.put(key, lowered);
        return lowered;
    }

    /** Builds a {@link RequestContext}. A later value for the same key (any case) replaces the earlier one. */
    public static final class Builder {
        /**
         * The second last written as {@code aws:CurrentTime} and {@code aws:EpochTime}: every request of that second
         * reuses the text instead of formatting it again. Racy by design: a stale read only formats anew.
         */
        private static volatile Second lastSecond = new Second(Long.MIN_VALUE, "", "");

        private record Second(long epochSecond, String iso, String epoch) {
        }

        private final Map<String, ContextValue> entries = new HashMap<>();
        private final List<String> tagKeys = new ArrayList<>();

        private Builder() {
        }

        /** Sets a single-valued key. */
        public Builder put(String key, String value) {
            entries.put(lower(key), new ContextValue(key, List.of(value), false));
            return this;
        }

        /** Sets a multi-valued key (possibly empty, which is not the same as absent). */
        public Builder put(String key, List<String> values) {
            entries.put(lower(key), new ContextValue(key, values, true));
            return this;
        }

        /** Removes a key. */
        public Builder remove(String key) {
            entries.remove(lower(key));
            return this;
        }

        /**
         * Sets the principal keys: {@code aws:PrincipalType}, {@code aws:userid}, {@code aws:username} (IAM users
         * only), {@code aws:PrincipalArn} (the role ARN for role sessions), {@code aws:PrincipalAccount} and
         * {@code aws:FederatedProvider} when the session came from an identity provider.
         */
        public Builder principal(Principal p) {
            put("aws:PrincipalType", p.type().wireName());
            put("aws:userid", p.userId());
            if (p.type() == PrincipalType.USER && p.username() != null) {
                put("aws:username", p.username());
            }
            if (p.type() != PrincipalType.ANONYMOUS && p.type() != PrincipalType.WEB_IDENTITY
                    && p.type() != PrincipalType.SERVICE) {
                put("aws:PrincipalArn", p.principalArn());
            }
            if (p.account() != null) {
                put("aws:PrincipalAccount", p.account());
            }
            if (p.federatedProvider() != null && p.type() == PrincipalType.ASSUMED_ROLE) {
                put("aws:FederatedProvider", p.federatedProvider());
            }
            return this;
        }

        /** Sets {@code aws:CurrentTime} (ISO-8601, seconds) and {@code aws:EpochTime}. */
        public Builder currentTime(Instant now) {
            Second second = lastSecond;
            if (second.epochSecond() != now.getEpochSecond()) {
                Instant s = now.truncatedTo(ChronoUnit.SECONDS);
                second = new Second(s.getEpochSecond(), DateTimeFormatter.ISO_INSTANT.format(s),
                        Long.toString(s.getEpochSecond()));
                lastSecond = second;
            }
            put("aws:CurrentTime", second.iso());
            put("aws:EpochTime", second.epoch());
            return this;
        }

        /** Sets {@code aws:TokenIssueTime} (temporary credentials only). */
        public Builder tokenIssueTime(Instant issued) {
            return put("aws:TokenIssueTime", DateTimeFormatter.ISO_INSTANT.format(issued.truncatedTo(ChronoUnit.SECONDS)));
        }

        /** Sets {@code aws:SourceIp}. */
        public Builder sourceIp(String ip) {
            return put("aws:SourceIp", ip);
        }

        /** Sets {@code aws:SecureTransport}. */
        public Builder secureTransport(boolean tls) {
            return put("aws:SecureTransport", Boolean.toString(tls));
        }

        /** Sets {@code aws:UserAgent}. */
        public Builder userAgent(String userAgent) {
            return put("aws:UserAgent", userAgent);
        }

        /** Sets {@code aws:RequestedRegion}. */
        public Builder requestedRegion(String region) {
            return put("aws:RequestedRegion", region);
        }

        /** Sets {@code aws:SourceIdentity}. */
        public Builder sourceIdentity(String sourceIdentity) {
            return put("aws:SourceIdentity", sourceIdentity);
        }

        /**
         * Sets {@code aws:MultiFactorAuthPresent} and, when MFA was used, {@code aws:MultiFactorAuthAge}. Leave both
         * unset for long-term access keys, where AWS omits them.
         */
        public Builder multiFactorAuth(boolean present, long ageSeconds) {
            put("aws:MultiFactorAuthPresent", Boolean.toString(present));
            if (present) {
                put("aws:MultiFactorAuthAge", Long.toString(ageSeconds));
            } else {
                remove("aws:MultiFactorAuthAge");
            }
            return this;
        }

        /** Sets {@code aws:PrincipalTag/<key>}. */
        public Builder principalTag(String key, String value) {
            return put("aws:PrincipalTag/" + key, value);
        }

        /** Sets {@code aws:ResourceTag/<key>}. */
        public Builder resourceTag(String key, String value) {
            return put("aws:ResourceTag/" + key, value);
        }

        /** Sets {@code aws:RequestTag/<key>} and adds the key to the multi-valued {@code aws:TagKeys}. */
        public Builder requestTag(String key, String value) {
            put("aws:RequestTag/" + key, value);
            tagKeys.add(key);
            return put("aws:TagKeys", tagKeys);
        }

        /** The context. */
        public RequestContext build() {
            return entries.isEmpty() ? EMPTY : new RequestContext(Map.copyOf(entries));
        }
    }
}
