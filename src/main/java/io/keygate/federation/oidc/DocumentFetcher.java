package io.keygate.federation.oidc;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Fetches one document (discovery, JWKS) from an OIDC provider with every guard THREATS asks for: {@code https}
 * (plain {@code http} only to loopback when allowed), the host resolved once and every address checked by
 * {@link AddressRules} before connecting to that very address (no second resolution), TLS trusting the system CAs
 * or a pinned thumbprint with hostname verification ({@link PinningTrustManager}), connect and read timeouts plus a
 * whole-fetch deadline, a response-size limit, and redirects followed only within the same scheme, host and port
 * (at most three). HTTP/1.1 with {@code Connection: close}; chunked and length-delimited bodies.
 *
 * <p>Blocking: call it from a worker thread, never an event loop. Thread-safe.
 */
public final class DocumentFetcher {

    /** Resolves a host name to its addresses (the JDK resolver in production). */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** A fetch that failed, with a reason fit for the caller's error message (no internals). */
    public static final class FetchException extends Exception {
        FetchException(String reason) {
            super(reason, null, false, false);
        }
    }

    private static final int MAX_REDIRECTS = 3;
    private static final int MAX_LINE = 8192;
    private static final int MAX_HEADERS = 100;

    private final OidcSettings settings;
    private final Resolver resolver;
    private final X509ExtendedTrustManager system;

    public DocumentFetcher(OidcSettings settings) {
        this(settings, InetAddress::getAllByName, PinningTrustManager.systemDefault());
    }

    /**
     * @param resolver resolves host names (tests resolve names to chosen addresses)
     * @param system   the trust manager of the system CAs
     */
    public DocumentFetcher(OidcSettings settings, Resolver resolver, X509ExtendedTrustManager system) {
        this.settings = settings;
        this.resolver = resolver;
        this.system = system;
    }

