package io.keygate.app;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** SAML federation settings ({@code keygate.federation.saml.*}). */
@ConfigMapping(prefix = "keygate.federation.saml")
public interface SamlConfig {

    /** Keygate's SP entity id, the audience assertions must name; default {@code <public-url>/saml}. */
    Optional<String> entityId();

    /**
     * Further accepted audiences, e.g. {@code urn:amazon:webservices} to reuse an IdP application built for AWS.
     * None by default.
     */
    Optional<Set<String>> extraAudiences();

    /** Further accepted bearer recipients / Response destinations (e.g. {@code https://signin.aws.amazon.com/saml}). */
    Optional<Set<String>> extraRecipients();

    /** Tolerance on every time check of an assertion. */
    @WithDefault("60s")
    Duration clockSkew();

    /** Accept RSA-SHA1 signatures and SHA-1 digests (old IdPs). Off by default. */
    @WithDefault("false")
    boolean allowSha1();

    /** The largest CreateSAMLProvider / UpdateSAMLProvider request body, in bytes (a 10,000,000-character document, URL-encoded). */
    @WithDefault("31000000")
    int maxMetadataRequestBytes();
}
