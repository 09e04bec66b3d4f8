package io.keygate.signin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.keygate.console.Html;

/**
 * The pages of SAML sign-in: the role chooser, in the DOM shape AWS's sign-in page has and tools scrape
 * (saml2aws, okta-aws-cli, browser extensions): {@code fieldset > div.saml-account}, its
 * {@code div.saml-account-name} reading {@code Account: <alias> (<account id>)} (the id twice without an alias),
 * then one {@code div.saml-role} per role with {@code input.saml-radio[name=roleIndex]} whose value and id are the
 * role ARN and {@code label.saml-role-description[for=<role ARN>]}; and the refusals, each with its request id. No
 * script; every value escaped.
 */
public final class SamlPages {

    private SamlPages() {
    }

    /** The role chooser: a form posting back to {@code /saml} with the held assertion's reference and CSRF token. */
    public static String chooser(SamlSignin.Choose choice) {
        Map<String, List<SamlSignin.Offer>> byAccount = new LinkedHashMap<>();
        for (SamlSignin.Offer offer : choice.offers()) {
            byAccount.computeIfAbsent(offer.accountId(), a -> new java.util.ArrayList<>()).add(offer);
        }
        StringBuilder body = new StringBuilder(1024);
        body.append("<form id=\"saml_form\" name=\"saml_form\" method=\"post\" action=\"/saml\">\n")
                .append(Html.csrfField(choice.csrfToken()))
                .append("<input type=\"hidden\" name=\"pending\" value=\"").append(Html.escape(choice.pending()))
                .append("\">\n<fieldset>\n<legend>Select a role:</legend>\n");
        byAccount.forEach((account, offers) -> {
            String alias = offers.get(0).accountAlias();
            body.append("<div class=\"saml-account\">\n<div class=\"saml-account-name\">Account: ")
                    .append(Html.escape(alias == null ? account : alias)).append(" (").append(Html.escape(account))
                    .append(")</div>\n");
            for (SamlSignin.Offer offer : offers) {
                String arn = Html.escape(offer.roleArn());
                body.append("<div class=\"saml-role\">\n<input type=\"radio\" name=\"roleIndex\" value=\"")
                        .append(arn).append("\" class=\"saml-radio\" id=\"").append(arn).append("\" required>\n")
                        .append("<label for=\"").append(arn).append("\" class=\"saml-role-description\">")
                        .append(Html.escape(offer.roleName())).append("</label>\n</div>\n");
            }
            body.append("</div>\n");
        });
        body.append("</fieldset>\n<p><button type=\"submit\" id=\"signin_button\">Sign in</button></p>\n</form>\n");
        return Html.page("Select a role", body.toString(), null, null);
    }

    /** A refused sign-in: what was wrong, the AWS error code and the request id that finds it in the logs. */
    public static String refused(String code, String message, String requestId) {
        return Html.page("Sign-in refused", Html.error(message)
                + "<dl class=\"identity\"><dt>Error</dt><dd>" + Html.escape(code) + "</dd>"
                + "<dt>Request id</dt><dd id=\"request-id\">" + Html.escape(requestId) + "</dd></dl>\n"
                + "<p>Sign in again at your identity provider. If this keeps happening, give the request id to "
                + "your administrator.</p>\n", null, null);
    }

    /** The chooser came back without its CSRF token or from another browser: nothing was spent. */
    public static String forbidden(String requestId) {
        return refused("Forbidden", "The role choice was not sent from the page Keygate showed this browser (its "
                + "CSRF token or browser binding is missing or wrong). Nothing was used; sign in again at your "
                + "identity provider.", requestId);
    }
}
