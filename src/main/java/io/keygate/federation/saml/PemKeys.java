package io.keygate.federation.saml;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.util.Base64;

import org.bouncycastle.asn1.pkcs.RSAPrivateKey;

import io.keygate.error.AwsErrorCode;
import io.keygate.error.InvalidInputException;

/**
 * Reads the PEM private keys {@code AddPrivateKey} uploads: PKCS#8 ({@code BEGIN PRIVATE KEY}, RSA or EC) or
 * PKCS#1 ({@code BEGIN RSA PRIVATE KEY}). Encrypted PEM is refused. Stateless.
 */
public final class PemKeys {

    private PemKeys() {
    }

    /**
     * @throws InvalidInputException InvalidInput when {@code pem} is not such a key (the message never echoes it)
     */
    public static PrivateKey privateKey(String pem) {
        try {
            if (pem.contains("-----BEGIN PRIVATE KEY-----")) {
                byte[] der = body(pem, "PRIVATE KEY");
                for (String algorithm : new String[] {"RSA", "EC"}) {
                    try {
                        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
                    } catch (GeneralSecurityException e) {
                        // try the next algorithm
                    }
                }
            } else if (pem.contains("-----BEGIN RSA PRIVATE KEY-----")) {
                RSAPrivateKey k = RSAPrivateKey.getInstance(body(pem, "RSA PRIVATE KEY"));
                return KeyFactory.getInstance("RSA").generatePrivate(new RSAPrivateCrtKeySpec(k.getModulus(),
                        k.getPublicExponent(), k.getPrivateExponent(), k.getPrime1(), k.getPrime2(),
                        k.getExponent1(), k.getExponent2(), k.getCoefficient()));
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // fall through to the one message
        }
        throw new InvalidInputException(AwsErrorCode.InvalidInput,
                "The private key must be an unencrypted PEM RSA or EC private key (PKCS#8 or PKCS#1).");
    }

    private static byte[] body(String pem, String label) {
        int start = pem.indexOf("-----BEGIN " + label + "-----");
        int end = pem.indexOf("-----END " + label + "-----");
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("no PEM block");
        }
        String b64 = pem.substring(start + label.length() + 16, end);
        return Base64.getMimeDecoder().decode(b64);
    }
}
