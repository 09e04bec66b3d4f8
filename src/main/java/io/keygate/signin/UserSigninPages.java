package io.keygate.signin;

import io.keygate.console.Html;

/**
 * The pages of IAM user sign-in: the sign-in form, the password change and the MFA code. Every field has a label
 * and an {@code autocomplete} hint (password managers, one-time codes), the first field has focus order first, the
 * error is a {@code role="alert"} paragraph, and no page carries script. Entered values are never echoed, so a
 * failed sign-in looks the same whatever was wrong.
 */
public final class UserSigninPages {

    private UserSigninPages() {
    }

    /** GET /console/login, and the answer to a failed sign-in ({@code message} non-null). */
    public static String signIn(String csrf, String message) {
        String body = (message == null ? "" : Html.error(message))
                + "<form method=\"post\" action=\"/console/login\" class=\"signin\">" + Html.csrfField(csrf)
                + "<label for=\"account\">Account ID (12 digits) or account alias</label>"
                + "<input id=\"account\" name=\"account\" required maxlength=\"63\" autocomplete=\"organization\" "
                + "autocapitalize=\"none\" spellcheck=\"false\" autofocus>"
                + "<label for=\"username\">IAM user name</label>"
                + "<input id=\"username\" name=\"username\" required maxlength=\"64\" autocomplete=\"username\" "
                + "autocapitalize=\"none\" spellcheck=\"false\">"
                + "<label for=\"password\">Password</label>"
                + "<input id=\"password\" name=\"password\" type=\"password\" required maxlength=\"128\" "
                + "autocomplete=\"current-password\">"
                + "<button type=\"submit\">Sign in</button></form>\n";
        return Html.page("Sign in as an IAM user", body, null, null);
    }

    /** The forced password change: why, the current password again, and the new one twice. */
    public static String changePassword(String csrf, String message) {
        String body = (message == null ? "" : Html.error(message))
                + "<form method=\"post\" action=\"/console/login/password\" class=\"signin\">" + Html.csrfField(csrf)
                + "<label for=\"old-password\">Current password</label>"
                + "<input id=\"old-password\" name=\"oldPassword\" type=\"password\" required maxlength=\"128\" "
                + "autocomplete=\"current-password\" autofocus>"
                + "<label for=\"new-password\">New password</label>"
                + "<input id=\"new-password\" name=\"newPassword\" type=\"password\" required maxlength=\"128\" "
                + "autocomplete=\"new-password\">"
                + "<label for=\"confirm-password\">Confirm new password</label>"
                + "<input id=\"confirm-password\" name=\"confirmPassword\" type=\"password\" required "
                + "maxlength=\"128\" autocomplete=\"new-password\">"
                + "<button type=\"submit\">Change password and continue</button></form>\n";
        return Html.page("Choose a new password", body, null, null);
    }

    /** The MFA step: one six-digit code from the user's device. */
    public static String mfa(String csrf, String message) {
        String body = (message == null ? "" : Html.error(message))
                + "<form method=\"post\" action=\"/console/login/mfa\" class=\"signin\">" + Html.csrfField(csrf)
                + "<label for=\"mfa-code\">MFA code from your authenticator app</label>"
                + "<input id=\"mfa-code\" name=\"code\" required inputmode=\"numeric\" pattern=\"[0-9]{6}\" "
                + "maxlength=\"6\" autocomplete=\"one-time-code\" autofocus>"
                + "<button type=\"submit\">Verify and sign in</button></form>\n";
        return Html.page("Multi-factor authentication", body, null, null);
    }
}
