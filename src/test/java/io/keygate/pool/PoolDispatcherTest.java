package io.keygate.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.keygate.protocol.query.HttpExchange;

/**
 * Which Cognito Identity requests may run on an I/O thread: a guest's GetCredentialsForIdentity (no logins), which
 * reads memory and mints, and a guest's GetId on a single node, which starts its durable write there and is answered
 * when the write ends; a login may need the provider's keys fetched.
 */
class PoolDispatcherTest {

    private final PoolDispatcher dispatcher = new PoolDispatcher(
            new IdentityCredentials(null, null, null, null, null, null, null,
                    new IdentityCredentials.Settings(60, java.time.Duration.ofMinutes(1), java.time.Duration.ofMinutes(15),
                            true), null).operations(), null);

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
        assertThat(nonBlocking("GetId", "{\"IdentityPoolId\":\"us-east-1:0f0e\",\"Logins\":{\"accounts.google.com\":\"eyJ\"}}"))
                .isFalse();
        assertThat(nonBlocking("GetOpenIdToken", "{\"IdentityId\":\"us-east-1:9f0e\"}")).isFalse();
        assertThat(nonBlocking("UnlinkIdentity", "{\"IdentityId\":\"us-east-1:9f0e\"}")).isFalse();
    }

    @Test
    void readWhenGuestGetIdThenStartedOnTheIoThreadAndAnsweredOnceDurable() {
        PoolDispatcher.Incoming guest = dispatcher.read(post("GetId", "{\"IdentityPoolId\":\"us-east-1:0f0e\"}"));
        assertThat(guest.nonBlocking()).isTrue();
        assertThat(guest.operation().awaiting()).isNotNull();
        assertThat(nonBlocking("GetId", "{\"IdentityPoolId\":\"us-east-1:0f0e\",\"Logins\":{}}")).isTrue();
    }

    @Test
    void readWhenGuestGetIdInAClusterThenOnAWorkerThread() {
        // the guest counters may be on another node: counting would wait for the network on the I/O thread
        PoolDispatcher clustered = new PoolDispatcher(new IdentityCredentials(null, null, null, null, null, null,
                null, new IdentityCredentials.Settings(60, java.time.Duration.ofMinutes(1),
                java.time.Duration.ofMinutes(15), false), null).operations(), null);
        assertThat(clustered.read(post("GetId", "{\"IdentityPoolId\":\"us-east-1:0f0e\"}")).nonBlocking()).isFalse();
        assertThat(clustered.read(post("GetCredentialsForIdentity", "{\"IdentityId\":\"us-east-1:9f0e\"}"))
                .nonBlocking()).isTrue();
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

    @Test
    void dispatchAsyncWhenTheOperationAwaitsItsWriteThenAnsweredAndToldOnlyOnceTheWriteEnds() {
        java.util.concurrent.CompletableFuture<com.fasterxml.jackson.databind.node.ObjectNode> write =
                new java.util.concurrent.CompletableFuture<>();
        List<PoolDispatcher.Dispatched> told = new java.util.ArrayList<>();
        PoolDispatcher awaiting = awaitingDispatcher(write);
        awaiting.observe(told::add);
        var answer = awaiting.dispatchAsync(awaiting.read(post("GetId", "{}")), "req-1").toCompletableFuture();
        assertThat(answer).isNotDone();
        assertThat(told).isEmpty();
        write.complete(PoolDispatcher.JSON.createObjectNode().put("IdentityId", "us-east-1:5e"));
        assertThat(answer.join()).isEqualTo(new PoolDispatcher.Response(200, "{\"IdentityId\":\"us-east-1:5e\"}",
                "GetId", null));
        assertThat(told).singleElement().satisfies(d -> {
            assertThat(d.requestId()).isEqualTo("req-1");
            assertThat(d.output().get("IdentityId").asText()).isEqualTo("us-east-1:5e");
        });
    }

    @Test
    void dispatchAsyncWhenTheAwaitedWriteFailsThenTheCognitoErrorOfItsCode() {
        java.util.concurrent.CompletableFuture<com.fasterxml.jackson.databind.node.ObjectNode> write =
                new java.util.concurrent.CompletableFuture<>();
        PoolDispatcher awaiting = awaitingDispatcher(write);
        var answer = awaiting.dispatchAsync(awaiting.read(post("GetId", "{}")), "req-2").toCompletableFuture();
        write.completeExceptionally(new java.util.concurrent.CompletionException(
                new io.keygate.error.ServiceFailureException(io.keygate.error.AwsErrorCode.ServiceUnavailable,
                        "cut off")));
        assertThat(answer.join()).isEqualTo(new PoolDispatcher.Response(503,
                "{\"__type\":\"ServiceUnavailableException\",\"message\":\"cut off\"}", "GetId",
                "ServiceUnavailableException"));
    }

    private static PoolDispatcher awaitingDispatcher(
            java.util.concurrent.CompletableFuture<com.fasterxml.jackson.databind.node.ObjectNode> write) {
        PoolOperation op = new PoolOperation("GetId", false, (in, caller) -> {
            throw new AssertionError("the worker handler runs only on a worker thread");
        }, input -> true, (in, caller) -> write);
        return new PoolDispatcher(List.of(op), new PoolDispatcher.Callers() {
            @Override
            public io.keygate.auth.Caller signed(HttpExchange exchange) {
                throw new AssertionError("unsigned operation");
            }

            @Override
            public io.keygate.auth.Caller unsigned(HttpExchange exchange) {
                return io.keygate.auth.Caller.unsigned(io.keygate.iam.Partition.AWS, "us-east-1",
                        new io.keygate.auth.RequestFacts("127.0.0.1", false, null));
            }
        });
    }
}
