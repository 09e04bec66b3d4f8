package io.keygate.federation.saml;

/**
 * A signed Response's {@code Destination}, when present, is Keygate's ACS (SAML 2.0 Core, section 3.2.2; Bindings
 * 3.5.5.2): a response posted to another service provider cannot be replayed here.
 */
final class DestinationCheck implements SamlCheck {

    @Override
    public void check(SamlWork w) {
        String destination = SamlXml.attribute(w.response, "Destination");
        if (destination != null && !w.settings.acceptsRecipient(destination)) {
            throw SamlWork.invalid("The Response's Destination " + SamlResponseValidator.echo(destination)
                    + " is not Keygate's SAML endpoint " + w.settings.acsUrl() + ".");
        }
    }
}
