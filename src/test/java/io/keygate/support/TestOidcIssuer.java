package io.keygate.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/**
 * A local HTTPS OpenID Connect issuer for tests: a self-signed certificate made by {@code keytool} (trusted by
 * Keygate only through its SHA-1 thumbprint), generated RS256 and ES256 signing keys, discovery at
 * {@code <issuer>/.well-known/openid-configuration}, the JWKS at {@code /jwks}, key rotation, and counters of what
 * was fetched. {@link #onRequest} lets a test answer a path itself (a redirect, a slow or huge answer).
 */
public final class TestOidcIssuer implements AutoCloseable {

    private static final char[] PASSWORD = "changeit".toCharArray();

    private final HttpsServer server;
    private final String issuer;
    private final String thumbprint;
    private final List<JWK> published = new CopyOnWriteArrayList<>();
    private volatile RSAKey rsa;
    private volatile ECKey ec;
    private final AtomicInteger discoveryFetches = new AtomicInteger();
    private final AtomicInteger jwksFetches = new AtomicInteger();
    private final Map<String, Consumer<HttpExchange>> overrides = new java.util.concurrent.ConcurrentHashMap<>();

    private TestOidcIssuer(HttpsServer server, String issuer, String thumbprint) {
        this.server = server;
        this.issuer = issuer;
        this.thumbprint = thumbprint;
    }

    /**
     * Starts an issuer at {@code https://127.0.0.1:<port><path>}.
     *
     * @param port a port of the test's range, or 0
     * @param path the issuer path, e.g. {@code /realms/Corp} (may be empty)
     */
    public static TestOidcIssuer start(int port, String path) throws Exception {
        Path dir = Files.createTempDirectory("oidc-issuer");
        Path store = dir.resolve("tls.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "tls", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
                "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (keytool.waitFor() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, PASSWORD);
        }
        X509Certificate cert = (X509Certificate) keys.getCertificate("tls");
        String thumbprint = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(cert.getEncoded()));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, PASSWORD);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", port), 16);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        String issuer = "https://127.0.0.1:" + server.getAddress().getPort() + path;
        TestOidcIssuer idp = new TestOidcIssuer(server, issuer, thumbprint);
        idp.rotate();
        server.createContext("/", idp::handle);
        server.start();
        return idp;
    }

    /** The issuer URL ({@code iss}). */
    public String issuer() {
        return issuer;
    }

    /** The provider id: the issuer without {@code https://}. */
    public String id() {
        return issuer.substring("https://".length());
    }

    /** The lower-case SHA-1 thumbprint of the TLS certificate. */
    public String thumbprint() {
        return thumbprint;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public int discoveryFetches() {
        return discoveryFetches.get();
    }

    public int jwksFetches() {
        return jwksFetches.get();
    }

    /**
     * New RS256 and ES256 signing keys; the previous ones stay published when {@code keepOld} (rotation overlap),
     * or are withdrawn.
     */
    public synchronized void rotate(boolean keepOld) throws JOSEException {
        String suffix = Long.toString(System.nanoTime(), 36);
        rsa = new RSAKeyGenerator(2048).keyID("rsa-" + suffix).generate();
        ec = new ECKeyGenerator(Curve.P_256).keyID("ec-" + suffix).generate();
        List<JWK> next = new ArrayList<>();
        next.add(rsa.toPublicJWK());
        next.add(ec.toPublicJWK());
        if (keepOld) {
            next.addAll(published);
        }
        published.clear();
        published.addAll(next);
    }

    private void rotate() throws JOSEException {
        rotate(false);
    }

    /** The current RSA signing key (private), e.g. for attacks that need its public half. */
    public RSAKey rsaKey() {
        return rsa;
    }

    /** Answers {@code path} with {@code handler} instead of the default. */
    public void onRequest(String path, Consumer<HttpExchange> handler) {
        overrides.put(path, handler);
    }

    public void clearOverrides() {
        overrides.clear();
    }

    /** Claims for {@code sub} and {@code aud}, issued now by this issuer, valid for five minutes. */
    public JWTClaimsSet.Builder claims(String sub, String aud) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(issuer).subject(sub).audience(aud)
                .issueTime(Date.from(now)).notBeforeTime(Date.from(now.minusSeconds(5)))
                .expirationTime(Date.from(now.plusSeconds(300)));
    }

    /** Signs with the current RSA key (RS256, its kid). */
    public String rs256(JWTClaimsSet claims) {
        return sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(rsa.getKeyID()).type(JOSEObjectType.JWT).build(),
                claims);
    }

    /** Signs with the current EC key (ES256, its kid). */
    public String es256(JWTClaimsSet claims) {
        return sign(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(ec.getKeyID()).type(JOSEObjectType.JWT).build(),
                claims);
    }

    /** Signs with the key that fits {@code header}'s algorithm. */
    public String sign(JWSHeader header, JWTClaimsSet claims) {
        try {
            JWSSigner signer = JWSAlgorithm.Family.EC.contains(header.getAlgorithm()) ? new ECDSASigner(ec)
                    : new RSASSASigner(rsa);
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(signer);
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            Consumer<HttpExchange> override = overrides.get(path);
            if (override != null) {
                override.accept(exchange);
                return;
            }
            String issuerPath = java.net.URI.create(issuer).getPath();
            if (path.equals(issuerPath + "/.well-known/openid-configuration")) {
                discoveryFetches.incrementAndGet();
                String base = "https://127.0.0.1:" + port();
                reply(exchange, 200, "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + base + "/jwks\","
                        + "\"id_token_signing_alg_values_supported\":[\"RS256\",\"ES256\"]}");
            } else if (path.equals("/jwks")) {
                jwksFetches.incrementAndGet();
                reply(exchange, 200, new JWKSet(List.copyOf(published)).toString(true));
            } else {
                reply(exchange, 404, "{}");
            }
        }
    }

    /** Writes a JSON answer. */
    public static void reply(HttpExchange exchange, int status, String json) {
        try {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
