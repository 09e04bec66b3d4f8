package io.keygate.federation.saml;

import java.security.Key;
import java.security.PrivateKey;
import java.util.Set;

import org.apache.xml.security.encryption.EncryptedData;
import org.apache.xml.security.encryption.EncryptedKey;
import org.apache.xml.security.encryption.XMLCipher;
import org.w3c.dom.Element;

/**
 * Decrypts an {@code EncryptedAssertion} (SAML 2.0 Core, section 2.3.4; XML Encryption) with the provider's uploaded
 * keys, else Keygate's SP keys: the {@code EncryptedKey} (RSA-OAEP; RSA PKCS#1 v1.5 is refused) inside the
 * {@code EncryptedData}'s {@code KeyInfo} or beside it, then the data (AES-GCM or AES-CBC). The plaintext Assertion
 * replaces the ciphertext in place and then goes through the same checks as a plain one. A plain Assertion is
 * refused when the provider's {@code AssertionEncryptionMode} is {@code Required}.
 */
final class DecryptionCheck implements SamlCheck {

    private static final Set<String> KEY_TRANSPORT = Set.of(XMLCipher.RSA_OAEP, XMLCipher.RSA_OAEP_11);

    @Override
    public void check(SamlWork w) {
        if (!w.encrypted) {
            if (w.trust.encryptionRequired()) {
                throw SamlWork.invalid("The SAML provider requires encrypted assertions (AssertionEncryptionMode "
                        + "Required), and this one is not encrypted.");
            }
            return;
        }
        Element sealed = w.assertion;
        Element data = SamlXml.child(sealed, SamlXml.XENC, "EncryptedData");
        if (data == null) {
            throw SamlWork.invalid("The EncryptedAssertion has no EncryptedData.");
        }
        Element keyElement = encryptedKey(sealed, data);
        if (keyElement == null) {
            throw SamlWork.invalid("The EncryptedAssertion carries no EncryptedKey.");
        }
        SamlSignatures.init();
        for (PrivateKey privateKey : w.trust.decryptionKeys()) {
            if (decrypt(w, data, keyElement, privateKey)) {
                Element plain = SamlXml.child(sealed, SamlXml.ASSERTION, "Assertion");
                if (plain == null || SamlXml.children(sealed, SamlXml.ASSERTION, "Assertion").size() != 1
                        || w.document.getElementsByTagNameNS(SamlXml.ASSERTION, "Assertion").getLength() != 1) {
                    throw SamlWork.invalid("The EncryptedAssertion must hold exactly one Assertion.");
                }
                SchemaCheck.registerIds(w.response);
                w.assertion = plain;
                return;
            }
        }
        throw SamlWork.invalid("The EncryptedAssertion could not be decrypted with any key Keygate holds for "
                + "this SAML provider.");
    }

    private static Element encryptedKey(Element sealed, Element data) {
        Element info = SamlXml.child(data, SamlXml.DSIG, "KeyInfo");
        Element inside = info == null ? null : SamlXml.child(info, SamlXml.XENC, "EncryptedKey");
        return inside != null ? inside : SamlXml.child(sealed, SamlXml.XENC, "EncryptedKey");
    }

    private static boolean decrypt(SamlWork w, Element data, Element keyElement, PrivateKey privateKey) {
        try {
            XMLCipher keyCipher = XMLCipher.getInstance();
            keyCipher.init(XMLCipher.UNWRAP_MODE, privateKey);
            EncryptedKey encryptedKey = keyCipher.loadEncryptedKey(w.document, keyElement);
            if (!KEY_TRANSPORT.contains(encryptedKey.getEncryptionMethod().getAlgorithm())) {
                throw SamlWork.invalid("The key transport algorithm "
                        + encryptedKey.getEncryptionMethod().getAlgorithm() + " is not accepted (use RSA-OAEP).");
            }
            XMLCipher dataCipher = XMLCipher.getInstance();
            dataCipher.init(XMLCipher.DECRYPT_MODE, null);
            EncryptedData encryptedData = dataCipher.loadEncryptedData(w.document, data);
            Key key = keyCipher.decryptKey(encryptedKey, encryptedData.getEncryptionMethod().getAlgorithm());
            dataCipher.init(XMLCipher.DECRYPT_MODE, key);
            dataCipher.doFinal(w.document, data);
            return true;
        } catch (io.keygate.error.FederationRejectedException e) {
            throw e;
        } catch (Exception e) {
            return false; // the next key may fit; the message never says why (no decryption oracle)
        }
    }
}
