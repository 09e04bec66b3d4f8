package io.keygate.keys;

import static io.keygate.support.TestClients.root;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.keygate.client.KeygateClient;
import io.keygate.credentials.CurrentKeyRing;
import io.keygate.support.Principals;
import io.keygate.support.TestApi;
import io.quarkus.test.junit.QuarkusTest;

/** POST /api/v1/keys/retire: only the bootstrap account's root; never the active key; unknown keys are 404. */
@QuarkusTest
class RetireKeyApiTest {

    @Inject
    CurrentKeyRing current;

    @Test
    void whenTheActiveKeyIsNamedThenItIsRefusedAndTheRingKeepsIt() throws Exception {
        KeygateClient.Response answer = TestApi.client(root()).post("/api/v1/keys/retire",
                Map.of("KeyId", current.get().activeKid()));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.errorCode()).isEqualTo("ValidationError");
        assertThat(answer.body().path("Message").asText())
                .isEqualTo("Key " + current.get().activeKid() + " is the active key: rotate to a new key first, then retire it.");
    }

    @Test
    void whenTheKeyIsUnknownThenNoSuchEntity() throws Exception {
        KeygateClient.Response answer = TestApi.client(root()).post("/api/v1/keys/retire", Map.of("KeyId", "k-nope"));
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.body().path("Message").asText()).isEqualTo("The key ring holds no key k-nope.");
    }

    @Test
    void whenAnIamUserAsksThenAccessDeniedEvenWithAnAllowPolicy() throws Exception {
        var keys = Principals.user(Principals.unique("keyadmin"), Principals.allow("keygate:*", "*"));
        KeygateClient.Response answer = TestApi.client(keys).post("/api/v1/keys/retire",
                Map.of("KeyId", current.get().activeKid()));
        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.errorCode()).isEqualTo("AccessDenied");
        assertThat(answer.body().path("Message").asText()).endsWith("only the root user of the bootstrap account can "
                + "retire key-ring keys");
    }

    @Test
    void whenTheBodyHasNoKeyIdThenValidationError() throws Exception {
        KeygateClient.Response answer = TestApi.client(root()).post("/api/v1/keys/retire", Map.of());
        assertThat(answer.errorCode()).isEqualTo("ValidationError");
    }
}
