package io.keygate.support;

import java.net.URI;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/** Real AWS SDK for Java v2 clients pointed at the Keygate under test. */
public final class TestClients {

    /** The bootstrap account and root key of the test profile (application.properties, %test). */
    public static final String ACCOUNT = "111122223333";
    public static final String ROOT_KEY = "AKIAIOSFODNN7EXAMPLE";
    public static final String ROOT_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    private TestClients() {
    }

    public static URI endpoint() {
        return URI.create("http://localhost:" + Integer.getInteger("quarkus.http.test-port", 8081) + "/");
    }

    public static AwsCredentials root() {
        return AwsBasicCredentials.create(ROOT_KEY, ROOT_SECRET);
    }

    public static AwsCredentials session(Credentials c) {
        return AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken());
    }

    public static StsClient sts(AwsCredentials credentials) {
        return sts(credentials, Region.US_EAST_1);
    }

    public static StsClient sts(AwsCredentials credentials, Region region) {
        return StsClient.builder()
                .endpointOverride(endpoint())
                .region(region)
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .build();
    }

    public static IamClient iam(AwsCredentials credentials) {
        return IamClient.builder()
                .endpointOverride(endpoint())
                .region(Region.AWS_GLOBAL)
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .build();
    }
}
