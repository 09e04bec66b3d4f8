package io.keygate.keys;

import static io.keygate.support.TestClients.root;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.keygate.client.KeygateClient;
import io.keygate.credentials.CurrentKeyRing;
import io.keygate.support.Principals;
import io.keygate.support.TestApi;
import io.keygate.support.TestClients;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * POST /api/v1/keys/rotate: a new key becomes active at once and seals the tokens minted afterwards; a token minted
 * before still works; only the bootstrap account's root may rotate; the rotation is in the audit trail.
 */
@QuarkusTest
class RotateKeysApiTest {

    @Inject
    CurrentKeyRing current;

    private static Credentials sessionOf(AwsBasicCredentials user) {
        try (StsClient sts = TestClients.sts(user)) {
            return sts.getSessionToken(b -> b.durationSeconds(900)).credentials();
        }
    }

    private static String callerArn(Credentials session) {
        try (StsClient sts = TestClients.sts(TestClients.session(session))) {
            return sts.getCallerIdentity().arn();
        }
    }

    /** The ring kid a session token was encrypted under: its JWE {@code kid} is {@code <ring kid>.<epoch>}. */
    private static String ringKidOf(String sessionToken) throws Exception {
        String header = new String(Base64.getUrlDecoder().decode(sessionToken.substring(0, sessionToken.indexOf('.'))),
                StandardCharsets.UTF_8);
        String kid = new ObjectMapper().readTree(header).path("kid").asText();
        return kid.substring(0, kid.indexOf('.'));
    }

    @Test
    void whenRootRotatesThenTheNewKeyIsActiveAndSealsNewTokensWhileOldTokensStillWork() throws Exception {
        String name = Principals.unique("rotating");
        AwsBasicCredentials user = Principals.user(name, Principals.allow("sts:GetCallerIdentity", "*"));
        String before = current.get().activeKid();
        Credentials minted = sessionOf(user);
        assertThat(ringKidOf(minted.sessionToken())).isEqualTo(before);

        KeygateClient.Response answer = TestApi.client(root()).post("/api/v1/keys/rotate", Map.of());

        assertThat(answer.status()).isEqualTo(200);
        JsonNode body = answer.body();
        String added = body.path("KeyId").asText();
        assertThat(added).isNotEmpty().isNotEqualTo(before);
        assertThat(body.path("ActiveKeyId").asText()).isEqualTo(added);
        assertThat(body.path("Keys").toString()).contains("\"" + before + "\"", "\"" + added + "\"");
        assertThat(current.get().activeKid()).isEqualTo(added);
        assertThat(current.get().key(before)).isPresent();
        assertThat(callerArn(minted)).isEqualTo("arn:aws:iam::" + TestClients.ACCOUNT + ":user/" + name);

        Credentials after = sessionOf(user);
        assertThat(ringKidOf(after.sessionToken())).isEqualTo(added);
        assertThat(callerArn(after)).isEqualTo(callerArn(minted));
        // the long-term key of the user, sealed before the rotation, still opens and signs
        try (StsClient sts = TestClients.sts(user)) {
            assertThat(sts.getCallerIdentity().arn()).endsWith(":user/" + name);
        }
    }

    @Test
    void whenTheRotationIsDoneThenTheAuditTrailHasItWithoutKeyMaterial() throws Exception {
        KeygateClient.Response answer = TestApi.client(root()).post("/api/v1/keys/rotate", Map.of());
        assertThat(answer.status()).isEqualTo(200);

        KeygateClient.Response found = TestApi.client(root()).post("/api/v1/audit/lookup", Map.of(
                "LookupAttributes", List.of(Map.of("AttributeKey", "EventName", "AttributeValue", "RotateKeys"))));
        assertThat(found.status()).isEqualTo(200);
        // newest first: this test's rotation
        JsonNode event = new ObjectMapper().readTree(found.body().path("Events").path(0).path("CloudTrailEvent")
                .asText());
        assertThat(event.path("eventSource").asText()).isEqualTo("keygate.amazonaws.com");
        assertThat(event.path("readOnly").asBoolean()).isFalse();
        assertThat(event.path("userIdentity").path("type").asText()).isEqualTo("Root");
        assertThat(event.path("responseElements").path("ActiveKeyId").asText())
                .isEqualTo(answer.body().path("ActiveKeyId").asText());
        String key = Base64.getEncoder().encodeToString(current.get().activeKey().getEncoded());
        assertThat(event.toString()).doesNotContain(key);
    }

    @Test
    void whenAnIamUserAsksThenAccessDeniedEvenWithAnAllowPolicyAndTheRingStays() throws Exception {
        String active = current.get().activeKid();
        var admin = Principals.user(Principals.unique("keyrotator"), Principals.allow("keygate:*", "*"));

        KeygateClient.Response answer = TestApi.client(admin).post("/api/v1/keys/rotate", Map.of());

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.errorCode()).isEqualTo("AccessDenied");
        assertThat(answer.body().path("Message").asText())
                .endsWith("only the root user of the bootstrap account can rotate the key ring");
        assertThat(current.get().activeKid()).isEqualTo(active);
    }

    @Test
    void whenTheBodyHasMembersThenValidationError() throws Exception {
        KeygateClient.Response answer = TestApi.client(root()).post("/api/v1/keys/rotate", Map.of("KeyId", "k-1"));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.errorCode()).isEqualTo("ValidationError");
    }
}
