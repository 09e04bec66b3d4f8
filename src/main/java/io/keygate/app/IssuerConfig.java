package io.keygate.app;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Keygate as an OpenID Connect issuer ({@code keygate.issuer.*}). */
@ConfigMapping(prefix = "keygate.issuer")
public interface IssuerConfig {

    /**
     * The base of every account's issuer URL ({@code <base>/oidc/<id>}), reachable by the services that verify the
     * tokens. Absent: {@code keygate.public-url}.
     */
    Optional<String> baseUrl();

    /** How long one signing key signs before the next takes over. */
    @WithDefault("P30D")
    Duration keyRotation();

    /** How long before its period a new key is published (verifiers refresh their JWKS meanwhile). */
    @WithDefault("1h")
    Duration prePublish();
}