    /**
     * GETs {@code url} and returns its body as UTF-8 text.
     *
     * @param thumbprints lower-case hex SHA-1 thumbprints trusted besides the system CAs
     * @throws FetchException on any refusal or failure
     */
    public String get(URI url, List<String> thumbprints) throws FetchException {
        long deadline = System.nanoTime() + settings.connectTimeout().toNanos() + 2 * settings.readTimeout().toNanos();
        URI current = url;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            Response response = once(current, thumbprints, deadline);
            if (response.status() == 200) {
                return new String(response.body(), StandardCharsets.UTF_8);
            }
            String location = response.headers().get("location");
            if (response.status() / 100 != 3 || location == null) {
                throw new FetchException(current.getHost() + " answered HTTP " + response.status());
            }
            URI next;
            try {
                next = current.resolve(location.trim());
            } catch (IllegalArgumentException e) {
                throw new FetchException("the redirect location is not a valid URL");
            }
            if (!sameOrigin(current, next)) {
                throw new FetchException("the provider redirected to another host; redirects are followed only "
                        + "within the same scheme, host and port");
            }
            current = next;
        }
        throw new FetchException("too many redirects");
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(String.valueOf(b.getScheme()))
                && a.getHost() != null && a.getHost().equalsIgnoreCase(String.valueOf(b.getHost()))
                && port(a) == port(b);
    }

    private static int port(URI u) {
        return u.getPort() != -1 ? u.getPort() : "http".equalsIgnoreCase(u.getScheme()) ? 80 : 443;
    }

    private record Response(int status, Map<String, String> headers, byte[] body) {
    }

    private Response once(URI url, List<String> thumbprints, long deadline) throws FetchException {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        String host = url.getHost();
        if (host == null || url.getRawUserInfo() != null) {
            throw new FetchException("the URL has no host or carries user information");
        }
        host = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        boolean https = scheme.equals("https");
        if (!https && !(scheme.equals("http") && settings.allowLoopback() && settings.allowHttpLoopback()
                && AddressRules.isLoopbackName(host.toLowerCase(Locale.ROOT)))) {
            throw new FetchException("only https URLs are fetched");
        }
        Optional<String> refusedName = AddressRules.nameProblem(host);
        if (refusedName.isPresent()) {
            throw new FetchException(refusedName.get());
        }
        InetAddress address = vetted(host, https);
        int port = port(url);
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(address, port), (int) settings.connectTimeout().toMillis());
            plain.setSoTimeout((int) settings.readTimeout().toMillis());
            Socket socket = https ? tls(plain, host, port, thumbprints) : plain;
            try {
                String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
                String target = url.getRawQuery() == null ? path : path + "?" + url.getRawQuery();
                String authority = url.getPort() == -1 ? url.getHost() : url.getHost() + ":" + url.getPort();
                OutputStream out = socket.getOutputStream();
                out.write(("GET " + target + " HTTP/1.1\r\nHost: " + authority
                        + "\r\nAccept: application/json\r\nUser-Agent: keygate-oidc\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                return read(new BufferedInputStream(socket.getInputStream()), deadline, socket);
            } finally {
                if (socket != plain) {
                    socket.close();
                }
            }
        } catch (SocketTimeoutException e) {
            throw new FetchException("the connection to " + host + " timed out");
        } catch (SSLException e) {
            throw new FetchException("the TLS connection to " + host + " failed: " + tlsReason(e));
        } catch (IOException e) {
            throw new FetchException("the connection to " + host + " failed");
        }
    }

    private static String tlsReason(SSLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.security.cert.CertificateException) {
                String m = t.getMessage();
                if (m != null && (m.startsWith("no certificate") || m.startsWith("the server certificate"))) {
                    return m;
                }
                return "the server certificate is not trusted for this host";
            }
        }
        return "handshake failed";
    }

    /** Resolves the host once; every address must pass {@link AddressRules}; the first is used. */
    private InetAddress vetted(String host, boolean https) throws FetchException {
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw new FetchException("the host " + host + " cannot be resolved");
        }
        if (addresses == null || addresses.length == 0) {
            throw new FetchException("the host " + host + " cannot be resolved");
        }
        for (InetAddress a : addresses) {
            Optional<String> problem = AddressRules.problem(a, settings);
            if (problem.isPresent()) {
                throw new FetchException("refusing to fetch from " + host + ": " + problem.get());
            }
            if (!https && !a.isLoopbackAddress()) {
                throw new FetchException("plain http is fetched only from loopback");
            }
        }
        return addresses[0];
    }

    private Socket tls(Socket plain, String host, int port, List<String> thumbprints) throws IOException {
        SSLContext context;
        try {
            context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new PinningTrustManager(system, thumbprints)}, null);
        } catch (GeneralSecurityException e) {
            throw new SSLException("no TLS context", e);
        }
        SSLSocket ssl = (SSLSocket) context.getSocketFactory().createSocket(plain, host, port, false);
        SSLParameters parameters = ssl.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        if (!isIpLiteral(host)) {
            parameters.setServerNames(List.of(new SNIHostName(host)));
        }
        ssl.setSSLParameters(parameters);
        ssl.startHandshake();
        return ssl;
    }

    private static boolean isIpLiteral(String host) {
        return host.indexOf(':') >= 0 || host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }

    // ---------------------------------------------------------------- HTTP/1.1 response

    private Response read(InputStream in, long deadline, Socket socket) throws IOException, FetchException {
        String statusLine = line(in, deadline, socket);
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new FetchException("the provider did not answer HTTP/1.1");
        }
        int status;
        try {
            status = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new FetchException("the provider sent a malformed status line");
        }
        Map<String, String> headers = new HashMap<>();
        for (int i = 0; ; i++) {
            if (i > MAX_HEADERS) {
                throw new FetchException("the provider sent too many headers");
            }
            String header = line(in, deadline, socket);
            if (header.isEmpty()) {
                break;
            }
            int colon = header.indexOf(':');
            if (colon > 0) {
                headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
            }
        }
        if (status != 200) {
            return new Response(status, headers, new byte[0]);
        }
        String encoding = headers.getOrDefault("transfer-encoding", "").toLowerCase(Locale.ROOT);
        String length = headers.get("content-length");
        byte[] body;
        if (encoding.contains("chunked")) {
            body = chunked(in, deadline, socket);
        } else if (length != null) {
            long n;
            try {
                n = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                throw new FetchException("the provider sent a malformed Content-Length");
            }
            if (n < 0 || n > settings.maxResponseBytes()) {
                throw tooLarge();
            }
            body = exactly(in, (int) n, deadline, socket);
        } else {
            body = untilEnd(in, deadline, socket);
        }
        return new Response(status, headers, body);
    }

    private FetchException tooLarge() {
        return new FetchException("the document is larger than " + settings.maxResponseBytes() + " bytes");
    }

    private void tick(long deadline, Socket socket) throws IOException, FetchException {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new FetchException("the fetch took too long");
        }
        int millis = (int) Math.max(1, Math.min(settings.readTimeout().toMillis(), left / 1_000_000));
        socket.setSoTimeout(millis);
    }

    private String line(InputStream in, long deadline, Socket socket) throws IOException, FetchException {
        tick(deadline, socket);
        StringBuilder out = new StringBuilder();
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new FetchException("the provider closed the connection early");
            }
            if (c == '\n') {
                int end = out.length();
                return end > 0 && out.charAt(end - 1) == '\r' ? out.substring(0, end - 1) : out.toString();
            }
            if (out.length() >= MAX_LINE) {
                throw new FetchException("the provider sent an over-long line");
            }
            out.append((char) c);
        }
    }

    private byte[] exactly(InputStream in, int n, long deadline, Socket socket) throws IOException, FetchException {
        byte[] out = new byte[n];
        int read = 0;
        while (read < n) {
            tick(deadline, socket);
            int r = in.read(out, read, n - read);
            if (r < 0) {
                throw new FetchException("the provider closed the connection early");
            }
            read += r;
        }
        return out;
    }

    private byte[] untilEnd(InputStream in, long deadline, Socket socket) throws IOException, FetchException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (true) {
            tick(deadline, socket);
            int r = in.read(buffer);
            if (r < 0) {
                return out.toByteArray();
            }
            if (out.size() + r > settings.maxResponseBytes()) {
                throw tooLarge();
            }
            out.write(buffer, 0, r);
        }
    }

    private byte[] chunked(InputStream in, long deadline, Socket socket) throws IOException, FetchException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = line(in, deadline, socket);
            int semicolon = sizeLine.indexOf(';');
            String hex = (semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim();
            int size;
            try {
                size = Integer.parseInt(hex, 16);
            } catch (NumberFormatException e) {
                throw new FetchException("the provider sent a malformed chunk");
            }
            if (size < 0 || out.size() + (long) size > settings.maxResponseBytes()) {
                throw tooLarge();
            }
            if (size == 0) {
                return out.toByteArray();
            }
            out.write(exactly(in, size, deadline, socket));
            line(in, deadline, socket);
        }
    }
}
