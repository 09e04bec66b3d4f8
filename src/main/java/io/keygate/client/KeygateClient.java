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

    /**
     * A request exactly as an end client signed it and the resource server received it: the method, the request
     * target ({@code /path?query} as on the request line, or an absolute URL), every header line in order (Host,
     * Authorization, X-Amz-Date, X-Amz-Security-Token, …) and the body bytes. A null body means "not forwarded": the
     * client must then have signed {@code x-amz-content-sha256}, and the resource server checks the body against it.
     */
    public record SignedHttpRequest(String method, String url, List<Map.Entry<String, String>> headers, byte[] body) {

        public SignedHttpRequest {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(url, "url");
            headers = List.copyOf(headers);
        }
    }

    /**
     * What a resource server serves: the SigV4 service name its clients sign for ({@code s3}, {@code notes}) and the
     * host, as its clients send it in the Host header ({@code media.example.com}, or {@code host:port}). Configure
     * both; never take them from the incoming request, or a request signed for another service could be replayed
     * at this one.
     */
    public record ServiceEndpoint(String service, String host) {

        public ServiceEndpoint {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(host, "host");
        }
    }

    /**
     * The resource a request is about.
     *
     * @param arn     the resource ARN, or {@code *}
     * @param account the account that owns it, for ARNs without an account field (null: the ARN's account, else
     *                the resource server's own)
     * @param policy  the resource-based policy document the resource holds, or null; a client of another account
     *                is allowed only where this policy allows it
     */
    public record Resource(String arn, String account, String policy) {

        public Resource {
            Objects.requireNonNull(arn, "arn");
        }

        /** A resource of the ARN's account (or the resource server's), without a resource policy. */
        public static Resource of(String arn) {
            return new Resource(arn, null, null);
        }
    }

    /** Who signed the end client's request. */
    public record AuthorizedPrincipal(String arn, String account, String userId, String type) {
    }

    /** A statement that decided: the policy id, its position and its effect ({@code Allow}/{@code Deny}). */
    public record DecidingStatement(String policyId, int statementIndex, String effect) {
    }

    /**
     * The decision API's answer.
     *
     * @param decision       {@code Allow}, {@code ExplicitDeny} or {@code ImplicitDeny}
     * @param encodedMessage for denials, the message STS {@code DecodeAuthorizationMessage} decodes; else null
     */
    public record Authorization(String decision, AuthorizedPrincipal principal, List<DecidingStatement> matchedStatements,
                                String message, String encodedMessage) {

        public boolean allowed() {
            return "Allow".equals(decision);
        }
    }

    /**
     * A JSON API call that failed. {@link #aboutSignedRequest()} tells an end client's bad signature, unknown key or
     * expired credentials (answer the client 403) from a problem with the resource server's own call.
     */
    public static final class ApiException extends RuntimeException {
        private final int status;
        private final String code;
        private final boolean aboutSignedRequest;

        public ApiException(int status, String code, String message, boolean aboutSignedRequest) {
            super(code + ": " + message);
            this.status = status;
            this.code = code;
            this.aboutSignedRequest = aboutSignedRequest;
        }

        public int status() {
            return status;
        }

        /** The AWS error code ({@code SignatureDoesNotMatch}, {@code AccessDenied}, …). */
        public String code() {
            return code;
        }

        public boolean aboutSignedRequest() {
            return aboutSignedRequest;
        }
    }

    /** As {@link #authorize(ServiceEndpoint, String, Resource, Map, SignedHttpRequest)} for {@code Resource.of(arn)}. */
    public Authorization authorize(ServiceEndpoint served, String action, String resourceArn,
                                   Map<String, List<String>> context, SignedHttpRequest request)
            throws IOException, InterruptedException {
        return authorize(served, action, Resource.of(resourceArn), context, request);
    }

    /**
     * Asks Keygate whether the end client that signed {@code request} may perform {@code action} on
     * {@code resource} ({@code POST /api/v1/authorize}); these credentials need {@code keygate:Authorize} on the
     * resource, which must belong to their own account.
     *
     * @param served  the service and host this resource server serves: a request signed for another is refused
     * @param context condition keys the resource server observes ({@code aws:SourceIp}, {@code aws:RequestTag/k},
     *                its service's keys), each with one or more values; may be empty
     * @throws ApiException when Keygate answers an error instead of a decision
     */
    public Authorization authorize(ServiceEndpoint served, String action, Resource resource,
                                   Map<String, List<String>> context, SignedHttpRequest request)
            throws IOException, InterruptedException {
        Map<String, Object> headers = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, String> h : request.headers()) {
            Object prior = headers.get(h.getKey());
            if (prior == null) {
                headers.put(h.getKey(), h.getValue());
            } else {
                List<String> values = new ArrayList<>();
                if (prior instanceof List<?> list) {
                    list.forEach(v -> values.add((String) v));
                } else {
                    values.add((String) prior);
                }
                values.add(h.getValue());
                headers.put(h.getKey(), values);
            }
        }
        Map<String, Object> signed = new java.util.LinkedHashMap<>();
        signed.put("Method", request.method());
        signed.put("Url", request.url());
        signed.put("Headers", headers);
        if (request.body() != null) {
            signed.put("Body", java.util.Base64.getEncoder().encodeToString(request.body()));
        }
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("Action", action);
        body.put("Resource", resource.arn());
        if (resource.account() != null) {
            body.put("ResourceAccount", resource.account());
        }
        if (resource.policy() != null) {
            body.put("ResourcePolicy", resource.policy());
        }
        body.put("Service", served.service());
        body.put("Host", served.host());
        body.put("Context", context);
        body.put("SignedRequest", signed);
        Response response = post("/api/v1/authorize", body);
        JsonNode answer = response.body();
        if (response.status() != 200 || answer == null || !answer.hasNonNull("Decision")) {
            throw new ApiException(response.status(), response.errorCode() == null ? "InternalFailure"
                    : response.errorCode(), answer == null ? "" : answer.path("Message").asText(),
                    answer != null && "SignedRequest".equals(answer.path("Source").asText()));
        }
        JsonNode p = answer.path("Principal");
        List<DecidingStatement> statements = new ArrayList<>();
        for (JsonNode m : answer.path("MatchedStatements")) {
            statements.add(new DecidingStatement(m.path("PolicyId").asText(), m.path("StatementIndex").asInt(),
                    m.path("Effect").asText()));
        }
        return new Authorization(answer.get("Decision").asText(),
                new AuthorizedPrincipal(p.path("Arn").asText(), p.path("Account").asText(),
                        p.path("UserId").asText(), p.path("Type").asText()),
                statements, answer.path("Message").asText(),
                answer.hasNonNull("EncodedMessage") ? answer.get("EncodedMessage").asText() : null);
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
        String text = new String(response.body(), StandardCharsets.UTF_8);
        boolean json = response.headers().firstValue("Content-Type").map(t -> t.startsWith("application/json"))
                .orElse(true);
        // A non-JSON answer (an exported YAML document) comes back as one text node.
        JsonNode parsed = response.body().length == 0 ? null
                : json ? JSON.readTree(text) : com.fasterxml.jackson.databind.node.TextNode.valueOf(text);
        return new Response(response.statusCode(), parsed);
    }
}
