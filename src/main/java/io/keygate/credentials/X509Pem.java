package io.keygate.credentials;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.asn1.DERNull;

/**
 * PEM-encoded X.509 certificates and private keys as IAM takes them (UploadServerCertificate,
 * UploadSigningCertificate): certificates in {@code -----BEGIN CERTIFICATE-----} blocks; private keys as PKCS#8
 * ({@code BEGIN PRIVATE KEY}), PKCS#1 RSA ({@code BEGIN RSA PRIVATE KEY}) or SEC 1 EC ({@code BEGIN EC PRIVATE KEY}),
 * unencrypted. Each method throws {@link IllegalArgumentException} with a short reason for input it refuses.
 * Stateless and thread-safe.
 */
public final class X509Pem {

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]+?)\\s*-----END \\1-----");

    private X509Pem() {
    }

    /** One PEM block: its label and its DER bytes. */
    public record Block(String label, byte[] der) {
    }

    /** Every PEM block of {@code text}, in order; refuses text with none or with text between blocks. */
    public static List<Block> blocks(String text) {
        List<Block> out = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        int end = 0;
        while (m.find()) {
            if (!text.substring(end, m.start()).isBlank()) {
                throw new IllegalArgumentException("unexpected text outside a PEM block");
            }
            try {
                out.add(new Block(m.group(1), Base64.getMimeDecoder().decode(m.group(2))));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("a PEM block is not valid Base64");
            }
            end = m.end();
        }
        if (out.isEmpty() || !text.substring(end).isBlank()) {
            throw new IllegalArgumentException("not a PEM document");
        }
        return out;
    }

    /** The single certificate of a PEM document. */
    public static X509Certificate certificate(String pem) {
        List<X509Certificate> certs = certificates(pem);
        if (certs.size() != 1) {
            throw new IllegalArgumentException("expected exactly one certificate, found " + certs.size());
        }
        return certs.get(0);
    }

    /** The certificates of a PEM document (a chain), at least one. */
    public static List<X509Certificate> certificates(String pem) {
        List<X509Certificate> out = new ArrayList<>();
        for (Block b : blocks(pem)) {
            if (!b.label().equals("CERTIFICATE")) {
                throw new IllegalArgumentException("expected CERTIFICATE, found " + b.label());
            }
            try {
                out.add((X509Certificate) CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(b.der())));
            } catch (CertificateException | ClassCastException e) {
                throw new IllegalArgumentException("not an X.509 certificate");
            }
        }
        return out;
    }

    /** The private key of a PEM document (PKCS#8, PKCS#1 RSA or SEC 1 EC, unencrypted). */
    public static PrivateKey privateKey(String pem) {
        List<Block> blocks = blocks(pem);
        Block key = blocks.stream().filter(b -> b.label().endsWith("PRIVATE KEY")).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no private key"));
        try {
            return switch (key.label()) {
                case "PRIVATE KEY" -> pkcs8(PrivateKeyInfo.getInstance(key.der()).getEncoded());
                case "RSA PRIVATE KEY" -> pkcs8(new PrivateKeyInfo(
                        new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE),
                        ASN1Primitive.fromByteArray(key.der())).getEncoded());
                case "EC PRIVATE KEY" -> {
                    ECPrivateKey ec = ECPrivateKey.getInstance(key.der());
                    if (ec.getParametersObject() == null) {
                        throw new IllegalArgumentException("EC key without curve parameters");
                    }
                    yield pkcs8(new PrivateKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey,
                            ec.getParametersObject()), ec).getEncoded());
                }
                default -> throw new IllegalArgumentException("unsupported private key type " + key.label());
            };
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("the private key is not well-formed");
        }
    }

    private static PrivateKey pkcs8(byte[] der) {
        for (String algorithm : List.of("RSA", "EC")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new IllegalArgumentException("the private key is neither RSA nor EC");
    }

    /** Whether {@code key} is the private half of {@code certificate}'s public key (a signature round trip). */
    public static boolean matches(PrivateKey key, X509Certificate certificate) {
        PublicKey pub = certificate.getPublicKey();
        if (!pub.getAlgorithm().equals(key.getAlgorithm())) {
            return false;
        }
        String algorithm = key.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
        byte[] probe = "keygate key pair check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        try {
            Signature sign = Signature.getInstance(algorithm);
            sign.initSign(key);
            sign.update(probe);
            byte[] signature = sign.sign();
            Signature verify = Signature.getInstance(algorithm);
            verify.initVerify(pub);
            verify.update(probe);
            return verify.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** Upper-case hex SHA-256 of the certificate's DER encoding. */
    public static String sha256(X509Certificate certificate) {
        try {
            return HexFormat.of().withUpperCase().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
