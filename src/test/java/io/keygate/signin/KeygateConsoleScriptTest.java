package io.keygate.signin;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.keygate.support.Principals;
import io.keygate.support.TestClients;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/** {@code bin/keygate-console} (Python, standard library only) makes sign-in URLs that the console accepts. */
@QuarkusTest
class KeygateConsoleScriptTest {

    private static String run(Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(List.of("python3", "bin/keygate-console", "--endpoint",
                TestClients.endpoint().toString(), "--destination", "http://localhost:8080/console", "--print"));
        builder.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
        builder.environment().putAll(env);
        builder.redirectErrorStream(true);
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(process.exitValue()).as(out).isZero();
        return out;
    }

    private static Response follow(String url) {
        String pathAndQuery = url.substring(url.indexOf("/federation"));
        return given().redirects().follow(false).urlEncodingEnabled(false).get(pathAndQuery);
    }

    @Test
    void whenRoleSessionCredentialsAreInTheEnvironmentThenTheUrlSignsIn() throws Exception {
        String role = Principals.role(Principals.unique("script"),
                Principals.trust("arn:aws:iam::111122223333:root", "\"sts:AssumeRole\"", null),
                Principals.allow("*", "*"));
        AwsBasicCredentials assumer = Principals.user(Principals.unique("script"),
                Principals.allow("sts:AssumeRole", "*"));
        Credentials c;
        try (StsClient sts = TestClients.sts(assumer)) {
            c = sts.assumeRole(b -> b.roleArn(role).roleSessionName("script")).credentials();
        }
        String url = run(Map.of("AWS_ACCESS_KEY_ID", c.accessKeyId(), "AWS_SECRET_ACCESS_KEY", c.secretAccessKey(),
                "AWS_SESSION_TOKEN", c.sessionToken()));
        assertThat(url).contains("/federation?Action=login&");
        Response login = follow(url);
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.header("Location")).isEqualTo("http://localhost:8080/console");
        given().cookie("keygate-console", login.cookie("keygate-console")).get("/console").then().statusCode(200);
    }

    @Test
    void whenLongTermKeysAreGivenThenTheScriptSignsInThroughGetFederationToken() throws Exception {
        String user = Principals.unique("scriptuser");
        AwsBasicCredentials keys = Principals.user(user, Principals.allow("*", "*"));
        String url = run(Map.of("AWS_ACCESS_KEY_ID", keys.accessKeyId(), "AWS_SECRET_ACCESS_KEY",
                keys.secretAccessKey(), "USER", "carol"));
        Response login = follow(url);
        assertThat(login.statusCode()).isEqualTo(302);
        given().cookie("keygate-console", login.cookie("keygate-console")).get("/console").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("federated-user/carol"));
    }
}
