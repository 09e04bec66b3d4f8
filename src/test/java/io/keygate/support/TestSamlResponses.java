package io.keygate.support;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import org.apache.xml.security.encryption.EncryptedData;
import org.apache.xml.security.encryption.EncryptedKey;
import org.apache.xml.security.encryption.XMLCipher;
import org.apache.xml.security.keys.KeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.opensaml.core.config.InitializationService;
import org.opensaml.core.xml.config.XMLObjectProviderRegistrySupport;
import org.opensaml.saml.common.SAMLObjectContentReference;
import org.opensaml.saml.saml2.core.Assertion;
import org.opensaml.saml.saml2.core.Response;
import org.opensaml.security.x509.BasicX509Credential;
import org.opensaml.xmlsec.keyinfo.impl.X509KeyInfoGeneratorFactory;
import org.opensaml.xmlsec.signature.Signature;
import org.opensaml.xmlsec.signature.support.SignatureConstants;
import org.opensaml.xmlsec.signature.support.Signer;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * SAML responses for tests, in the spirit of Spring Security's {@code TestOpenSamlObjects}: a builder for the XML an
 * IdP posts (AWS Role/RoleSessionName attributes, bearer confirmation, audience), signed by OpenSAML (the response,
 * the assertion, or both) or by the independent Debian {@code xmlsec1}, optionally encrypted to an SP certificate.
 * Plus IdP keys with self-signed certificates and a metadata document naming them.
 */
public final class TestSamlResponses {

    public static final String ISSUER = "https://idp.example.com/saml";
    /** Keygate's SP entity id and ACS under the default public URL, which the test profile keeps. */
    public static final String SP = "http://localhost:8080/saml";
    public static final String RSA_SHA256 = SignatureConstants.ALGO_ID_SIGNATURE_RSA_SHA256;
    public static final String RSA_SHA1 = SignatureConstants.ALGO_ID_SIGNATURE_RSA_SHA1;

