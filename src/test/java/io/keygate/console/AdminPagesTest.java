package io.keygate.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.keygate.credentials.Base32;
import io.keygate.credentials.Totp;
import io.keygate.support.Principals;
import io.keygate.support.TestClients;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The console's administration pages act through the IAM actions and Keygate's API endpoints with the session's
 * own permissions: an administrator's session creates an access key whose secret is shown once and works, enrols
 * an MFA device from its QR code's seed, revokes a role's sessions (which ends that role's console sessions) and
 * runs the trust debugger; a session without the permissions gets the API's refusal and changes nothing; a POST
 * without the CSRF token changes nothing.
 */
@QuarkusTest
class AdminPagesTest {

    static String adminRole;
    static String readerRole;

    @BeforeAll
    static void fixtures() {
        ConsolePagesTest.fixtures();
        String trust = Principals.trust("arn:aws:iam::111122223333:root", "\"sts:AssumeRole\"", null);
        adminRole = Principals.role(Principals.unique("kadmin"), trust, Principals.allow("*", "*"));
        readerRole = Principals.role(Principals.unique("kreader"), trust, Principals.allow("s3:GetObject", "*"));
    }

    private static String user() {
        String name = Principals.unique("keyed");
        try (IamClient iam = TestClients.iam(TestClients.root())) {
            iam.createUser(b -> b.userName(name));
        }
        return name;
    }

    private static Response post(String cookie, String path, String... fields) {
        var request = given().cookie("keygate-console", cookie).contentType("application/x-www-form-urlencoded")
                .formParam("csrf", ConsolePagesTest.csrf(cookie));
        for (int i = 0; i < fields.length; i += 2) {
            request.formParam(fields[i], fields[i + 1]);
        }
        return request.post(path);
    }

    private static String group(String html, String regex) {
        Matcher m = Pattern.compile(regex).matcher(html);
        assertThat(m.find()).as("page matches %s", regex).isTrue();
        return m.group(1);
    }

    @Test
    void whenAnAdministratorCreatesAnAccessKeyThenTheSecretIsShownOnceAndWorks() {
        String user = user();
        String cookie = ConsolePagesTest.signIn(adminRole);
        Response created = post(cookie, "/console/access-keys", "user", user, "op", "create");
        assertThat(created.statusCode()).isEqualTo(200);
        String html = created.asString();
        String keyId = group(html, "<dt>Access key id</dt><dd><code>(AKIA[A-Z2-7]{16})</code>");
        String secret = group(html, "<code class=\"secret-value\">([A-Za-z0-9/+]{40})</code>");
        assertThat(html).contains("This is the only time the secret access key can be seen.");
        try (StsClient sts = TestClients.sts(AwsBasicCredentials.create(keyId, secret))) {
            assertThat(sts.getCallerIdentity().arn()).isEqualTo("arn:aws:iam::111122223333:user/" + user);
        }
        String listed = given().cookie("keygate-console", cookie).queryParam("user", user).get("/console/access-keys")
                .then().statusCode(200).extract().asString();
        assertThat(listed).contains("<code>" + keyId + "</code>").doesNotContain(secret);

        post(cookie, "/console/access-keys", "user", user, "op", "deactivate", "key", keyId).then().statusCode(200);
        try (IamClient iam = TestClients.iam(TestClients.root())) {
            assertThat(iam.listAccessKeys(b -> b.userName(user)).accessKeyMetadata())
                    .singleElement().satisfies(k -> assertThat(k.statusAsString()).isEqualTo("Inactive"));
        }
        post(cookie, "/console/access-keys", "user", user, "op", "delete", "key", keyId).then().statusCode(200);
        try (IamClient iam = TestClients.iam(TestClients.root())) {
            assertThat(iam.listAccessKeys(b -> b.userName(user)).accessKeyMetadata()).isEmpty();
        }
    }

    @Test
    void whenTheSessionMayNotCreateKeysThenThePageShowsTheRefusalAndNothingIsCreated() {
        String user = user();
        String cookie = ConsolePagesTest.signIn(readerRole);
        Response refused = post(cookie, "/console/access-keys", "user", user, "op", "create");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.asString()).contains("AccessDenied: User: arn:aws:sts::111122223333:assumed-role/")
                .contains("is not authorized to perform: iam:CreateAccessKey");
        try (IamClient iam = TestClients.iam(TestClients.root())) {
            assertThat(iam.listAccessKeys(b -> b.userName(user)).accessKeyMetadata()).isEmpty();
        }
    }

    @Test
    void whenThePostHasNoCsrfTokenThenNothingIsCreated() {
        String user = user();
        String cookie = ConsolePagesTest.signIn(adminRole);
        given().cookie("keygate-console", cookie).contentType("application/x-www-form-urlencoded")
                .formParam("user", user).formParam("op", "create").post("/console/access-keys")
                .then().statusCode(403);
        try (IamClient iam = TestClients.iam(TestClients.root())) {
            assertThat(iam.listAccessKeys(b -> b.userName(user)).accessKeyMetadata()).isEmpty();
        }
    }

    @Test
    void whenAnAdministratorEnrolsAnMfaDeviceThenTheQrCodesSeedEnablesIt() {
        String user = user();
        String device = Principals.unique("phone");
        String cookie = ConsolePagesTest.signIn(adminRole);
        String html = post(cookie, "/console/mfa", "op", "create", "device", device, "user", user)
                .then().statusCode(200).extract().asString();
        String png = group(html, "src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"");
        assertThat(java.util.Base64.getDecoder().decode(png)).startsWith(0x89, 'P', 'N', 'G');
        String seed = group(html, "Or type this key: <code class=\"secret-value\">([A-Z2-7=]+)</code>");
        String serial = group(html, "name=\"serial\" value=\"([^\"]+)\"");
        byte[] key = Base32.decode(seed);
        String enabled = post(cookie, "/console/mfa", "op", "enable", "serial", serial, "user", user,
                "code1", Totp.generate(key, Instant.now().minusSeconds(30)), "code2", Totp.generate(key, Instant.now()))
                .then().statusCode(200).extract().asString();
        assertThat(enabled).contains("MFA device " + serial + " enabled for " + user + ".");
        try (IamClient iam = TestClients.iam(TestClients.root())) {
            assertThat(iam.listMFADevices(b -> b.userName(user)).mfaDevices())
                    .singleElement().satisfies(d -> assertThat(d.serialNumber()).isEqualTo(serial));
        }
    }

    @Test
    void whenARoleIsRevokedFromTheConsoleThenItsConsoleSessionsEnd() {
        String trust = Principals.trust("arn:aws:iam::111122223333:root", "\"sts:AssumeRole\"", null);
        String victim = Principals.role(Principals.unique("victim"), trust, Principals.allow("iam:List*", "*"));
        String victimCookie = ConsolePagesTest.signIn(victim);
        given().cookie("keygate-console", victimCookie).get("/console").then().statusCode(200);

        String cookie = ConsolePagesTest.signIn(adminRole);
        String html = post(cookie, "/console/revocations", "kind", "RoleArn", "value", victim)
                .then().statusCode(200).extract().asString();
        assertThat(html).contains("Revoked: role:" + victim);
        assertThat(given().cookie("keygate-console", cookie).get("/console/revocations").asString())
                .contains("<td>" + victim + " before ");
        given().cookie("keygate-console", victimCookie).get("/console").then().statusCode(401);
    }

    @Test
    void whenTheRevokedRoleDoesNotExistThenThePageShowsNoSuchEntity() {
        String cookie = ConsolePagesTest.signIn(adminRole);
        Response answer = post(cookie, "/console/revocations", "kind", "RoleArn",
                "value", "arn:aws:iam::111122223333:role/no-such-role-here");
        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(answer.asString()).contains("NoSuchEntity: The role with name no-such-role-here cannot be found.");
    }

    @Test
    void whenTheTrustDebuggerGetsABrokenResponseThenItExplainsTheRefusal() {
        String cookie = ConsolePagesTest.signIn(adminRole);
        String html = post(cookie, "/console/trust", "role", adminRole,
                "provider", "arn:aws:iam::111122223333:saml-provider/NoSuchIdp", "assertion", "bm90IHNhbWw=")
                .then().statusCode(200).extract().asString();
        assertThat(html).contains("AssumeRoleWithSAML would be refused.").contains("InvalidIdentityToken: ");
    }

    @Test
    void whenTheProvidersPageIsOpenedThenBothKindsAreListedOrRefused() {
        String admin = ConsolePagesTest.signIn(adminRole);
        String html = given().cookie("keygate-console", admin).get("/console/providers").then().statusCode(200)
                .extract().asString();
        assertThat(html).contains("<caption>SAML providers (").contains("<caption>OpenID Connect providers (");
        String reader = ConsolePagesTest.signIn(readerRole);
        assertThat(given().cookie("keygate-console", reader).get("/console/providers").asString())
                .contains("is not authorized to perform: iam:ListSAMLProviders");
    }
}
