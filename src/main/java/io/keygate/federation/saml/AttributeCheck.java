package io.keygate.federation.saml;

import java.util.ArrayList;
import java.util.List;

import org.w3c.dom.Element;

/**
 * Reads the attributes AWS defines (IAM User Guide, "Configuring SAML assertions for the authentication response")
 * and the AuthnStatement's {@code SessionNotOnOrAfter}: the {@code Role} attribute must offer at least one
 * well-formed {@code "<role-arn>,<provider-arn>"} pair (either order), {@code RoleSessionName} must have exactly one
 * value, and {@code SessionDuration}, when present, is a whole number of seconds from 900 to 43,200. Anything else is
 * {@code IDPRejectedClaim}. Values are read whole (every text node, comments skipped).
 */
final class AttributeCheck implements SamlCheck {

    @Override
    public void check(SamlWork w) {
        for (Element statement : SamlXml.children(w.assertion, SamlXml.ASSERTION, "AttributeStatement")) {
            for (Element attribute : SamlXml.children(statement, SamlXml.ASSERTION, "Attribute")) {
                String name = SamlXml.attribute(attribute, "Name");
                if (name == null) {
                    continue;
                }
                List<String> values = w.attributes.computeIfAbsent(name, k -> new ArrayList<>());
                for (Element value : SamlXml.children(attribute, SamlXml.ASSERTION, "AttributeValue")) {
                    values.add(SamlXml.text(value));
                }
            }
        }
        List<String> roleValues = w.attributes.getOrDefault(VerifiedAssertion.ROLE, List.of());
        for (String value : roleValues) {
            RolePair pair = RolePair.parse(value);
            if (pair == null) {
                throw SamlWork.rejected("A Role attribute value is not \"<role-arn>,<saml-provider-arn>\": "
                        + SamlResponseValidator.echo(value));
            }
            w.roles.add(pair);
        }
        if (w.roles.isEmpty()) {
            throw SamlWork.rejected("The assertion has no " + VerifiedAssertion.ROLE + " attribute.");
        }
        List<String> names = w.attributes.getOrDefault(VerifiedAssertion.ROLE_SESSION_NAME, List.of());
        if (names.size() != 1) {
            throw SamlWork.rejected("The assertion must have one " + VerifiedAssertion.ROLE_SESSION_NAME
                    + " value.");
        }
        List<String> duration = w.attributes.get(VerifiedAssertion.SESSION_DURATION);
        if (duration != null) {
            int seconds;
            try {
                seconds = duration.size() == 1 ? Integer.parseInt(duration.get(0)) : -1;
            } catch (NumberFormatException e) {
                seconds = -1;
            }
            if (seconds < 900 || seconds > 43_200) {
                throw SamlWork.rejected("SessionDuration must be one whole number of seconds from 900 to 43200.");
            }
        }
        for (Element authn : SamlXml.children(w.assertion, SamlXml.ASSERTION, "AuthnStatement")) {
            java.time.Instant end = TimeWindowCheck.instant(authn, "SessionNotOnOrAfter");
            if (end != null && (w.sessionNotOnOrAfter == null || end.isBefore(w.sessionNotOnOrAfter))) {
                w.sessionNotOnOrAfter = end;
            }
        }
    }
}
