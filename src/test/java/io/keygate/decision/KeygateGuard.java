package io.keygate.decision;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsExchange;

import io.keygate.client.KeygateClient;
import io.keygate.client.KeygateClient.Authorization;
import io.keygate.client.KeygateClient.SignedHttpRequest;

/**
 * The worked example of docs/decision-api.md: a JDK HttpServer filter that lets a request through only when Keygate
 * says its signer may perform the action on the resource. The app sees the principal as the exchange attribute
 * {@code keygate.principal}.
 */
public final class KeygateGuard extends Filter {

    /** What the app maps a request to: the IAM action and resource ARN it stands for. */
    public record Target(String action, String resource) {
    }

    private final KeygateClient keygate;
    private final KeygateClient.ServiceEndpoint served;
    private final Function<HttpExchange, Target> targets;

    /**
     * @param served the service name and host this app serves, from its configuration (never from the request:
     *               Keygate refuses requests signed for another service or host)
     */
    public KeygateGuard(KeygateClient keygate, KeygateClient.ServiceEndpoint served,
                        Function<HttpExchange, Target> targets) {
        this.keygate = keygate;
        this.served = served;
        this.targets = targets;
    }

    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        exchange.getRequestHeaders().forEach((name, values) -> values.forEach(v -> headers.add(Map.entry(name, v))));
        String query = exchange.getRequestURI().getRawQuery();
        String url = exchange.getRequestURI().getRawPath() + (query == null ? "" : "?" + query);
        // What only the resource server observes: the client's address, TLS, user agent.
        Map<String, List<String>> observed = Map.of(
                "aws:SourceIp", List.of(exchange.getRemoteAddress().getAddress().getHostAddress()),
                "aws:SecureTransport", List.of(Boolean.toString(exchange instanceof HttpsExchange)),
                "aws:UserAgent", List.of(String.valueOf(exchange.getRequestHeaders().getFirst("User-Agent"))));
        Target target = targets.apply(exchange);
        try {
            Authorization answer = keygate.authorize(served, target.action(), target.resource(), observed,
                    new SignedHttpRequest(exchange.getRequestMethod(), url, headers, body));
            if (!answer.allowed()) {
                reply(exchange, 403, "AccessDenied", answer.message() + " Encoded authorization failure message: "
                        + answer.encodedMessage());
                return;
            }
            exchange.setAttribute("keygate.principal", answer.principal());
            exchange.setStreams(new ByteArrayInputStream(body), null);
            chain.doFilter(exchange);
        } catch (KeygateClient.ApiException e) {
            if (e.aboutSignedRequest()) {
                reply(exchange, 403, e.code(), "The request signature or credentials were refused.");
            } else {
                reply(exchange, 502, "BadGateway", "Authorization is unavailable.");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reply(exchange, 503, "ServiceUnavailable", "Interrupted.");
        }
    }

    private static void reply(HttpExchange exchange, int status, String code, String message) throws IOException {
        byte[] json = ("{\"Code\":\"" + code + "\",\"Message\":\"" + message.replace("\\", "\\\\")
                .replace("\"", "\\\"") + "\"}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, json.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(json);
        }
    }

    @Override
    public String description() {
        return "Keygate decision API guard";
    }
}
