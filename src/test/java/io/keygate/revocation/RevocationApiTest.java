package io.keygate.revocation;

import static io.keygate.support.TestClients.root;
import static io.keygate.support.TestClients.session;
import static io.keygate.support.TestClients.sts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.keygate.client.KeygateClient;
import io.keygate.support.TestApi;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.StsException;

/** POST/GET /api/v1/revocations through the Java client, and the effect on later signed calls. */
@QuarkusTest
class RevocationApiTest {

    private static Credentials mint() {
        try (StsClient sts = sts(root())) {
            return sts.getSessionToken(b -> b.durationSeconds(900)).credentials();
        }
    }

    @Test
    void revokingOneAccessKeyRefusesThatSessionOnly() throws Exception {
        Credentials revoked = mint();
        Credentials kept = mint();
        try (StsClient sts = sts(session(revoked))) {
            assertThat(sts.getCallerIdentity().account()).isEqualTo("111122223333");
        }
        KeygateClient api = TestApi.client(root());
        KeygateClient.Response answer = api.post("/api/v1/revocations", Map.of("AccessKeyId", revoked.accessKeyId()));
        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.body().get("Kind").asText()).isEqualTo("AccessKeyId");
        // kept as long as the longest session it can match lives: 36 hours after its creation
        assertThat(java.time.Duration.between(java.time.Instant.parse(answer.body().get("CreatedAt").asText()),
                java.time.Instant.parse(answer.body().get("ExpiresAt").asText()))).isEqualTo(java.time.Duration.ofHours(36));

        try (StsClient sts = sts(session(revoked))) {
            assertThatThrownBy(sts::getCallerIdentity).isInstanceOfSatisfying(StsException.class,
                    e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId"));
        }
        try (StsClient sts = sts(session(kept))) {
            assertThat(sts.getCallerIdentity().account()).isEqualTo("111122223333");
        }
        KeygateClient.Response live = api.get("/api/v1/revocations");
        assertThat(live.status()).isEqualTo(200);
        assertThat(live.body().get("Revocations").findValuesAsText("AccessKeyId")).contains(revoked.accessKeyId());
    }

    @Test
    void revokedSessionCannotUseTheApiEither() throws Exception {
        Credentials revoked = mint();
        TestApi.client(root()).post("/api/v1/revocations", Map.of("AccessKeyId", revoked.accessKeyId()));
        KeygateClient.Response answer = TestApi.client(session(revoked)).get("/api/v1/revocations");
        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.errorCode()).isEqualTo("InvalidClientTokenId");
    }

    @Test
    void badRequestsAreValidationErrors() throws Exception {
        KeygateClient api = TestApi.client(root());
        assertThat(api.post("/api/v1/revocations", Map.of()).errorCode()).isEqualTo("ValidationError");
        assertThat(api.post("/api/v1/revocations", Map.of("AccessKeyId", "ASIA", "SourceIdentity", "x1"))
                .errorCode()).isEqualTo("ValidationError");
        assertThat(api.post("/api/v1/revocations", Map.of("AccessKeyId", "AKIAIOSFODNN7EXAMPLE")).status())
                .isEqualTo(400);
        assertThat(api.post("/api/v1/revocations", Map.of("RoleArn", "arn:aws:iam::999999999999:role/x")).errorCode())
                .isEqualTo("ValidationError");
        assertThat(api.post("/api/v1/revocations", Map.of("RoleArn", "arn:aws:iam::111122223333:role/x",
                "IssuedBefore", "2999-01-01T00:00:00Z")).errorCode()).isEqualTo("ValidationError");
        assertThat(api.post("/api/v1/revocations", Map.of("Provider", "https://idp.example.com")).errorCode())
                .isEqualTo("ValidationError");
        assertThat(api.post("/api/v1/revocations", Map.of("Surprise", 1)).errorCode()).isEqualTo("ValidationError");
        assertThat(api.post("/api/v1/revocations", "not an object").errorCode()).isEqualTo("ValidationError");
    }

    @Test
    void unsignedOrWronglyScopedCallsAreRefused() throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        var response = http.send(java.net.http.HttpRequest.newBuilder(
                        io.keygate.support.TestClients.endpoint().resolve("/api/v1/revocations")).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("MissingAuthenticationToken");
    }
}
