package io.keygate.federation.saml;

import java.time.Instant;

import org.w3c.dom.Element;

import io.keygate.error.AwsErrorCode;
import io.keygate.error.FederationRejectedException;

/**
 * The subject and its bearer confirmation (SAML 2.0 Profiles, section 4.1.4.2; Core 2.4.1): a plain {@code NameID}
 * (its whole text, comments skipped), and a {@code SubjectConfirmation} with method {@code bearer} whose
 * {@code SubjectConfirmationData} has a {@code Recipient} equal to Keygate's ACS and a {@code NotOnOrAfter} that has
 * not passed. The Recipient becomes {@code saml:aud}, as in AWS.
 */
final class SubjectConfirmationCheck implements SamlCheck {

    static final String BEARER = "urn:oasis:names:tc:SAML:2.0:cm:bearer";

    @Override
    public void check(SamlWork w) {
        Element subject = SamlXml.child(w.assertion, SamlXml.ASSERTION, "Subject");
        Element nameId = subject == null ? null : SamlXml.child(subject, SamlXml.ASSERTION, "NameID");
        String value = SamlXml.text(nameId);
        if (value == null || value.isEmpty()) {
            throw SamlWork.invalid("The assertion's Subject has no NameID.");
        }
        String failure = "The assertion has no bearer SubjectConfirmation.";
        for (Element confirmation : SamlXml.children(subject, SamlXml.ASSERTION, "SubjectConfirmation")) {
            if (!BEARER.equals(SamlXml.attribute(confirmation, "Method"))) {
                continue;
            }
            Element data = SamlXml.child(confirmation, SamlXml.ASSERTION, "SubjectConfirmationData");
            String recipient = data == null ? null : SamlXml.attribute(data, "Recipient");
            Instant notOnOrAfter = data == null ? null : TimeWindowCheck.instant(data, "NotOnOrAfter");
            if (recipient == null || notOnOrAfter == null) {
                failure = "The bearer SubjectConfirmationData must have a Recipient and a NotOnOrAfter.";
            } else if (!w.settings.acceptsRecipient(recipient)) {
                failure = "The bearer Recipient " + SamlResponseValidator.echo(recipient)
                        + " is not Keygate's SAML endpoint " + w.settings.acsUrl() + ".";
            } else if (!w.now.minus(w.settings.clockSkew()).isBefore(notOnOrAfter)) {
                throw new FederationRejectedException(AwsErrorCode.ExpiredTokenException,
                        "The SAML assertion has expired (SubjectConfirmationData NotOnOrAfter " + notOnOrAfter + ").");
            } else {
                w.subject = value;
                w.subjectFormat = SamlXml.attribute(nameId, "Format");
                w.recipient = recipient;
                w.notOnOrAfter = w.notOnOrAfter == null || notOnOrAfter.isBefore(w.notOnOrAfter) ? notOnOrAfter
                        : w.notOnOrAfter;
                return;
            }
        }
        throw SamlWork.invalid(failure);
    }
}
