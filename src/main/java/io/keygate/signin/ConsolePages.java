package io.keygate.signin;

import io.keygate.console.Html;

/**
 * The sign-in side's own pages: signed out (or expired, with a link back to the broker's sign-in page), the
 * sign-out form, and the refusal of a form sent without its CSRF token. No script; every value escaped.
 */
public final class ConsolePages {

    private ConsolePages() {
    }

    /**
     * The page shown without a live session: signed out or expired, with a link back to the sign-in broker, or to
     * IAM user sign-in when no broker is known.
     */
    public static String signedOut(String issuer) {
        StringBuilder body = new StringBuilder("<p>You are signed out: your console session has ended.</p>\n");
        if (issuer != null) {
            body.append("<p><a id=\"signin-again\" href=\"").append(Html.escape(issuer))
                    .append("\">Sign in again</a></p>\n");
        } else {
            body.append("<p><a id=\"signin-again\" href=\"/console/login\">Sign in as an IAM user</a></p>\n");
        }
        return Html.page("Signed out", body.toString(), null, null);
    }

    /** GET /console/logout: a form that signs out (POST with the CSRF token). */
    public static String confirmSignOut(ConsoleSession session) {
        return Html.page("Sign out", "<form method=\"post\" action=\"/console/logout\">"
                + Html.csrfField(session.csrfToken()) + "<button type=\"submit\">Sign out</button></form>\n",
                null, null);
    }

    /** A form was sent without the session's CSRF token. */
    public static String forbidden() {
        return Html.page("Refused", "<p>The form was not sent from this console (its CSRF token is missing or "
                + "wrong). Reload the page and try again.</p>\n", null, null);
    }
}
