package io.keygate.federation.oidc;

import java.net.URI;
import java.net.URISyntaxException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.JSONObjectUtils;

import io.keygate.error.AwsErrorCode;
import io.keygate.error.FederationRejectedException;

/**
 * The verification keys of each OIDC provider: {@code <url>/.well-known/openid-configuration} → {@code jwks_uri} →
 * the key set (OpenID Connect Discovery 1.0 §4, RFC 7517), fetched with {@link DocumentFetcher}'s guards and cached.
 * <ul>
 * <li>Fresh keys (younger than the TTL) are used as they are.</li>
 * <li>Stale keys are still used while a background refresh runs, so an expired TTL never puts a fetch on the
 * request path; keys older than {@link #MAX_STALE} are not used.</li>
 * <li>A {@code kid} the cached set lacks (the provider rotated) triggers one synchronous refresh; refreshes of one
 * provider are at most one per {@link OidcSettings#refreshInterval()}, failures included, so a flood of tokens with
 * bogus key ids cannot make Keygate hammer the provider (the interval is the negative cache).</li>
 * <li>Concurrent callers of one provider share one fetch.</li>
 * </ul>
 * Failures are {@code IDPCommunicationError}. Entries are per provider URL and thumbprint list (bounded by the
 * registered providers). Thread-safe; {@link #keys} may block on a fetch, {@link #isWarm} never does.
 */
public final class JwksCache {

    /** Keys older than this are never used, even while the provider cannot be reached. */
    static final Duration MAX_STALE = Duration.ofHours(24);
    private static final int MAX_PROVIDERS = 10_000;

    /** What identifies a provider's key source: its URL and the thumbprints trusted for its TLS. */
    public record Source(String url, List<String> thumbprints) {
        public Source {
            Objects.requireNonNull(url, "url");
            thumbprints = List.copyOf(thumbprints);
        }
    }

    private static final class State {
        volatile ProviderKeys keys;
        volatile Instant lastAttempt;
        volatile String lastFailure;
        volatile boolean refreshing;
    }

    private final DocumentFetcher fetcher;
    private final OidcSettings settings;
    private final Clock clock;
    private final Executor background;
    private final Map<Source, State> states = new ConcurrentHashMap<>();

    /** @param background runs stale-key refreshes off the request path */
    public JwksCache(DocumentFetcher fetcher, OidcSettings settings, Clock clock, Executor background) {
        this.fetcher = fetcher;
        this.settings = settings;
        this.clock = clock;
        this.background = background;
    }

    /** Whether {@link #keys} would answer for this {@code kid} from memory, without fetching. */
    public boolean isWarm(Source source, String kid) {
        State s = states.get(source);
        ProviderKeys k = s == null ? null : s.keys;
        return k != null && usable(k) && k.has(kid);
    }

    /**
     * The provider's keys, holding {@code kid} if the provider publishes it (null: any key). May block on one fetch.
     *
     * @throws FederationRejectedException IDPCommunicationError when no usable keys can be had
     */
    public ProviderKeys keys(Source source, String kid) {
        State s = state(source);
        ProviderKeys current = s.keys;
        Instant now = clock.instant();
        if (current != null && usable(current) && current.has(kid)) {
            if (now.isAfter(current.fetchedAt().plus(settings.jwksTtl()))) {
                refreshInBackground(source, s);
            }
            return current;
        }
        synchronized (s) {
            current = s.keys;
            if (current != null && usable(current) && current.has(kid)) {
                return current;
            }
            if (s.lastAttempt != null && now.isBefore(s.lastAttempt.plus(settings.refreshInterval()))) {
                // Refreshed (or tried) a moment ago: answer from what we have; an unknown kid stays unknown.
                if (current != null && usable(current)) {
                    return current;
                }
                throw unreachable(s.lastFailure == null ? "no keys" : s.lastFailure);
            }
            return fetch(source, s);
        }
    }

    private boolean usable(ProviderKeys keys) {
        return clock.instant().isBefore(keys.fetchedAt().plus(MAX_STALE));
    }

    private State state(Source source) {
        State s = states.get(source);
        if (s != null) {
            return s;
        }
        if (states.size() >= MAX_PROVIDERS) {
            states.clear();
        }
        return states.computeIfAbsent(source, k -> new State());
    }

    private void refreshInBackground(Source source, State s) {
        Instant now = clock.instant();
        if (s.refreshing || s.lastAttempt != null && now.isBefore(s.lastAttempt.plus(settings.refreshInterval()))) {
            return;
        }
        s.refreshing = true;
        try {
            background.execute(() -> {
                try {
                    synchronized (s) {
                        fetch(source, s);
                    }
                } catch (FederationRejectedException e) {
                    // The stale keys stay in use; the failure is kept for the next caller's message.
                } finally {
                    s.refreshing = false;
                }
            });
        } catch (RejectedExecutionException e) {
            s.refreshing = false;
        }
    }

    /** Fetches discovery and keys now; the caller holds the state's lock. */
    private ProviderKeys fetch(Source source, State s) {
        s.lastAttempt = clock.instant();
        try {
            String discoveryUrl = stripSlash(source.url()) + "/.well-known/openid-configuration";
            Map<String, Object> discovery = JSONObjectUtils.parse(fetcher.get(new URI(discoveryUrl),
                    source.thumbprints()));
            Object jwksUri = discovery.get("jwks_uri");
            if (!(jwksUri instanceof String uri) || uri.isBlank()) {
                throw new DocumentFetcher.FetchException("the discovery document has no jwks_uri");
            }
            JWKSet set = JWKSet.parse(fetcher.get(new URI(uri), source.thumbprints()));
            ProviderKeys keys = new ProviderKeys(set.getKeys(), clock.instant());
            if (keys.keys().isEmpty()) {
                throw new DocumentFetcher.FetchException("the key set holds no signature keys");
            }
            s.keys = keys;
            s.lastFailure = null;
            return keys;
        } catch (DocumentFetcher.FetchException e) {
            s.lastFailure = e.getMessage();
        } catch (ParseException e) {
            s.lastFailure = "the provider sent a document that is not valid JSON or not a key set";
        } catch (URISyntaxException | IllegalArgumentException e) {
            s.lastFailure = "the jwks_uri is not a valid URL";
        }
        throw unreachable(s.lastFailure);
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static FederationRejectedException unreachable(String reason) {
        return new FederationRejectedException(AwsErrorCode.IDPCommunicationError,
                "Couldn't retrieve verification key from your identity provider, please reference "
                        + "AssumeRoleWithWebIdentity documentation for requirements: " + reason);
    }
}
