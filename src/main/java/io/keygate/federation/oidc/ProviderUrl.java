package io.keygate.federation.oidc;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * The syntax of an OIDC provider URL (IAM {@code CreateOpenIDConnectProvider}): {@code https://host[:port][/path]},
 * at most 255 characters, no user info, query or fragment (OpenID Connect Discovery 1.0 §2: the issuer is a URL
 * without query or fragment). Plain {@code http} only to a loopback host and only when the settings allow it.
 * Where the URL may be fetched from is decided per fetch by {@link AddressRules}. Stateless.
 */
public final class ProviderUrl {

    private ProviderUrl() {
    }

    /**
     * Why {@code url} is not an acceptable provider URL, or empty when it is.
     */
    public static Optional<String> problem(String url, OidcSettings settings) {
        if (url.length() > 255) {
            return Optional.of("The URL must be at most 255 characters.");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("The URL is not a valid URL.");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme();
        if (!url.startsWith(scheme + "://") || uri.getRawAuthority() == null || uri.getHost() == null) {
            return Optional.of("The URL must be an absolute https URL with a host.");
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null
                || url.indexOf('?') >= 0 || url.indexOf('#') >= 0) {
            return Optional.of("The URL must not contain user information, a query or a fragment.");
        }
        if (scheme.equals("https")) {
            return Optional.empty();
        }
        if (scheme.equals("http") && settings.allowLoopback() && settings.allowHttpLoopback()
                && AddressRules.isLoopbackName(uri.getHost().toLowerCase(Locale.ROOT))) {
            return Optional.empty();
        }
        return Optional.of("The URL must begin with https://.");
    }
}
