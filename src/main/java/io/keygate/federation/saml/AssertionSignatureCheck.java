package io.keygate.federation.saml;

import org.w3c.dom.Element;

/**
 * Verifies the Assertion's signature when it has one, and requires a verified signature on the Response or on the
 * Assertion (SAML 2.0 Profiles, section 4.1.3.5; THREATS: stripped signature). Either way the Assertion read
 * afterwards is the one the signature covers: the Response's signature covers its only Assertion child, the
 * Assertion's covers itself.
 */
final class AssertionSignatureCheck implements SamlCheck {

    @Override
    public void check(SamlWork w) {
        Element signature = SamlSignatures.signatureOf(w.assertion);
        if (signature != null) {
            SamlSignatures.verify(w.assertion, signature, w.trust.certificates(), w.settings.allowSha1());
            w.assertionSigned = true;
        }
        if (!w.responseSigned && !w.assertionSigned) {
            throw SamlWork.invalid("Neither the Response nor the Assertion is signed.");
        }
    }
}
