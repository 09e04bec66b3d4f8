package io.keygate.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.keygate.protocol.sigv4.SigV4Request;
import io.keygate.protocol.sigv4.SigV4Signer;
import io.keygate.protocol.sigv4.SignedRequest;
import io.keygate.protocol.sigv4.SigningCredentials;

/**
 * Calls Keygate's JSON API with SigV4-signed requests. One instance per set of credentials; thread-safe.
 *
 * <pre>{@code
 * KeygateClient keygate = new KeygateClient(URI.create("http://127.0.0.1:8080/"), "us-east-1",
 *         SigningCredentials.of(accessKeyId, secretAccessKey));
 * JsonNode live = keygate.get("/api/v1/revocations");
 * }</pre>
 */
public final class KeygateClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI endpoint;
    private final String region;
    private final SigningCredentials credentials;
    private final SigV4Signer signer;
    private final HttpClient http;

    /** A JSON API answer: the HTTP status and the parsed body. */
    public record Response(int status, JsonNode body) {

        /** The AWS error code of a failed call ({@code AccessDenied}, …), or null on success. */
        public String errorCode() {
            return status >= 300 && body != null && body.hasNonNull("Code") ? body.get("Code").asText() : null;
        }
    }

    public KeygateClient(URI endpoint, String region, SigningCredentials credentials) {
        this(endpoint, region, credentials, Clock.systemUTC());
    }

    public KeygateClient(URI endpoint, String region, SigningCredentials credentials, Clock clock) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.region = Objects.requireNonNull(region, "region");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.signer = new SigV4Signer(clock);
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** {@code POST path} with {@code body} (a record, map or JsonNode) as JSON. */
    public Response post(String path, Object body) throws IOException, InterruptedException {
        return send("POST", path, JSON.writeValueAsBytes(body));
    }

    /** {@code GET path}. */
    public Response get(String path) throws IOException, InterruptedException {
        return send("GET", path, new byte[0]);
    }

    private Response send(String method, String path, byte[] body) throws IOException, InterruptedException {
        URI target = endpoint.resolve(path);
        String host = target.getPort() < 0 ? target.getHost() : target.getHost() + ":" + target.getPort();
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        headers.add(Map.entry("Host", host));
        if (body.length > 0) {
            headers.add(Map.entry("Content-Type", "application/json"));
        }
        SigV4Request unsigned = SigV4Request.of(method, target.getRawPath(), target.getRawQuery(), headers, body);
        SignedRequest signed = signer.sign(unsigned, credentials, region, "keygate");
        HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(30));
        for (SigV4Request.Header h : signed.request().headers()) {
            if (!h.name().equalsIgnoreCase("host")) {
                request.header(h.name(), h.value());
            }
        }
        request.method(method, body.length > 0 ? HttpRequest.BodyPublishers.ofByteArray(body)
                : HttpRequest.BodyPublishers.noBody());
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        JsonNode parsed = response.body().length == 0 ? null
                : JSON.readTree(new String(response.body(), StandardCharsets.UTF_8));
        return new Response(response.statusCode(), parsed);
    }
}
