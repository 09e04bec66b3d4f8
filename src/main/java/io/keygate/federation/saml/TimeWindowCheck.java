package io.keygate.federation.saml;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import org.w3c.dom.Element;

import io.keygate.error.AwsErrorCode;
import io.keygate.error.FederationRejectedException;

/**
 * The assertion is valid now, within the configured skew (SAML 2.0 Core, sections 2.5.1.2 and 2.3.3): its
 * {@code IssueInstant} is not in the future, and the {@code Conditions}' {@code NotBefore} has come and
 * {@code NotOnOrAfter} has not passed. An expired assertion is {@code ExpiredTokenException}, as in STS.
 */
final class TimeWindowCheck implements SamlCheck {

    @Override
    public void check(SamlWork w) {
        Instant issued = instant(w.assertion, "IssueInstant");
        if (issued == null) {
            throw SamlWork.invalid("The assertion has no IssueInstant.");
        }
        if (issued.isAfter(w.now.plus(w.settings.clockSkew()))) {
            throw SamlWork.invalid("The assertion was issued in the future (" + issued + ").");
        }
        Element conditions = SamlXml.child(w.assertion, SamlXml.ASSERTION, "Conditions");
        Instant notBefore = conditions == null ? null : instant(conditions, "NotBefore");
        Instant notOnOrAfter = conditions == null ? null : instant(conditions, "NotOnOrAfter");
        if (notBefore != null && w.now.plus(w.settings.clockSkew()).isBefore(notBefore)) {
            throw SamlWork.invalid("The assertion is not yet valid (NotBefore " + notBefore + ").");
        }
        if (notOnOrAfter != null && !w.now.minus(w.settings.clockSkew()).isBefore(notOnOrAfter)) {
            throw new FederationRejectedException(AwsErrorCode.ExpiredTokenException,
                    "The SAML assertion has expired (NotOnOrAfter " + notOnOrAfter + ").");
        }
        w.notOnOrAfter = notOnOrAfter;
    }

    static Instant instant(Element e, String attribute) {
        String value = SamlXml.attribute(e, attribute);
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException ex) {
            throw SamlWork.invalid(attribute + " is not an xs:dateTime in UTC.");
        }
    }
}
