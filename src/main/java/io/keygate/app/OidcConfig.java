package io.keygate.app;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How Keygate reaches OpenID Connect providers and judges their tokens ({@code keygate.federation.oidc.*}). */
@ConfigMapping(prefix = "keygate.federation.oidc")
public interface OidcConfig {

    /** Fetch discovery documents and keys from loopback addresses (a sidecar IdP, tests). */
    @WithDefault("false")
    boolean allowLoopback();

    /** Also accept plain-http provider URLs, only on loopback and only together with allow-loopback. */
    @WithDefault("false")
    boolean allowHttpLoopback();

    /** Connect timeout (TCP and TLS) of every fetch. */
    @WithDefault("5s")
    Duration connectTimeout();

    /** Read timeout of every fetch; a whole fetch may take at most twice this. */
    @WithDefault("5s")
    Duration readTimeout();

    /** Largest discovery document or key set accepted, in bytes. */
    @WithDefault("262144")
    int maxResponseBytes();

    /** How long fetched keys are used before they are refreshed (in the background). */
    @WithDefault("1h")
    Duration jwksTtl();

    /** Least time between two fetches for one provider, unknown-kid refreshes included. */
    @WithDefault("30s")
    Duration refreshInterval();

    /** Tolerance on the token's exp, nbf and iat. */
    @WithDefault("60s")
    Duration clockSkew();
}
