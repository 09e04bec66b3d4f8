package io.keygate.federation.saml;

import org.w3c.dom.Element;

/**
 * Verifies the Response's own signature, when it has one, before anything inside is decrypted (the signature covers
 * the ciphertext): {@link SamlSignatures}. Whether some signature is present at all is
 * {@link AssertionSignatureCheck}'s decision.
 */
final class ResponseSignatureCheck implements SamlCheck {

    @Override
    public void check(SamlWork w) {
        Element signature = SamlSignatures.signatureOf(w.response);
        if (signature != null) {
            SamlSignatures.verify(w.response, signature, w.trust.certificates(), w.settings.allowSha1());
            w.responseSigned = true;
        }
    }
}
