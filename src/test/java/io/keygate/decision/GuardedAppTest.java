package io.keygate.decision;

import static io.keygate.support.TestClients.iam;
import static io.keygate.support.TestClients.root;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import io.keygate.client.KeygateClient;
import io.keygate.protocol.sigv4.SigV4Request;
import io.keygate.protocol.sigv4.SigV4Signer;
import io.keygate.protocol.sigv4.SigningCredentials;
import io.keygate.support.TestApi;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.services.iam.IamClient;

/** The docs/decision-api.md example end to end: a JDK HttpServer app guarded by {@link KeygateGuard}. */
@QuarkusTest
class GuardedAppTest {

    @Test
    void guardedAppWhenAllowedThenServesElseRefuses() throws Exception {
        AwsCredentials server;
        AwsCredentials reader;
        try (IamClient admin = iam(root())) {
            String serverName = DecisionApiTest.unique("notes-server");
            server = DecisionApiTest.userWithKey(admin, serverName);
            admin.putUserPolicy(b -> b.userName(serverName).policyName("authorize").policyDocument("""
                    {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "keygate:Authorize",
                      "Resource": "arn:aws:notes:::*"}]}"""));
            String readerName = DecisionApiTest.unique("reader");
            reader = DecisionApiTest.userWithKey(admin, readerName);
            admin.putUserPolicy(b -> b.userName(readerName).policyName("notes").policyDocument("""
                    {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "notes:Read",
                      "Resource": "arn:aws:notes:::public/*",
                      "Condition": {"IpAddress": {"aws:SourceIp": ["127.0.0.0/8", "::1/128"]}}}]}"""));
        }
        KeygateClient keygate = TestApi.client(server);
        HttpServer app = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        // The service name and host this app serves come from its configuration, not from requests.
        KeygateClient.ServiceEndpoint served = new KeygateClient.ServiceEndpoint("notes",
                "127.0.0.1:" + app.getAddress().getPort());
        app.createContext("/notes/", exchange -> {
            var principal = (KeygateClient.AuthorizedPrincipal) exchange.getAttribute("keygate.principal");
            byte[] text = ("hello " + principal.arn()).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, text.length);
            exchange.getResponseBody().write(text);
            exchange.close();
        }).getFilters().add(new KeygateGuard(keygate, served, exchange -> new KeygateGuard.Target("notes:Read",
                "arn:aws:notes:::" + exchange.getRequestURI().getPath().substring("/notes/".length()))));
        app.start();
        try {
            int port = app.getAddress().getPort();
            assertThat(get(reader, port, "/notes/public/a").statusCode()).isEqualTo(200);
            assertThat(get(reader, port, "/notes/public/a").body()).startsWith("hello arn:aws:iam::");
            HttpResponse<String> denied = get(reader, port, "/notes/private/b");
            assertThat(denied.statusCode()).isEqualTo(403);
            assertThat(denied.body()).contains("AccessDenied").contains("Encoded authorization failure message");
            HttpResponse<String> unsigned = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/notes/public/a")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(unsigned.statusCode()).isEqualTo(403);
            assertThat(unsigned.body()).contains("MissingAuthenticationToken");
            // Signed by the reader for another service: refused here, though the reader may read the note.
            HttpResponse<String> otherService = get(reader, port, "/notes/public/a", "s3");
            assertThat(otherService.statusCode()).isEqualTo(403);
            assertThat(otherService.body()).contains("SignatureDoesNotMatch");
        } finally {
            app.stop(0);
        }
    }

    /** An end client: signs for service {@code notes} with its Keygate credentials and calls the app. */
    private static HttpResponse<String> get(AwsCredentials credentials, int port, String path) throws Exception {
        return get(credentials, port, path, "notes");
    }

    private static HttpResponse<String> get(AwsCredentials credentials, int port, String path, String service)
            throws Exception {
        String host = "127.0.0.1:" + port;
        SigV4Request signed = new SigV4Signer(Clock.systemUTC()).sign(
                SigV4Request.of("GET", path, null, List.of(Map.entry("Host", host)), null),
                SigningCredentials.of(credentials.accessKeyId(), credentials.secretAccessKey()), "us-east-1",
                service).request();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + host + path));
        signed.headers().stream().filter(h -> !h.name().equalsIgnoreCase("host"))
                .forEach(h -> request.header(h.name(), h.value()));
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
