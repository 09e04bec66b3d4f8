package io.keygate.signin;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides where {@code login} may redirect (no open redirects): a page of Keygate's own console, that is an
 * absolute URL with the public URL's scheme, host and port whose path is {@code /console} or below it, or a URL
 * that starts with one of the operator's allow-listed prefixes. Userinfo, backslashes, control characters,
 * encoded dot segments and protocol-relative forms are refused outright.
 *
 * <p>Immutable and thread-safe.
 */
public final class DestinationCheck {

    private final URI publicUrl;
    private final List<String> allowedPrefixes;

    public DestinationCheck(String publicUrl, List<String> allowedPrefixes) {
        this.publicUrl = URI.create(Objects.requireNonNull(publicUrl, "publicUrl")).normalize();
        this.allowedPrefixes = List.copyOf(allowedPrefixes);
    }

    /** The URL to redirect to, or empty if {@code destination} is not an allowed destination. */
    public Optional<URI> check(String destination) {
        if (destination == null || destination.isEmpty() || destination.length() > 2048) {
            return Optional.empty();
        }
        for (int i = 0; i < destination.length(); i++) {
            char c = destination.charAt(i);
            if (c <= 0x20 || c == 0x7f || c == '\\') {
                return Optional.empty();
            }
        }
        String lower = destination.toLowerCase(Locale.ROOT);
        if (lower.contains("%2e") || lower.contains("%2f") || lower.contains("%5c")) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(destination);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        if (!uri.isAbsolute() || uri.getRawUserInfo() != null || uri.getHost() == null || uri.isOpaque()) {
            return Optional.empty();
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (path.contains("//") || path.contains("/./") || path.contains("/../") || path.endsWith("/..")
                || path.endsWith("/.")) {
            return Optional.empty();
        }
        if (sameOrigin(uri) && (path.equals("/console") || path.startsWith("/console/"))) {
            return Optional.of(uri);
        }
        for (String prefix : allowedPrefixes) {
            if (!prefix.isEmpty() && destination.startsWith(prefix) && boundary(destination, prefix)) {
                return Optional.of(uri);
            }
        }
        return Optional.empty();
    }

    /** A prefix {@code https://app.example} must not admit {@code https://app.example.evil.com}. */
    private static boolean boundary(String destination, String prefix) {
        if (destination.length() == prefix.length() || prefix.endsWith("/")) {
            return true;
        }
        char next = destination.charAt(prefix.length());
        return next == '/' || next == '?' || next == '#';
    }

    private boolean sameOrigin(URI uri) {
        return uri.getScheme().equalsIgnoreCase(publicUrl.getScheme())
                && uri.getHost().equalsIgnoreCase(publicUrl.getHost())
                && port(uri) == port(publicUrl);
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}
