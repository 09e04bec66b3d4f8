/**
 * Keygate as an OpenID Connect issuer (plain Java): rotating RS256/ES384 signing keys sealed in the store, each
 * account's issuer record, and the tokens of STS {@code GetWebIdentityToken}, verifiable through the discovery
 * document and JWKS Keygate publishes (OpenID Connect Discovery 1.0, RFC 7517, RFC 7519).
 */
package io.keygate.issuer;
