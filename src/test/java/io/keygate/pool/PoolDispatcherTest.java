package io.keygate.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.keygate.protocol.query.HttpExchange;

/**
 * Which Cognito Identity requests may run on an I/O thread: only a guest's GetCredentialsForIdentity (no logins),
 * which reads memory and mints; GetId writes the identity durably, and a login may need the provider's keys fetched.
 */
class PoolDispatcherTest {

    private final PoolDispatcher dispatcher = new PoolDispatcher(
            new IdentityCredentials(null, null, null, null, null, null, null, null, null).operations(), null);

    private static HttpExchange post(String operation, String body) {
        return new HttpExchange("POST", "/", "", List.of(
                Map.entry("X-Amz-Target", PoolDispatcher.TARGET_PREFIX + operation),
                Map.entry("Content-Type", PoolDispatcher.CONTENT_TYPE)),
                body.getBytes(StandardCharsets.UTF_8), "127.0.0.1", false);
    }

    private boolean nonBlocking(String operation, String body) {
        return dispatcher.read(post(operation, body)).nonBlocking();
    }

    @Test
    void readWhenGuestGetCredentialsForIdentityThenNonBlocking() {
        assertThat(nonBlocking("GetCredentialsForIdentity", "{\"IdentityId\":\"us-east-1:9f0e\"}")).isTrue();
        assertThat(nonBlocking("GetCredentialsForIdentity", "{\"IdentityId\":\"us-east-1:9f0e\",\"Logins\":{}}"))
                .isTrue();
        assertThat(nonBlocking("GetCredentialsForIdentity", "{\"IdentityId\":\"us-east-1:9f0e\",\"Logins\":null}"))
                .isTrue();
    }

    @Test
    void readWhenLoginsOrAStoreWriteThenOnAWorkerThread() {
        assertThat(nonBlocking("GetCredentialsForIdentity",
                "{\"IdentityId\":\"us-east-1:9f0e\",\"Logins\":{\"idp.example/realms/Corp\":\"eyJ\"}}")).isFalse();
        assertThat(nonBlocking("GetCredentialsForIdentity", "{\"IdentityId\":\"us-east-1:9f0e\",\"Logins\":\"x\"}"))
                .isFalse();
        assertThat(nonBlocking("GetId", "{\"IdentityPoolId\":\"us-east-1:0f0e\"}")).isFalse();
        assertThat(nonBlocking("GetOpenIdToken", "{\"IdentityId\":\"us-east-1:9f0e\"}")).isFalse();
        assertThat(nonBlocking("UnlinkIdentity", "{\"IdentityId\":\"us-east-1:9f0e\"}")).isFalse();
    }

    @Test
    void readWhenTheRequestCannotBeServedThenOnAWorkerThreadAsBefore() {
        assertThat(nonBlocking("NoSuchOperation", "{}")).isFalse();
        assertThat(nonBlocking("GetCredentialsForIdentity", "not json")).isFalse();
        assertThat(nonBlocking("GetCredentialsForIdentity", "[]")).isFalse();
        HttpExchange get = new HttpExchange("GET", "/", "", List.of(
                Map.entry("X-Amz-Target", PoolDispatcher.TARGET_PREFIX + "GetCredentialsForIdentity")),
                new byte[0], "127.0.0.1", false);
        assertThat(dispatcher.read(get).nonBlocking()).isFalse();
    }
}
