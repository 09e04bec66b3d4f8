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
    void whenRoleArnNamesNoRoleThenNothingIsRevokedAndTheAnswerIs404() throws Exception {
        KeygateClient api = TestApi.client(root());
        String missing = "arn:aws:iam::111122223333:role/" + io.keygate.support.Principals.unique("missing");
        KeygateClient.Response answer = api.post("/api/v1/revocations", Map.of("RoleArn", missing));
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.errorCode()).isEqualTo("NoSuchEntity");
        assertThat(answer.body().path("Message").asText()).isEqualTo("The role with name " + missing.substring(missing.lastIndexOf('/') + 1)
                + " cannot be found.");
        assertThat(api.get("/api/v1/revocations").body().get("Revocations").findValuesAsText("RoleArn"))
                .doesNotContain(missing);
    }

    @Test
    void whenRoleArnDiffersInCaseOrOmitsThePathThenTheStoredRoleIsRevoked() throws Exception {
        String name = io.keygate.support.Principals.unique("Revoked");
        String stored;
        try (var iam = io.keygate.support.TestClients.iam(root())) {
            stored = iam.createRole(b -> b.roleName(name).path("/team/")
                    .assumeRolePolicyDocument(io.keygate.support.Principals.trust(
                            "arn:aws:iam::111122223333:root", "\"sts:AssumeRole\"", null))).role().arn();
        }
        String user = io.keygate.support.Principals.unique("assumer");
        var keys = io.keygate.support.Principals.user(user, io.keygate.support.Principals.allow("sts:AssumeRole", "*"));
        Credentials session;
        try (StsClient sts = sts(keys)) {
            session = sts.assumeRole(b -> b.roleArn(stored).roleSessionName("revoked")).credentials();
        }
        KeygateClient api = TestApi.client(root());
        String written = "arn:aws:iam::111122223333:role/" + name.toLowerCase(java.util.Locale.ROOT);
        KeygateClient.Response answer = api.post("/api/v1/revocations", Map.of("RoleArn", written));
        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.body().get("RoleArn").asText()).isEqualTo(stored);
        try (StsClient sts = sts(session(session))) {
            assertThatThrownBy(sts::getCallerIdentity).isInstanceOfSatisfying(StsException.class,
                    e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ExpiredToken"));
        }
        // a path that is not the role's names no role
        assertThat(api.post("/api/v1/revocations", Map.of("RoleArn", "arn:aws:iam::111122223333:role/other/" + name))
                .errorCode()).isEqualTo("NoSuchEntity");
    }

    @Test
    void whenAnEarlierIssuedBeforeComesSecondThenTheLaterOneStays() throws Exception {
        String name = io.keygate.support.Principals.unique("twice");
        String arn = io.keygate.support.Principals.role(name, io.keygate.support.Principals.trust(
                "arn:aws:iam::111122223333:root", "\"sts:AssumeRole\"", null), null);
        KeygateClient api = TestApi.client(root());
        String later = api.post("/api/v1/revocations", Map.of("RoleArn", arn)).body().get("IssuedBefore").asText();
        KeygateClient.Response second = api.post("/api/v1/revocations", Map.of("RoleArn", arn,
                "IssuedBefore", "2020-01-01T00:00:00Z"));
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.body().get("IssuedBefore").asText()).isEqualTo(later);
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
