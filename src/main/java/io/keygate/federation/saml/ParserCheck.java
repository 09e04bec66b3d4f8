package io.keygate.federation.saml;

/** Parses with the hardened parser ({@link SamlXml}): no DOCTYPE, no entities, no external access. */
final class ParserCheck implements SamlCheck {

    @Override
    public void check(SamlWork w) {
        try {
            w.document = SamlXml.parse(w.xml);
        } catch (SamlXml.MalformedXmlException e) {
            throw SamlWork.invalid("The SAML response is " + e.getMessage() + ".");
        }
    }
}
