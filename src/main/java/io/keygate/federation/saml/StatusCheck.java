package io.keygate.federation.saml;

import org.w3c.dom.Element;

/** The IdP says it succeeded (SAML 2.0 Core, section 3.2.2.2): top-level {@code StatusCode} {@code Success}. */
final class StatusCheck implements SamlCheck {

    static final String SUCCESS = "urn:oasis:names:tc:SAML:2.0:status:Success";

    @Override
    public void check(SamlWork w) {
        Element status = SamlXml.child(w.response, SamlXml.PROTOCOL, "Status");
        Element code = status == null ? null : SamlXml.child(status, SamlXml.PROTOCOL, "StatusCode");
        String value = code == null ? null : SamlXml.attribute(code, "Value");
        if (!SUCCESS.equals(value)) {
            throw SamlWork.rejected("The identity provider did not report success (StatusCode "
                    + SamlResponseValidator.echo(String.valueOf(value)) + ").");
        }
    }
}
