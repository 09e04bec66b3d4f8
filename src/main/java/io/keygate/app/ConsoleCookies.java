package io.keygate.app;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;

/**
 * The console's cookies, one rule for every way in ({@code Action=login}, {@code POST /saml}): HttpOnly,
 * SameSite=Lax, Secure whenever Keygate is reached over https (public URL, TLS or {@code X-Forwarded-Proto}).
 */
final class ConsoleCookies {

    private ConsoleCookies() {
    }

    static Cookie cookie(RoutingContext ctx, String publicUrl, String path, String name, String value,
                         long maxAgeSeconds) {
        boolean https = publicUrl.startsWith("https:") || ctx.request().isSSL()
                || "https".equalsIgnoreCase(ctx.request().getHeader("X-Forwarded-Proto"));
        return Cookie.cookie(name, value).setPath(path).setHttpOnly(true).setSameSite(CookieSameSite.LAX)
                .setSecure(https).setMaxAge(Math.max(0, maxAgeSeconds));
    }
}
