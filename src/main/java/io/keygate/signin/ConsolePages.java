package io.keygate.signin;

import java.time.format.DateTimeFormatter;

import io.keygate.auth.Caller;

/**
 * The server-rendered pages of a console session. Every value from a request or the store is HTML-escaped; pages
 * carry no script at all (the Content-Security-Policy forbids it) and link only Keygate's own stylesheet.
 */
public final class ConsolePages {

    private ConsolePages() {
    }

    /** The page a signed-in console session lands on: who you are and until when. */
    public static String landing(Caller caller, ConsoleSession session) {
        var claims = caller.session();
        StringBuilder body = new StringBuilder();
        body.append("<h1>Keygate console</h1>\n<dl class=\"identity\">\n");
        row(body, "Signed in as", caller.arn());
        row(body, "Account", caller.accountId());
        if (claims != null) {
            row(body, "Signed in through", claims.issuingAction().name());
            if (claims.sourceIdentity() != null) {
                row(body, "Source identity", claims.sourceIdentity());
            }
        }
        row(body, "Session expires", DateTimeFormatter.ISO_INSTANT.format(session.expiresAt()));
        body.append("</dl>\n").append(signOutForm(session));
        return document("Keygate console", body.toString());
    }

    /** The page shown without a live session: signed out or expired, with a link back to the sign-in broker. */
    public static String signedOut(String issuer) {
        StringBuilder body = new StringBuilder("<h1>You are signed out</h1>\n<p>Your console session has ended.</p>\n");
        if (issuer != null) {
            body.append("<p><a id=\"signin-again\" href=\"").append(escape(issuer))
                    .append("\">Sign in again</a></p>\n");
        }
        return document("Signed out — Keygate", body.toString());
    }

    /** GET /console/logout: a form that signs out (POST with the CSRF token). */
    public static String confirmSignOut(ConsoleSession session) {
        return document("Sign out — Keygate", "<h1>Sign out</h1>\n" + signOutForm(session));
    }

    /** A form was sent without the session's CSRF token. */
    public static String forbidden() {
        return document("Refused — Keygate", "<h1>Refused</h1>\n<p>The form was not sent from this console "
                + "(its CSRF token is missing or wrong). Reload the page and try again.</p>\n");
    }

    private static String signOutForm(ConsoleSession session) {
        return "<form method=\"post\" action=\"/console/logout\"><input type=\"hidden\" name=\"csrf\" value=\""
                + escape(session.csrfToken()) + "\"><button type=\"submit\">Sign out</button></form>\n";
    }

    private static void row(StringBuilder body, String name, String value) {
        body.append("<dt>").append(escape(name)).append("</dt><dd>").append(escape(value)).append("</dd>\n");
    }

    static String document(String title, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + escape(title) + "</title></head>\n<body><main>\n" + body + "</main></body></html>\n";
    }

    /** Escapes text for HTML element content and double-quoted attribute values. */
    public static String escape(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
