package io.keygate.credentials;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * SSH public keys as IAM takes them (UploadSSHPublicKey): RSA keys of at least 2048 bits in OpenSSH
 * ({@code ssh-rsa AAAA… comment}, RFC 4253 section 6.6) or PEM encoding (X.509 {@code PUBLIC KEY} or PKCS#1
 * {@code RSA PUBLIC KEY}); the fingerprint is the MD5 digest of the RFC 4253 key blob in colon-separated hex, as IAM
 * and {@code ssh-keygen -E md5} show it. Stateless and thread-safe.
 */
public final class SshPublicKeys {

    /** The smallest RSA modulus IAM accepts, in bits. */
    public static final int MIN_BITS = 2048;

    private SshPublicKeys() {
    }

    /** Why a body was refused: not in a known encoding, or a key IAM does not take. */
    public static final class KeyException extends IllegalArgumentException {
        private final boolean encoding;

        KeyException(boolean encoding, String message) {
            super(message);
            this.encoding = encoding;
        }

        /** True when the encoding was not recognised (UnrecognizedPublicKeyEncoding), false for an invalid key. */
        public boolean encoding() {
            return encoding;
        }
    }

    /** Parses an SSH public key body in either encoding. */
    public static RSAPublicKey parse(String body) {
        String text = body.strip();
        RSAPublicKey key;
        if (text.startsWith("-----BEGIN")) {
            key = pem(text);
        } else if (text.startsWith("ssh-")) {
            key = openSsh(text);
        } else {
            throw new KeyException(true, "The public key encoding is not recognized.");
        }
        if (key.getModulus().bitLength() < MIN_BITS) {
            throw new KeyException(false, "The public key is not valid: RSA keys must have at least " + MIN_BITS
                    + " bits.");
        }
        return key;
    }

    private static RSAPublicKey openSsh(String text) {
        String[] fields = text.split("\\s+");
        if (!fields[0].equals("ssh-rsa")) {
            throw new KeyException(false, "The public key is not valid: only ssh-rsa keys are supported.");
        }
        if (fields.length < 2) {
            throw new KeyException(true, "The public key encoding is not recognized.");
        }
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(
                Base64.getDecoder().decode(fields[1])))) {
            String type = new String(read(in), StandardCharsets.US_ASCII);
            if (!type.equals("ssh-rsa")) {
                throw new KeyException(false, "The public key is not valid: the key blob is not ssh-rsa.");
            }
            BigInteger e = new BigInteger(read(in));
            BigInteger n = new BigInteger(read(in));
            if (in.available() > 0 || e.signum() <= 0 || n.signum() <= 0) {
                throw new KeyException(false, "The public key is not valid.");
            }
            return rsa(new RSAPublicKeySpec(n, e));
        } catch (IOException | IllegalArgumentException ex) {
            if (ex instanceof KeyException k) {
                throw k;
            }
            throw new KeyException(true, "The public key encoding is not recognized.");
        }
    }

    private static byte[] read(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > in.available()) {
            throw new IOException("truncated");
        }
        return in.readNBytes(length);
    }

    private static RSAPublicKey pem(String text) {
        List<X509Pem.Block> blocks;
        try {
            blocks = X509Pem.blocks(text);
        } catch (IllegalArgumentException e) {
            throw new KeyException(true, "The public key encoding is not recognized.");
        }
        X509Pem.Block b = blocks.get(0);
        try {
            return switch (b.label()) {
                case "PUBLIC KEY" -> (RSAPublicKey) KeyFactory.getInstance("RSA")
                        .generatePublic(new X509EncodedKeySpec(b.der()));
                case "RSA PUBLIC KEY" -> {
                    org.bouncycastle.asn1.pkcs.RSAPublicKey k =
                            org.bouncycastle.asn1.pkcs.RSAPublicKey.getInstance(b.der());
                    yield rsa(new RSAPublicKeySpec(k.getModulus(), k.getPublicExponent()));
                }
                default -> throw new KeyException(true, "The public key encoding is not recognized.");
            };
        } catch (GeneralSecurityException | RuntimeException e) {
            if (e instanceof KeyException k) {
                throw k;
            }
            throw new KeyException(false, "The public key is not valid.");
        }
    }

    private static RSAPublicKey rsa(RSAPublicKeySpec spec) {
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(spec);
        } catch (GeneralSecurityException e) {
            throw new KeyException(false, "The public key is not valid.");
        }
    }

    /** The RFC 4253 {@code ssh-rsa} key blob. */
    public static byte[] blob(RSAPublicKey key) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            write(out, "ssh-rsa".getBytes(StandardCharsets.US_ASCII));
            write(out, key.getPublicExponent().toByteArray());
            write(out, key.getModulus().toByteArray());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    private static void write(DataOutputStream out, byte[] value) throws IOException {
        out.writeInt(value.length);
        out.write(value);
    }

    /** {@code ssh-rsa <base64 blob>}: the SSH encoding GetSSHPublicKey returns. */
    public static String openSshEncoding(RSAPublicKey key) {
        return "ssh-rsa " + Base64.getEncoder().encodeToString(blob(key));
    }

    /** The X.509 {@code PUBLIC KEY} PEM encoding, 64 characters a line. */
    public static String pemEncoding(RSAPublicKey key) {
        String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(key.getEncoded());
        return "-----BEGIN PUBLIC KEY-----\n" + b64 + "\n-----END PUBLIC KEY-----\n";
    }

    /** MD5 of the key blob, lower-case hex pairs separated by colons ({@code 47 characters}). */
    public static String fingerprint(RSAPublicKey key) {
        try {
            byte[] md5 = MessageDigest.getInstance("MD5").digest(blob(key));
            return HexFormat.ofDelimiter(":").formatHex(md5);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
