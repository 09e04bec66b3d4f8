package io.keygate.support;

import java.util.Map;

import io.keygate.client.KeygateClient;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;

/** Accounts besides the bootstrap one, created through {@code POST /api/v1/accounts} as the bootstrap root. */
public final class TestAccounts {

    /** A new account: its id and its root's access key. */
    public record Account(String id, AwsBasicCredentials root) {
    }

    private TestAccounts() {
    }

    public static Account create() {
        try {
            KeygateClient.Response created = TestApi.client(TestClients.root()).post("/api/v1/accounts", Map.of());
            if (created.status() != 201) {
                throw new IllegalStateException("account not created: " + created.status() + " " + created.body());
            }
            return new Account(created.body().get("AccountId").asText(), AwsBasicCredentials.create(
                    created.body().get("AccessKeyId").asText(), created.body().get("SecretAccessKey").asText()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
