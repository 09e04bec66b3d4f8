package io.keygate.console;

/** HTML building blocks of the console: escaping and the page layout (navigation, stylesheet, no script). */
public final class Html {

    private Html() {
    }

    /** Escapes text for element content and double-quoted attribute values. */
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

    /** A complete page; {@code nav} adds the console navigation and the sign-out form. */
    public static String page(String title, String body, String csrfToken, String script) {
        StringBuilder html = new StringBuilder(2048 + body.length());
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>").append(escape(title)).append(" — Keygate</title>")
                .append("<link rel=\"stylesheet\" href=\"/console/static/console.css\">");
        if (script != null) {
            html.append("<script src=\"/console/static/").append(escape(script)).append("\" defer></script>");
        }
        html.append("</head>\n<body>\n");
        if (csrfToken != null) {
            html.append("<header><nav aria-label=\"Console\"><a href=\"/console\">Keygate</a> ")
                    .append("<a href=\"/console/check\">Check access</a> ")
                    .append("<a href=\"/console/users\">Users</a> <a href=\"/console/groups\">Groups</a> ")
                    .append("<a href=\"/console/roles\">Roles</a> <a href=\"/console/policies\">Policies</a> ")
                    .append("<a href=\"/console/policies/new\">New policy</a> ")
                    .append("<a href=\"/console/providers\">Providers</a> ")
                    .append("<a href=\"/console/access-keys\">Access keys</a> <a href=\"/console/mfa\">MFA</a> ")
                    .append("<a href=\"/console/revocations\">Revocations</a> ")
                    .append("<a href=\"/console/trust\">Trust debugger</a></nav>")
                    .append("<form method=\"post\" action=\"/console/logout\" class=\"signout\">")
                    .append(csrfField(csrfToken)).append("<button type=\"submit\">Sign out</button></form></header>\n");
        }
        html.append("<main>\n<h1>").append(escape(title)).append("</h1>\n").append(body).append("</main>\n</body></html>\n");
        return html.toString();
    }

    public static String csrfField(String csrfToken) {
        return "<input type=\"hidden\" name=\"csrf\" value=\"" + escape(csrfToken) + "\">";
    }

    /** An alert box for an error answer (role="alert" so screen readers announce it). */
    public static String error(String message) {
        return "<p class=\"error\" role=\"alert\">" + escape(message) + "</p>\n";
    }
}
