package io.keygate.federation.saml;

import org.w3c.dom.Element;

/**
 * The Assertion's Issuer (SAML 2.0 Core, section 2.3.3; required by the Web Browser SSO profile, Profiles 4.1.4.2)
 * is the provider's entity id, like the Response's.
 */
final class IssuerCheck implements SamlCheck {

    @Override
    public void check(SamlWork w) {
        Element issuer = SamlXml.child(w.assertion, SamlXml.ASSERTION, "Issuer");
        String value = SamlXml.text(issuer);
        if (value == null || !value.equals(w.trust.entityId())) {
            throw SamlWork.invalid("The assertion's issuer " + SamlResponseValidator.echo(String.valueOf(value))
                    + " is not the entity id of the SAML provider " + w.trust.providerArn() + ".");
        }
        w.issuer = value;
    }
}
