package io.keygate.credentials;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Keygate's asymmetric SAML service-provider keys: RSA 3072 with a self-signed certificate, published in the SP
 * metadata for IdPs to encrypt assertions to. The newest key is the one published; every key still decrypts until it
 * is retired, so rotation ({@link #rotate}) never breaks assertions encrypted to the previous certificate.
 *
 * <h2>File form</h2>
 * One key per line, newest first: {@code spkey <kid> <created> <sealed PKCS#8> <base64 DER certificate>}. The private
 * key is sealed with the key ring ({@link SecretSealer}, context {@code saml-sp/<kid>}), so the file holds no
 * plaintext secret; it lives beside the key ring, written with owner-only permissions.
 *
 * <p>Immutable and thread-safe. {@link #toString()} shows kids only.
 */
public final class SpKeys {

    /** One SP key pair. */
    public record SpKey(String kid, Instant created, PrivateKey privateKey, X509Certificate certificate) {

        public SpKey {
            Objects.requireNonNull(kid, "kid");
            Objects.requireNonNull(created, "created");
            Objects.requireNonNull(privateKey, "privateKey");
            Objects.requireNonNull(certificate, "certificate");
        }

        @Override
        public String toString() {
            return "SpKey[" + kid + ", " + created + "]";
        }
    }

    /** RSA modulus size of new SP keys. */
    public static final int RSA_BITS = 3072;
    private static final Duration CERTIFICATE_LIFE = Duration.ofDays(3650);

    private final List<SpKey> keys;

    private SpKeys(List<SpKey> keys) {
        this.keys = List.copyOf(keys);
    }

    /** Every key, newest first. */
    public List<SpKey> keys() {
        return keys;
    }

    /** The key published in the SP metadata. */
    public SpKey current() {
        return keys.get(0);
    }

    /** The private keys, newest first, for decryption. */
    public List<PrivateKey> privateKeys() {
        return keys.stream().map(SpKey::privateKey).toList();
    }

    /** A set holding one new key. */
    public static SpKeys generate(Clock clock) {
        return new SpKeys(List.of(newKey(clock)));
    }

    /** This set with a new key in front; the others still decrypt. */
    public SpKeys rotate(Clock clock) {
        List<SpKey> next = new ArrayList<>();
        next.add(newKey(clock));
        next.addAll(keys);
        return new SpKeys(next);
    }

    /** This set without {@code kid}; the last key cannot be retired. */
    public SpKeys retire(String kid) {
        List<SpKey> next = keys.stream().filter(k -> !k.kid().equals(kid)).toList();
        if (next.isEmpty()) {
            throw new IllegalArgumentException("the last SP key cannot be retired");
        }
        return new SpKeys(next);
    }

    /** Reads {@code file}, or creates it with one new key when it does not exist. */
    public static SpKeys loadOrCreate(Path file, SecretSealer sealer, Clock clock) throws IOException {
        if (Files.exists(file)) {
            return decode(Files.readString(file, StandardCharsets.UTF_8), sealer);
        }
        SpKeys created = generate(clock);
        created.writeTo(file, sealer);
        return created;
    }

    /** The stored form: one line per key, newest first, the private keys sealed with the key ring. */
    public String encode(SecretSealer sealer) throws IOException {
        StringBuilder out = new StringBuilder("# keygate SAML SP keys v1 (private keys sealed with the key ring)\n");
        for (SpKey k : keys) {
            try {
                out.append("spkey ").append(k.kid()).append(' ').append(k.created()).append(' ')
                        .append(sealer.seal("saml-sp/" + k.kid(),
                                Base64.getEncoder().encodeToString(k.privateKey().getEncoded())))
                        .append(' ').append(Base64.getEncoder().encodeToString(k.certificate().getEncoded()))
                        .append('\n');
            } catch (GeneralSecurityException e) {
                throw new IOException("cannot encode the SP certificate", e);
            }
        }
        return out.toString();
    }

    /** Writes the file form atomically with owner-only permissions. */
    public void writeTo(Path file, SecretSealer sealer) throws IOException {
        String out = encode(sealer);
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".saml-sp-keys", ".tmp");
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system
        }
        Files.writeString(tmp, out, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Reads the stored form ({@link #encode}); unreadable → IllegalArgumentException. */
    public static SpKeys decode(String text, SecretSealer sealer) {
        List<SpKey> keys = new ArrayList<>();
        for (String line : text.split("\n")) {
            String l = line.trim();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            String[] f = l.split(" ");
            if (f.length != 5 || !f[0].equals("spkey")) {
                throw new IllegalArgumentException("malformed SP key line");
            }
            try {
                byte[] pkcs8 = Base64.getDecoder().decode(sealer.open("saml-sp/" + f[1], f[3]));
                PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
                X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(f[4])));
                keys.add(new SpKey(f[1], Instant.parse(f[2]), key, cert));
            } catch (GeneralSecurityException e) {
                throw new IllegalArgumentException("unreadable SP key " + f[1], e);
            }
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("the SP key file holds no key");
        }
        return new SpKeys(keys);
    }

    private static SpKey newKey(Clock clock) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(RSA_BITS, new SecureRandom());
            KeyPair pair = generator.generateKeyPair();
            Instant now = clock.instant();
            // Time-ordered for humans, plus randomness: two rotations in one second get two kids.
            String kid = "sp-" + now.getEpochSecond() + "-" + HexFormat.of().formatHex(randomBytes(4));
            X500Name name = new X500Name("CN=Keygate SAML SP " + kid);
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
                    new BigInteger(64, new SecureRandom()).abs().add(BigInteger.ONE),
                    Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(CERTIFICATE_LIFE)), name,
                    pair.getPublic());
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
            return new SpKey(kid, now, pair.getPrivate(), cert);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot create an SP key", e);
        }
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new SecureRandom().nextBytes(b);
        return b;
    }

    @Override
    public String toString() {
        return "SpKeys" + keys.stream().map(SpKey::kid).toList();
    }
}
