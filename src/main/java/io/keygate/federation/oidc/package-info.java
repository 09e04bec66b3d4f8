/**
 * OpenID Connect federation (plain Java): provider URL and address rules, key discovery over guarded TLS
 * (OpenID Connect Discovery 1.0, RFC 7517) with a cached JWKS, and the token pipeline (RFC 7515/7519) that turns a
 * web identity token into a {@link io.keygate.federation.oidc.VerifiedWebIdentity} with its condition keys.
 */
package io.keygate.federation.oidc;
