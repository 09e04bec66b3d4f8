package io.keygate.iam;

import static io.keygate.iam.IamTestSupport.unique;
import static io.keygate.support.TestClients.ROOT_KEY;
import static io.keygate.support.TestClients.ROOT_SECRET;
import static io.keygate.support.TestClients.iam;
import static io.keygate.support.TestClients.root;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.keygate.protocol.sigv4.SigV4Request;
import io.keygate.protocol.sigv4.SigV4Signer;
import io.keygate.protocol.sigv4.SignedRequest;
import io.keygate.protocol.sigv4.SigningCredentials;
import io.keygate.support.TestClients;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.services.iam.IamClient;

/** POST /api/v1/accounts: the bootstrap root creates accounts; each account's IAM is its own. */
@QuarkusTest
class AccountApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static HttpResponse<String> post(String keyId, String secret, String body) throws Exception {
        URI endpoint = TestClients.endpoint();
        String host = endpoint.getHost() + ":" + endpoint.getPort();
        SigV4Request request = SigV4Request.of("POST", "/api/v1/accounts", "",
                List.of(Map.entry("Host", host), Map.entry("Content-Type", "application/json")),
                body.getBytes(StandardCharsets.UTF_8));
        SignedRequest signed = new SigV4Signer(Clock.systemUTC())
                .sign(request, SigningCredentials.of(keyId, secret), "us-east-1", "keygate");
        HttpRequest.Builder http = HttpRequest.newBuilder(endpoint.resolve("/api/v1/accounts"))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (SigV4Request.Header h : signed.request().headers()) {
            if (!h.name().equalsIgnoreCase("host") && !h.name().equalsIgnoreCase("content-length")) {
                http.header(h.name(), h.value());
            }
        }
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(http.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void bootstrapRootCreatesAnIsolatedAccount() throws Exception {
        String alias = unique("tenant").toLowerCase();
        HttpResponse<String> response = post(ROOT_KEY, ROOT_SECRET, "{\"Alias\":\"" + alias + "\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode created = JSON.readTree(response.body());
        String account = created.get("AccountId").asText();
        assertThat(account).hasSize(12);
        var creds = AwsBasicCredentials.create(created.get("AccessKeyId").asText(),
                created.get("SecretAccessKey").asText());
        String user = unique("tenant-user");
        try (IamClient tenant = iam(creds)) {
            assertThat(tenant.listAccountAliases().accountAliases()).containsExactly(alias);
            assertThat(tenant.createUser(b -> b.userName(user)).user().arn())
                    .isEqualTo("arn:aws:iam::" + account + ":user/" + user);
        }
        try (IamClient home = iam(root())) {
            assertThat(home.listUsers().users()).noneMatch(u -> u.userName().equals(user));
        }
        // only the bootstrap root may create accounts
        HttpResponse<String> refused = post(creds.accessKeyId(), creds.secretAccessKey(), "{}");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("AccessDenied");
        HttpResponse<String> duplicate = post(ROOT_KEY, ROOT_SECRET, "{\"AccountId\":\"" + account + "\"}");
        assertThat(duplicate.statusCode()).isEqualTo(409);
        HttpResponse<String> unsigned = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(
                TestClients.endpoint().resolve("/api/v1/accounts")).POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(unsigned.statusCode()).isEqualTo(403);
    }
}