    /** An IdP signing key and its certificate. */
    public record IdpKey(KeyPair pair, X509Certificate certificate) {
        public String certificateBase64() {
            try {
                return Base64.getEncoder().encodeToString(certificate.getEncoded());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        public String privateKeyPem() {
            return "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(pair.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
        }

        public String certificatePem() {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(pem()) + "\n-----END CERTIFICATE-----\n";
        }

        private byte[] pem() {
            try {
                return certificate.getEncoded();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** The IdP key tests trust. */
    public static final IdpKey IDP = newKey("CN=Test IdP");
    /** A key no metadata names. */
    public static final IdpKey ATTACKER = newKey("CN=Attacker");

    private static volatile boolean openSamlReady;

    private TestSamlResponses() {
    }

    public static IdpKey newKey(String dn) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            KeyPair pair = g.generateKeyPair();
            X500Name name = new X500Name(dn);
            Instant now = Instant.now();
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(
                    name, BigInteger.valueOf(new SecureRandom().nextInt(1_000_000) + 1L),
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(3650))), name,
                    pair.getPublic()).build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
            return new IdpKey(pair, cert);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** IdP metadata for {@code entityId} with the signing certificates of {@code keys} (over 1,000 characters). */
    public static String metadata(String entityId, IdpKey... keys) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\" "
                + "xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\" entityID=\"" + entityId + "\">\n"
                + "  <md:IDPSSODescriptor WantAuthnRequestsSigned=\"false\" "
                + "protocolSupportEnumeration=\"urn:oasis:names:tc:SAML:2.0:protocol\">\n");
        for (IdpKey k : keys) {
            xml.append("    <md:KeyDescriptor use=\"signing\"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>")
                    .append(k.certificateBase64()).append("</ds:X509Certificate></ds:X509Data></ds:KeyInfo>")
                    .append("</md:KeyDescriptor>\n");
        }
        xml.append("    <md:NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:persistent</md:NameIDFormat>\n"
                + "    <md:SingleSignOnService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect\" "
                + "Location=\"https://idp.example.com/sso/redirect\"/>\n"
                + "    <md:SingleSignOnService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST\" "
                + "Location=\"https://idp.example.com/sso/post\"/>\n"
                + "  </md:IDPSSODescriptor>\n"
                + "  <md:Organization><md:OrganizationName xml:lang=\"en\">Example</md:OrganizationName>"
                + "<md:OrganizationDisplayName xml:lang=\"en\">Example Corp identity provider for tests"
                + "</md:OrganizationDisplayName><md:OrganizationURL xml:lang=\"en\">https://idp.example.com/"
                + "</md:OrganizationURL></md:Organization>\n"
                + "</md:EntityDescriptor>\n");
        return xml.toString();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A response under construction; every field has a working default for Keygate at {@link #SP}. */
    public static final class Builder {
        public String issuer = ISSUER;
        public String assertionIssuer;
        public String responseId = "_r" + UUID.randomUUID().toString().replace("-", "");
        public String assertionId = "_a" + UUID.randomUUID().toString().replace("-", "");
        public String subject = "alice@example.com";
        public String subjectXml;
        public String format = "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent";
        public String recipient = SP;
        public String destination = recipient;
        public String audience = SP;
        public Instant now = Instant.now();
        public Duration validFor = Duration.ofMinutes(5);
        public Instant notBefore;
        public Instant sessionNotOnOrAfter;
        public String status = "urn:oasis:names:tc:SAML:2.0:status:Success";
        public final List<String> roles = new ArrayList<>();
        public String roleSessionName = "alice";
        public final Map<String, List<String>> attributes = new LinkedHashMap<>();

        /** Offers {@code roleArn} through {@code providerArn}. */
        public Builder role(String roleArn, String providerArn) {
            roles.add(roleArn + "," + providerArn);
            return this;
        }

        public Builder attribute(String name, String... values) {
            attributes.put(name, List.of(values));
            return this;
        }

        /** The unsigned response XML. */
        public String xml() {
            Instant nb = notBefore == null ? now.minusSeconds(30) : notBefore;
            Instant end = now.plus(validFor);
            StringBuilder attrs = new StringBuilder();
            Map<String, List<String>> all = new LinkedHashMap<>();
            if (!roles.isEmpty()) {
                all.put("https://aws.amazon.com/SAML/Attributes/Role", roles);
            }
            if (roleSessionName != null) {
                all.put("https://aws.amazon.com/SAML/Attributes/RoleSessionName", List.of(roleSessionName));
            }
            all.putAll(attributes);
            all.forEach((name, values) -> {
                attrs.append("<saml:Attribute Name=\"").append(name).append("\">");
                values.forEach(v -> attrs.append("<saml:AttributeValue xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" "
                        + "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"xs:string\">")
                        .append(v).append("</saml:AttributeValue>"));
                attrs.append("</saml:Attribute>");
            });
            String nameId = subjectXml != null ? subjectXml
                    : "<saml:NameID Format=\"" + format + "\">" + subject + "</saml:NameID>";
            return "<samlp:Response xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\" "
                    + "xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\" ID=\"" + responseId + "\" Version=\"2.0\" "
                    + "IssueInstant=\"" + now + "\"" + (destination == null ? "" : " Destination=\"" + destination + "\"")
                    + "><saml:Issuer>" + issuer + "</saml:Issuer>"
                    + "<samlp:Status><samlp:StatusCode Value=\"" + status + "\"/></samlp:Status>"
                    + "<saml:Assertion ID=\"" + assertionId + "\" Version=\"2.0\" IssueInstant=\"" + now + "\">"
                    + "<saml:Issuer>" + (assertionIssuer == null ? issuer : assertionIssuer) + "</saml:Issuer>"
                    + "<saml:Subject>" + nameId
                    + "<saml:SubjectConfirmation Method=\"urn:oasis:names:tc:SAML:2.0:cm:bearer\">"
                    + "<saml:SubjectConfirmationData NotOnOrAfter=\"" + end + "\" Recipient=\"" + recipient + "\"/>"
                    + "</saml:SubjectConfirmation></saml:Subject>"
                    + "<saml:Conditions NotBefore=\"" + nb + "\" NotOnOrAfter=\"" + end + "\">"
                    + "<saml:AudienceRestriction><saml:Audience>" + audience + "</saml:Audience>"
                    + "</saml:AudienceRestriction></saml:Conditions>"
                    + "<saml:AuthnStatement AuthnInstant=\"" + now + "\""
                    + (sessionNotOnOrAfter == null ? "" : " SessionNotOnOrAfter=\"" + sessionNotOnOrAfter + "\"")
                    + "><saml:AuthnContext><saml:AuthnContextClassRef>"
                    + "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef>"
                    + "</saml:AuthnContext></saml:AuthnStatement>"
                    + (attrs.length() == 0 ? "" : "<saml:AttributeStatement>" + attrs + "</saml:AttributeStatement>")
                    + "</saml:Assertion></samlp:Response>";
        }

        /** Signed by OpenSAML with {@link #IDP}: the assertion (RSA-SHA256). */
        public String signedAssertion() {
            return sign(xml(), IDP, false, true, RSA_SHA256);
        }

        /** The base64 form value of {@link #signedAssertion()}. */
        public String encodedSignedAssertion() {
            return encode(signedAssertion());
        }
    }

    public static String encode(String xml) {
        return Base64.getEncoder().encodeToString(xml.getBytes(StandardCharsets.UTF_8));
    }

    // ------------------------------------------------------------------------------------------------ OpenSAML

    private static synchronized void openSaml() {
        if (!openSamlReady) {
            try {
                InitializationService.initialize();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            openSamlReady = true;
        }
    }

    /**
     * Signs {@code xml} with OpenSAML: the Response and/or its Assertion, enveloped, exclusive c14n, the
     * certificate in KeyInfo, SHA-256 digests (SHA-1 with {@link #RSA_SHA1}).
     */
    public static String sign(String xml, IdpKey key, boolean response, boolean assertion, String algorithm) {
        openSaml();
        try {
            Document doc = XMLObjectProviderRegistrySupport.getParserPool()
                    .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
            Element root = doc.getDocumentElement();
            Response r = (Response) XMLObjectProviderRegistrySupport.getUnmarshallerFactory().getUnmarshaller(root)
                    .unmarshall(root);
            BasicX509Credential credential = new BasicX509Credential(key.certificate(), key.pair().getPrivate());
            Signature assertionSig = null;
            Signature responseSig = null;
            if (assertion) {
                Assertion a = r.getAssertions().get(0);
                assertionSig = signature(credential, algorithm);
                a.setSignature(assertionSig);
                digest(assertionSig, algorithm);
            }
            if (response) {
                responseSig = signature(credential, algorithm);
                r.setSignature(responseSig);
                digest(responseSig, algorithm);
            }
            Element out = XMLObjectProviderRegistrySupport.getMarshallerFactory().getMarshaller(r).marshall(r);
            if (assertionSig != null) {
                Signer.signObject(assertionSig);
            }
            if (responseSig != null) {
                Signer.signObject(responseSig);
            }
            return serialize(out.getOwnerDocument());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Signature signature(BasicX509Credential credential, String algorithm) throws Exception {
        Signature sig = (Signature) XMLObjectProviderRegistrySupport.getBuilderFactory()
                .getBuilder(Signature.DEFAULT_ELEMENT_NAME).buildObject(Signature.DEFAULT_ELEMENT_NAME);
        sig.setSigningCredential(credential);
        sig.setSignatureAlgorithm(algorithm);
        sig.setCanonicalizationAlgorithm(SignatureConstants.ALGO_ID_C14N_EXCL_OMIT_COMMENTS);
        X509KeyInfoGeneratorFactory factory = new X509KeyInfoGeneratorFactory();
        factory.setEmitEntityCertificate(true);
        sig.setKeyInfo(factory.newInstance().generate(credential));
        return sig;
    }

    private static void digest(Signature sig, String algorithm) {
        ((SAMLObjectContentReference) sig.getContentReferences().get(0)).setDigestAlgorithm(
                algorithm.equals(RSA_SHA1) ? SignatureConstants.ALGO_ID_DIGEST_SHA1
                        : SignatureConstants.ALGO_ID_DIGEST_SHA256);
    }

    // ------------------------------------------------------------------------------------------------ xmlsec1

    /** Whether Debian's {@code xmlsec1} is installed ({@code .ci/run} installs it). */
    public static boolean xmlsec1Available() {
        return Files.isExecutable(Path.of("/usr/bin/xmlsec1"));
    }

    /**
     * Signs the Assertion of {@code xml} with the independent {@code xmlsec1} (libxmlsec1/OpenSSL): a signature
     * template is inserted after the Assertion's Issuer and filled in by {@code xmlsec1 --sign}.
     */
    public static String signWithXmlsec1(String xml, IdpKey key) throws IOException, InterruptedException {
        String template = "<ds:Signature xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"><ds:SignedInfo>"
                + "<ds:CanonicalizationMethod Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"/>"
                + "<ds:SignatureMethod Algorithm=\"http://www.w3.org/2001/04/xmldsig-more#rsa-sha256\"/>"
                + "<ds:Reference URI=\"#%s\"><ds:Transforms>"
                + "<ds:Transform Algorithm=\"http://www.w3.org/2000/09/xmldsig#enveloped-signature\"/>"
                + "<ds:Transform Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"/></ds:Transforms>"
                + "<ds:DigestMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#sha256\"/><ds:DigestValue/>"
                + "</ds:Reference></ds:SignedInfo><ds:SignatureValue/><ds:KeyInfo><ds:X509Data/></ds:KeyInfo>"
                + "</ds:Signature>";
        int assertionStart = xml.indexOf("<saml:Assertion ");
        int issuerEnd = xml.indexOf("</saml:Issuer>", assertionStart) + "</saml:Issuer>".length();
        String id = xml.substring(xml.indexOf("ID=\"", assertionStart) + 4,
                xml.indexOf('"', xml.indexOf("ID=\"", assertionStart) + 4));
        String withTemplate = xml.substring(0, issuerEnd) + String.format(template, id) + xml.substring(issuerEnd);
        Path dir = Files.createTempDirectory("xmlsec1");
        try {
            Path in = dir.resolve("in.xml");
            Path out = dir.resolve("out.xml");
            Path keyFile = dir.resolve("key.pem");
            Path certFile = dir.resolve("cert.pem");
            Files.writeString(in, withTemplate);
            Files.writeString(keyFile, key.privateKeyPem());
            Files.writeString(certFile, key.certificatePem());
            Process p = new ProcessBuilder("/usr/bin/xmlsec1", "--sign", "--privkey-pem",
                    keyFile + "," + certFile, "--id-attr:ID", "urn:oasis:names:tc:SAML:2.0:assertion:Assertion",
                    "--output", out.toString(), in.toString()).redirectErrorStream(true).start();
            String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("xmlsec1 failed: " + log);
            }
            return Files.readString(out);
        } finally {
            try (var files = Files.list(dir)) {
                files.forEach(f -> f.toFile().delete());
            }
            Files.deleteIfExists(dir);
        }
    }

    // ------------------------------------------------------------------------------------------------ encryption

    /**
     * Replaces the (signed) Assertion of {@code xml} by an EncryptedAssertion for {@code recipient}: AES-256-GCM data,
     * RSA-OAEP key transport, the EncryptedKey inside the EncryptedData's KeyInfo (Santuario).
     */
    public static String encrypt(String xml, X509Certificate recipient) {
        try {
            org.apache.xml.security.Init.init();
            DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
            f.setNamespaceAware(true);
            Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
            Element assertion = (Element) doc.getElementsByTagNameNS("urn:oasis:names:tc:SAML:2.0:assertion",
                    "Assertion").item(0);
            KeyGenerator kg = KeyGenerator.getInstance("AES");
            kg.init(256);
            SecretKey aes = kg.generateKey();
            XMLCipher keyCipher = XMLCipher.getInstance(XMLCipher.RSA_OAEP);
            keyCipher.init(XMLCipher.WRAP_MODE, recipient.getPublicKey());
            EncryptedKey encryptedKey = keyCipher.encryptKey(doc, aes);
            XMLCipher dataCipher = XMLCipher.getInstance(XMLCipher.AES_256_GCM);
            dataCipher.init(XMLCipher.ENCRYPT_MODE, aes);
            EncryptedData data = dataCipher.getEncryptedData();
            KeyInfo info = new KeyInfo(doc);
            info.add(encryptedKey);
            data.setKeyInfo(info);
            Element wrapper = doc.createElementNS("urn:oasis:names:tc:SAML:2.0:assertion", "saml:EncryptedAssertion");
            assertion.getParentNode().replaceChild(wrapper, assertion);
            wrapper.appendChild(assertion);
            dataCipher.doFinal(doc, assertion, false);
            return serialize(doc);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String serialize(Document doc) {
        try {
            var t = TransformerFactory.newDefaultInstance().newTransformer();
            t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            java.io.StringWriter w = new java.io.StringWriter();
            t.transform(new DOMSource(doc), new StreamResult(w));
            return w.toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
