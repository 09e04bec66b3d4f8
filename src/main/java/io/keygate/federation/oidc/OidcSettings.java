package io.keygate.federation.oidc;

import java.time.Duration;
import java.util.Objects;

/**
 * How Keygate talks to OIDC providers and judges their tokens. Immutable.
 *
 * @param allowLoopback     fetch from loopback addresses (tests, a sidecar IdP); off by default
 * @param allowHttpLoopback also accept plain {@code http} provider URLs, only on loopback and only with
 *                          {@code allowLoopback}; off by default
 * @param connectTimeout    TCP and TLS connect timeout of every fetch
 * @param readTimeout       read timeout of every fetch
 * @param maxResponseBytes  largest discovery document or JWKS accepted
 * @param jwksTtl           how long fetched keys are used before a refresh
 * @param refreshInterval   least time between two fetches for one provider (unknown-kid refreshes included)
 * @param clockSkew         tolerance on {@code exp}, {@code nbf} and {@code iat}
 */
public record OidcSettings(boolean allowLoopback, boolean allowHttpLoopback, Duration connectTimeout,
                           Duration readTimeout, int maxResponseBytes, Duration jwksTtl, Duration refreshInterval,
                           Duration clockSkew) {

    public OidcSettings {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(jwksTtl, "jwksTtl");
        Objects.requireNonNull(refreshInterval, "refreshInterval");
        Objects.requireNonNull(clockSkew, "clockSkew");
        if (maxResponseBytes < 1024) {
            throw new IllegalArgumentException("maxResponseBytes must be at least 1024");
        }
    }

    /** The defaults: no loopback, 5 s timeouts, 256 KiB responses, keys for 1 h, one refresh per 30 s, 60 s skew. */
    public static OidcSettings defaults() {
        return new OidcSettings(false, false, Duration.ofSeconds(5), Duration.ofSeconds(5), 256 * 1024,
                Duration.ofHours(1), Duration.ofSeconds(30), Duration.ofSeconds(60));
    }
}
