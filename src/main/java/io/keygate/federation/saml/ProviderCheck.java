package io.keygate.federation.saml;

import java.util.Optional;

import org.w3c.dom.Element;

/**
 * Finds the registered provider the response claims to come from (the Response's Issuer, else the plain
 * Assertion's), and requires that its entity id is that Issuer (THREATS: issuer confusion). The Assertion's own
 * Issuer is checked against it again after decryption, by {@link IssuerCheck}.
 */
final class ProviderCheck implements SamlCheck {

    @Override
    public void check(SamlWork w) {
        Element responseIssuer = SamlXml.child(w.response, SamlXml.ASSERTION, "Issuer");
        Element assertionIssuer = w.encrypted ? null : SamlXml.child(w.assertion, SamlXml.ASSERTION, "Issuer");
        String issuer = SamlXml.text(responseIssuer != null ? responseIssuer : assertionIssuer);
        Optional<SamlTrust> trust = w.providers.apply(issuer);
        if (trust.isEmpty()) {
            throw SamlWork.invalid("No SAML provider is registered for the issuer "
                    + SamlResponseValidator.echo(String.valueOf(issuer)) + ".");
        }
        if (issuer == null || !issuer.equals(trust.get().entityId())) {
            throw SamlWork.invalid("The issuer " + SamlResponseValidator.echo(String.valueOf(issuer))
                    + " is not the entity id of the SAML provider " + trust.get().providerArn() + ".");
        }
        w.trust = trust.get();
        w.issuer = issuer;
    }
}
