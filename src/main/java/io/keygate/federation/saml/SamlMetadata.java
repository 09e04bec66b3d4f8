package io.keygate.federation.saml;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

import io.keygate.error.AwsErrorCode;
import io.keygate.error.InvalidInputException;

/**
 * What Keygate takes from an identity provider's SAML 2.0 metadata (SAML 2.0 Metadata, sections 2.3–2.4): the
 * {@code entityID} (the Issuer assertions must carry), the certificates of its {@code IDPSSODescriptor}'s signing
 * keys ({@code KeyDescriptor} with {@code use="signing"} or no {@code use}; several during a key rollover), and
 * {@code validUntil}. The root is an {@code EntityDescriptor}, or an {@code EntitiesDescriptor} holding exactly one
 * entity with an {@code IDPSSODescriptor} (large AD FS and Shibboleth exports). Parsed with the hardened parser.
 *
 * <p>Immutable.
 *
 * @param entityId            the IdP's entity id
 * @param signingCertificates the certificates whose keys may sign responses and assertions; at least one
 * @param validUntil          the metadata's {@code validUntil}, or null
 */
public record SamlMetadata(String entityId, List<X509Certificate> signingCertificates, Instant validUntil) {

    private static final String SAML2_PROTOCOL = SamlXml.PROTOCOL;

    public SamlMetadata {
        Objects.requireNonNull(entityId, "entityId");
        signingCertificates = List.copyOf(signingCertificates);
    }

    /**
     * Parses and checks a metadata document.
     *
     * @throws InvalidInputException {@code InvalidInput}, saying what is wrong, when the document is not usable
     */
    public static SamlMetadata parse(String document) {
        Document doc;
        try {
            doc = SamlXml.parse(document.getBytes(StandardCharsets.UTF_8));
        } catch (SamlXml.MalformedXmlException e) {
            throw invalid("the document is " + e.getMessage());
        }
        Element root = doc.getDocumentElement();
        Element entity;
        if (SamlXml.is(root, SamlXml.METADATA, "EntityDescriptor")) {
            entity = root;
        } else if (SamlXml.is(root, SamlXml.METADATA, "EntitiesDescriptor")) {
            List<Element> idps = new ArrayList<>();
            collectIdps(root, idps);
            if (idps.size() != 1) {
                throw invalid("an EntitiesDescriptor must hold exactly one entity with an IDPSSODescriptor, found "
                        + idps.size());
            }
            entity = idps.get(0);
        } else {
            throw invalid("the root element must be md:EntityDescriptor (namespace " + SamlXml.METADATA + ")");
        }
        String entityId = SamlXml.attribute(entity, "entityID");
        if (entityId == null || entityId.isBlank() || entityId.length() > 1024) {
            throw invalid("the EntityDescriptor has no entityID");
        }
        Element idp = null;
        for (Element d : SamlXml.children(entity, SamlXml.METADATA, "IDPSSODescriptor")) {
            String protocols = SamlXml.attribute(d, "protocolSupportEnumeration");
            if (protocols != null && List.of(protocols.trim().split("\\s+")).contains(SAML2_PROTOCOL)) {
                idp = d;
            }
        }
        if (idp == null) {
            throw invalid("there is no IDPSSODescriptor supporting " + SAML2_PROTOCOL);
        }
        List<X509Certificate> certificates = new ArrayList<>();
        for (Element key : SamlXml.children(idp, SamlXml.METADATA, "KeyDescriptor")) {
            String use = SamlXml.attribute(key, "use");
            if (use != null && !use.equals("signing")) {
                continue;
            }
            Element info = SamlXml.child(key, SamlXml.DSIG, "KeyInfo");
            if (info == null) {
                continue;
            }
            for (Element data : SamlXml.children(info, SamlXml.DSIG, "X509Data")) {
                for (Element cert : SamlXml.children(data, SamlXml.DSIG, "X509Certificate")) {
                    certificates.add(certificate(SamlXml.text(cert)));
                }
            }
        }
        if (certificates.isEmpty()) {
            throw invalid("the IDPSSODescriptor has no signing certificate (KeyDescriptor use=\"signing\" with "
                    + "ds:X509Certificate)");
        }
        return new SamlMetadata(entityId, certificates, validUntil(entity, root));
    }

    private static void collectIdps(Element parent, List<Element> out) {
        for (Element e : SamlXml.children(parent, SamlXml.METADATA, "EntityDescriptor")) {
            if (!SamlXml.children(e, SamlXml.METADATA, "IDPSSODescriptor").isEmpty()) {
                out.add(e);
            }
        }
        for (Element nested : SamlXml.children(parent, SamlXml.METADATA, "EntitiesDescriptor")) {
            collectIdps(nested, out);
        }
    }

    private static Instant validUntil(Element entity, Element root) {
        String value = SamlXml.attribute(entity, "validUntil");
        if (value == null) {
            value = SamlXml.attribute(root, "validUntil");
        }
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw invalid("validUntil is not an xs:dateTime in UTC: " + value);
        }
    }

    /** A base64 DER certificate (whitespace allowed, as in metadata). */
    static X509Certificate certificate(String base64) {
        try {
            byte[] der = Base64.getMimeDecoder().decode(base64);
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (IllegalArgumentException | CertificateException | ClassCastException e) {
            throw invalid("a ds:X509Certificate is not a base64 DER X.509 certificate");
        }
    }

    private static InvalidInputException invalid(String why) {
        return new InvalidInputException(AwsErrorCode.InvalidInput, "Could not parse metadata: " + why + ".");
    }
}
