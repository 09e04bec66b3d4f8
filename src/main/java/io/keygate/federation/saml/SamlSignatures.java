package io.keygate.federation.saml;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;

import org.apache.xml.security.exceptions.XMLSecurityException;
import org.apache.xml.security.signature.Reference;
import org.apache.xml.security.signature.SignedInfo;
import org.apache.xml.security.signature.XMLSignature;
import org.apache.xml.security.transforms.Transforms;
import org.w3c.dom.Element;

/**
 * Verifies the enveloped signature of one element (SAML 2.0 Core, section 5.4, with XML Signature 1.1) with Apache
 * Santuario in secure-validation mode: the profile first — exactly one {@code Reference}, its URI {@code #<ID>} of
 * the very element the {@code Signature} is a direct child of, only the enveloped-signature and (exclusive)
 * canonicalization transforms, allowed algorithms (RSA/ECDSA with SHA-256 or stronger; SHA-1 only when enabled) —
 * then the cryptography, with each certificate from the provider's metadata in turn. {@code KeyInfo} is never
 * consulted (THREATS: key substitution). Stateless and thread-safe.
 */
final class SamlSignatures {

    private static final Set<String> TRANSFORMS = Set.of(Transforms.TRANSFORM_ENVELOPED_SIGNATURE,
            Transforms.TRANSFORM_C14N_EXCL_OMIT_COMMENTS, Transforms.TRANSFORM_C14N_OMIT_COMMENTS,
            Transforms.TRANSFORM_C14N11_OMIT_COMMENTS);
    private static final Set<String> STRONG_SIGNATURES = Set.of(
            XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA256, XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA384,
            XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA512, XMLSignature.ALGO_ID_SIGNATURE_ECDSA_SHA256,
            XMLSignature.ALGO_ID_SIGNATURE_ECDSA_SHA384, XMLSignature.ALGO_ID_SIGNATURE_ECDSA_SHA512);
    private static final Set<String> SHA1_SIGNATURES = Set.of(XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA1,
            XMLSignature.ALGO_ID_SIGNATURE_ECDSA_SHA1);
    private static final Set<String> STRONG_DIGESTS = Set.of("http://www.w3.org/2001/04/xmlenc#sha256",
            "http://www.w3.org/2001/04/xmldsig-more#sha384", "http://www.w3.org/2001/04/xmlenc#sha512");
    private static final String SHA1_DIGEST = "http://www.w3.org/2000/09/xmldsig#sha1";

    private SamlSignatures() {
    }

    /** Santuario's one-time set-up, done on first use rather than at start-up. */
    private static final class Init {
        static {
            org.apache.xml.security.Init.init();
        }

        static void ensure() {
        }
    }

    /**
     * The {@code Algorithm} of the Reference's {@code DigestMethod}: the element Santuario reads it from (the first
     * element after the optional {@code Transforms}, which Santuario has already required to be a
     * {@code ds:DigestMethod}), read as an attribute rather than through {@link Reference#getMessageDigestAlgorithm},
     * which creates a JCE digest only to be asked its name (Santuario creates its own to compute the digest).
     */
    static String digestAlgorithm(Reference ref) {
        for (Element e : SamlXml.children(ref.getElement(), SamlXml.DSIG, "DigestMethod")) {
            return e.getAttributeNS(null, "Algorithm");
        }
        return "";
    }

    /** Makes sure Santuario is initialised (signatures and XML Encryption alike). */
    static void init() {
        Init.ensure();
    }

    /** The {@code ds:Signature} that is a direct child of {@code signed}, or null; two are refused. */
    static Element signatureOf(Element signed) {
        List<Element> s = SamlXml.children(signed, SamlXml.DSIG, "Signature");
        if (s.size() > 1) {
            throw SamlWork.invalid("The " + signed.getLocalName() + " carries more than one signature.");
        }
        return s.isEmpty() ? null : s.get(0);
    }

    /**
     * Verifies {@code signature}, a direct child of {@code signed}.
     *
     * @throws io.keygate.error.FederationRejectedException InvalidIdentityToken saying which rule failed
     */
    static void verify(Element signed, Element signature, List<X509Certificate> certificates, boolean allowSha1) {
        Init.ensure();
        String id = SamlXml.attribute(signed, "ID");
        String what = signed.getLocalName();
        try {
            XMLSignature xml = new XMLSignature(signature, "", true);
            SignedInfo info = xml.getSignedInfo();
            if (info.getLength() != 1) {
                throw SamlWork.invalid(what + " signature invalid: it must have exactly one Reference.");
            }
            Reference ref = info.item(0);
            if (id == null || !("#" + id).equals(ref.getURI())) {
                throw SamlWork.invalid(what + " signature invalid: its Reference does not point at the signed "
                        + what + ".");
            }
            Transforms transforms = ref.getTransforms();
            boolean enveloped = false;
            for (int i = 0; transforms != null && i < transforms.getLength(); i++) {
                String uri = transforms.item(i).getURI();
                if (!TRANSFORMS.contains(uri)) {
                    throw SamlWork.invalid(what + " signature invalid: transform " + uri + " is not allowed.");
                }
                enveloped |= uri.equals(Transforms.TRANSFORM_ENVELOPED_SIGNATURE);
            }
            if (!enveloped) {
                throw SamlWork.invalid(what + " signature invalid: it must be an enveloped signature.");
            }
            String method = info.getSignatureMethodURI();
            if (!STRONG_SIGNATURES.contains(method) && !(allowSha1 && SHA1_SIGNATURES.contains(method))) {
                throw SamlWork.invalid(what + " signature invalid: the algorithm " + method + " is not accepted"
                        + (SHA1_SIGNATURES.contains(method) ? " (SHA-1 is refused unless enabled)" : "") + ".");
            }
            String digest = digestAlgorithm(ref);
            if (!STRONG_DIGESTS.contains(digest) && !(allowSha1 && SHA1_DIGEST.equals(digest))) {
                throw SamlWork.invalid(what + " signature invalid: the digest " + digest + " is not accepted"
                        + (SHA1_DIGEST.equals(digest) ? " (SHA-1 is refused unless enabled)" : "") + ".");
            }
            // the signature already read serves the first certificate; a rotation's second one reads it afresh
            XMLSignature attempt = xml;
            for (X509Certificate certificate : certificates) {
                if (attempt == null) {
                    attempt = new XMLSignature(signature, "", true);
                }
                if (attempt.checkSignatureValue(certificate.getPublicKey())) {
                    return;
                }
                attempt = null;
            }
            throw SamlWork.invalid(what + " signature invalid: no signing certificate of the SAML provider "
                    + "verifies it.");
        } catch (XMLSecurityException | RuntimeException e) {
            if (e instanceof io.keygate.error.FederationRejectedException f) {
                throw f;
            }
            throw SamlWork.invalid(what + " signature invalid.");
        }
    }
}
