package io.keygate.support;

import io.keygate.client.KeygateClient;
import io.keygate.protocol.sigv4.SigningCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/** Keygate JSON API clients for tests, signed with SDK credential objects. */
public final class TestApi {

    private TestApi() {
    }

    public static KeygateClient client(AwsCredentials credentials) {
        String token = credentials instanceof AwsSessionCredentials s ? s.sessionToken() : null;
        return new KeygateClient(TestClients.endpoint(), "us-east-1",
                new SigningCredentials(credentials.accessKeyId(), credentials.secretAccessKey(), token));
    }
}
