package io.keygate.federation.saml;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;

/**
 * Keygate's SP metadata (SAML 2.0 Metadata, section 2.4.4): the entity id IdPs must put in the
 * {@code AudienceRestriction}, the HTTP-POST assertion consumer service (the bearer {@code Recipient}), signed
 * assertions wanted, and the encryption certificates (newest first) IdPs encrypt assertions to. Stateless.
 */
public final class SpMetadata {

    private SpMetadata() {
    }

    /** The metadata document for {@code settings}, listing {@code encryptionCertificates}. */
    public static String xml(SamlSettings settings, List<X509Certificate> encryptionCertificates) {
        StringBuilder xml = new StringBuilder(4096);
        xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<md:EntityDescriptor xmlns:md=\"").append(SamlXml.METADATA).append("\" xmlns:ds=\"")
                .append(SamlXml.DSIG).append("\" entityID=\"").append(escape(settings.entityId())).append("\">\n")
                .append("  <md:SPSSODescriptor AuthnRequestsSigned=\"false\" WantAssertionsSigned=\"true\" ")
                .append("protocolSupportEnumeration=\"").append(SamlXml.PROTOCOL).append("\">\n");
        for (X509Certificate cert : encryptionCertificates) {
            xml.append("    <md:KeyDescriptor use=\"encryption\">\n")
                    .append("      <ds:KeyInfo><ds:X509Data><ds:X509Certificate>").append(base64(cert))
                    .append("</ds:X509Certificate></ds:X509Data></ds:KeyInfo>\n")
                    .append("      <md:EncryptionMethod Algorithm=\"http://www.w3.org/2009/xmlenc11#aes256-gcm\"/>\n")
                    .append("      <md:EncryptionMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#aes256-cbc\"/>\n")
                    .append("      <md:EncryptionMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p\"/>\n")
                    .append("    </md:KeyDescriptor>\n");
        }
        xml.append("    <md:NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:persistent</md:NameIDFormat>\n")
                .append("    <md:NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:transient</md:NameIDFormat>\n")
                .append("    <md:NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress</md:NameIDFormat>\n")
                .append("    <md:AssertionConsumerService index=\"1\" isDefault=\"true\" ")
                .append("Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST\" Location=\"")
                .append(escape(settings.acsUrl())).append("\"/>\n")
                .append("  </md:SPSSODescriptor>\n")
                .append("</md:EntityDescriptor>\n");
        return xml.toString();
    }

    private static String base64(X509Certificate cert) {
        try {
            return Base64.getEncoder().encodeToString(cert.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
