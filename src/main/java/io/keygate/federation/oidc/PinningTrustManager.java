package io.keygate.federation.oidc;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts an OIDC provider's TLS server as AWS does: a chain the system CAs trust, or a chain holding a certificate
 * whose SHA-1 thumbprint is in the provider's {@code ThumbprintList} (a self-hosted IdP with a private CA or a
 * self-signed certificate). In the second case the pinned certificate becomes the only trust anchor and the chain is
 * validated against it by the JDK's PKIX trust manager, so hostname verification (endpoint identification
 * {@code HTTPS}, set on the socket) applies on both paths.
 *
 * <p>Thread-safe; one instance per fetch.
 */
final class PinningTrustManager extends X509ExtendedTrustManager {

    private final X509ExtendedTrustManager system;
    private final List<String> thumbprints;

    /**
     * @param system      the JDK's default trust manager (system CAs)
     * @param thumbprints lower-case hex SHA-1 thumbprints, possibly empty
     */
    PinningTrustManager(X509ExtendedTrustManager system, List<String> thumbprints) {
        this.system = system;
        this.thumbprints = List.copyOf(thumbprints);
    }

    /** The JDK's default trust manager over the system CAs. */
    static X509ExtendedTrustManager systemDefault() {
        try {
            return trustManager(null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The JDK has no default trust manager", e);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        CertificateException systemRefusal;
        try {
            system.checkServerTrusted(chain, authType, socket);
            return;
        } catch (CertificateException e) {
            systemRefusal = e;
        }
        for (X509Certificate cert : chain) {
            if (thumbprints.contains(thumbprint(cert))) {
                anchoredAt(cert).checkServerTrusted(chain, authType, socket);
                return;
            }
        }
        throw new CertificateException(thumbprints.isEmpty()
                ? "the server certificate is not trusted by the system CAs and the provider pins no thumbprint"
                : "no certificate of the server's chain matches the provider's thumbprints", systemRefusal);
    }

    /** The lower-case hex SHA-1 of the certificate's DER encoding, as in {@code ThumbprintList}. */
    static String thumbprint(X509Certificate cert) throws CertificateException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(cert.getEncoded()));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new CertificateException(e);
        }
    }

    private static X509ExtendedTrustManager anchoredAt(X509Certificate anchor) throws CertificateException {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            store.setCertificateEntry("pinned", anchor);
            return trustManager(store);
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new CertificateException("the pinned certificate cannot be used as a trust anchor", e);
        }
    }

    private static X509ExtendedTrustManager trustManager(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        for (TrustManager tm : factory.getTrustManagers()) {
            if (tm instanceof X509ExtendedTrustManager x) {
                return x;
            }
        }
        throw new GeneralSecurityException("no X509ExtendedTrustManager");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("only socket connections are supported");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("a socket is required to verify the host name");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw new CertificateException("not a server");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("not a server");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("not a server");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return system.getAcceptedIssuers();
    }
}
