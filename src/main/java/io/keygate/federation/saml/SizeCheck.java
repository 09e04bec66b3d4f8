package io.keygate.federation.saml;

/** The cheapest check first: the base64 form is 4 to {@link SamlSettings#maxResponseChars()} characters (AWS: 100,000). */
final class SizeCheck implements SamlCheck {

    @Override
    public void check(SamlWork w) {
        if (w.encoded == null || w.encoded.length() < 4) {
            throw SamlWork.invalid("The SAML response is empty.");
        }
        if (w.encoded.length() > w.settings.maxResponseChars()) {
            throw SamlWork.invalid("The SAML response is longer than " + w.settings.maxResponseChars()
                    + " characters.");
        }
    }
}
