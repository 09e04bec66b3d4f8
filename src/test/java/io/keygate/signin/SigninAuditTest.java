package io.keygate.signin;

import static io.keygate.support.Principals.unique;
import static io.keygate.support.TestClients.iam;
import static io.keygate.support.TestClients.root;
import static io.keygate.support.TestClients.sts;
import static io.keygate.support.TestSamlResponses.IDP;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.keygate.app.KeygateConfig;
import io.keygate.client.KeygateClient;
import io.keygate.credentials.Totp;
import io.keygate.support.Principals;
import io.keygate.support.TestApi;
import io.keygate.support.TestSamlResponses;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * Console sign-ins in the audit trail, shaped like AWS sign-in's CloudTrail events: {@code ConsoleLogin} (IAM user
 * password and MFA, {@code /federation?Action=login}, {@code POST /saml}) and {@code GetSigninToken}, each success
 * and failure found with LookupEvents or in the trail file by its request id, and never a password, MFA code,
 * sign-in token, session key or token, or SAML response in the files.
 */
@QuarkusTest
class SigninAuditTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONSOLE = "http://localhost:8080/console";
    private static final String ENTITY = "https://idp.example.com/" + unique("audited-saml");

    static String roleArn;
    static AwsBasicCredentials assumer;
    static String samlProvider;
    static String samlRole;

    @Inject
    io.keygate.audit.AuditTrail auditTrail;

    @Inject
    KeygateConfig config;

    @BeforeAll
    static void principals() throws Exception {
        roleArn = Principals.role(unique("audited-console"),
                Principals.trust("arn:aws:iam::111122223333:root", "\"sts:AssumeRole\"", null),
                Principals.allow("*", "*"));
        assumer = Principals.user(unique("audited-assumer"), Principals.allow("sts:AssumeRole", "*"));
        try (IamClient iam = iam(root())) {
            samlProvider = iam.createSAMLProvider(b -> b.name(unique("audited-idp"))
                    .samlMetadataDocument(TestSamlResponses.metadata(ENTITY, IDP))).samlProviderArn();
        }
        samlRole = SamlSigninTest.role(root(), Principals.ACCOUNT, samlProvider);
    }

    private static List<JsonNode> lookup(String key, String value) throws Exception {
        KeygateClient.Response answer = TestApi.client(root()).post("/api/v1/audit/lookup", Map.of(
                "LookupAttributes", List.of(Map.of("AttributeKey", key, "AttributeValue", value))));
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        List<JsonNode> events = new ArrayList<>();
        for (JsonNode e : answer.body().path("Events")) {
            events.add(JSON.readTree(e.path("CloudTrailEvent").asText()));
        }
        return events;
    }

    /** Every line of every trail file of this node (queued events written first: GetSigninToken's are queued). */
    private String trail() throws Exception {
        auditTrail.log().flush();
        StringBuilder all = new StringBuilder();
        try (var files = Files.list(config.dataDir().resolve("audit"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).toList()) {
                all.append(Files.readString(f, StandardCharsets.UTF_8));
            }
        }
        return all.toString();
    }

    /** The one event of the trail whose request id is {@code requestId}. */
    private JsonNode byRequest(String requestId) throws Exception {
        List<JsonNode> found = new ArrayList<>();
        for (String line : trail().split("\n")) {
            if (line.contains("\"requestID\":\"" + requestId + "\"")) {
                found.add(JSON.readTree(line));
            }
        }
        assertThat(found).as("events of request %s", requestId).hasSize(1);
        return found.get(0);
    }

    private static void assertSigninShape(JsonNode event, String name, String outcome) {
        assertThat(event.path("eventVersion").asText()).isEqualTo("1.08");
        assertThat(event.path("eventSource").asText()).isEqualTo("signin.amazonaws.com");
        assertThat(event.path("eventName").asText()).isEqualTo(name);
        assertThat(event.path("eventType").asText()).isEqualTo("AwsConsoleSignIn");
        assertThat(event.path("readOnly").asBoolean()).isFalse();
        assertThat(event.path("responseElements").toString()).isEqualTo("{\"" + name + "\":\"" + outcome + "\"}");
        assertThat(event.path("requestParameters").isNull()).isTrue();
        if (outcome.equals("Failure")) {
            assertThat(event.path("errorMessage").asText()).isEqualTo("Failed authentication");
        } else {
            assertThat(event.has("errorMessage")).isFalse();
        }
    }

    @Test
    void whenAnIamUserSignsInWithMfaThenAFailedCodeAndTheSuccessAreConsoleLoginEvents() throws Exception {
        String user = UserSigninTest.user(null, false);
        byte[] seed = UserSigninTest.mfaDevice(user);
        UserSigninTest.Agent agent = new UserSigninTest.Agent();
        assertThat(agent.signIn(Principals.ACCOUNT, user, UserSigninTest.PASSWORD).statusCode()).isEqualTo(200);
        String wrong = Totp.generate(seed, Instant.now().plusSeconds(600));
        assertThat(agent.mfa(wrong).statusCode()).isEqualTo(200);
        String code = Totp.generate(seed, Instant.now());

        UserSigninTest.assertSignedIn(agent.mfa(code), agent);

        List<JsonNode> events = lookup("Username", user);
        assertThat(events).extracting(e -> e.path("eventName").asText()).containsExactly("ConsoleLogin",
                "ConsoleLogin");
        // one second may hold both: told apart by their outcome, not their order
        JsonNode success = events.stream().filter(e -> e.path("responseElements").path("ConsoleLogin").asText()
                .equals("Success")).findFirst().orElseThrow();
        JsonNode refused = events.stream().filter(e -> e != success).findFirst().orElseThrow();
        assertSigninShape(success, "ConsoleLogin", "Success");
        assertThat(success.path("userIdentity").path("type").asText()).isEqualTo("IAMUser");
        assertThat(success.path("userIdentity").path("arn").asText())
                .isEqualTo("arn:aws:iam::111122223333:user/" + user);
        assertThat(success.path("additionalEventData").path("MFAUsed").asText()).isEqualTo("Yes");
        assertThat(success.path("additionalEventData").path("LoginTo").asText()).endsWith("/console");
        assertThat(success.path("recipientAccountId").asText()).isEqualTo("111122223333");
        assertSigninShape(refused, "ConsoleLogin", "Failure");
        assertThat(refused.path("additionalEventData").path("MFAUsed").asText()).isEqualTo("Yes");
        assertThat(refused.path("userIdentity").path("userName").asText()).isEqualTo(user);
        String trail = trail();
        assertThat(trail).doesNotContain(UserSigninTest.PASSWORD).doesNotContain("\"" + wrong + "\"")
                .doesNotContain("\"" + code + "\"").doesNotContain(agent.console());
    }

    @Test
    void whenAnIamUserGivesAWrongPasswordThenAFailedConsoleLoginWithoutThePassword() throws Exception {
        String user = UserSigninTest.user(null, false);
        String typed = "Wrong-horse-" + unique("pw");

        UserSigninTest.assertRefused(new UserSigninTest.Agent().signIn(Principals.ACCOUNT, user, typed));

        List<JsonNode> events = lookup("Username", user);
        assertThat(events).hasSize(1);
        JsonNode event = events.get(0);
        assertSigninShape(event, "ConsoleLogin", "Failure");
        assertThat(event.path("userIdentity").toString())
                .isEqualTo("{\"type\":\"IAMUser\",\"accountId\":\"111122223333\",\"userName\":\"" + user + "\"}");
        assertThat(event.path("additionalEventData").path("MFAUsed").asText()).isEqualTo("No");
        assertThat(event.path("recipientAccountId").asText()).isEqualTo("111122223333");
        assertThat(trail()).doesNotContain(typed);
    }

    @Test
    void whenTheUserNameMatchesNoUserThenTheTypedNameIsNeverWritten() throws Exception {
        // a password typed in the user name field by mistake
        String typed = "Secret-in-the-wrong-field-" + unique("x");

        UserSigninTest.assertRefused(new UserSigninTest.Agent().signIn(Principals.ACCOUNT, typed, "whatever-1A"));

        assertThat(trail()).doesNotContain(typed).doesNotContain("whatever-1A");
    }

    @Test
    void whenARoleSessionSignsInThroughFederationThenGetSigninTokenAndConsoleLoginAreRecordedWithoutSecrets()
            throws Exception {
        Credentials session;
        try (StsClient sts = sts(assumer)) {
            session = sts.assumeRole(b -> b.roleArn(roleArn).roleSessionName("audited").durationSeconds(3600))
                    .credentials();
        }
        Response tokenAnswer = ConsoleFederationTest.getSigninToken(ConsoleFederationTest.sessionJson(session), null);
        assertThat(tokenAnswer.statusCode()).as(tokenAnswer.asString()).isEqualTo(200);
        String token = tokenAnswer.jsonPath().getString("SigninToken");

        Response login = ConsoleFederationTest.login(token, CONSOLE + "/home");
        assertThat(login.statusCode()).isEqualTo(302);

        JsonNode issued = byRequest(tokenAnswer.header("x-amzn-RequestId"));
        assertSigninShape(issued, "GetSigninToken", "Success");
        assertThat(issued.path("userIdentity").path("arn").asText()).endsWith(":assumed-role/"
                + roleArn.substring(roleArn.indexOf('/') + 1) + "/audited");
        assertThat(issued.path("recipientAccountId").asText()).isEqualTo("111122223333");
        JsonNode in = byRequest(login.header("x-amzn-RequestId"));
        assertSigninShape(in, "ConsoleLogin", "Success");
        assertThat(in.path("userIdentity").path("type").asText()).isEqualTo("AssumedRole");
        assertThat(in.path("userIdentity").path("accessKeyId").asText()).isEqualTo(session.accessKeyId());
        assertThat(in.path("additionalEventData").path("LoginTo").asText()).isEqualTo(CONSOLE + "/home");
        assertThat(in.path("additionalEventData").path("MFAUsed").asText()).isEqualTo("No");
        assertThat(lookup("EventName", "GetSigninToken")).extracting(e -> e.path("requestID").asText())
                .contains(tokenAnswer.header("x-amzn-RequestId"));
        String trail = trail();
        assertThat(trail).doesNotContain(token).doesNotContain(session.secretAccessKey())
                .doesNotContain(session.sessionToken()).doesNotContain(login.cookie("keygate-console"));
    }

    @Test
    void whenASigninTokenIsRefusedThenAFailedConsoleLoginNamesNoOne() throws Exception {
        Response login = ConsoleFederationTest.login("not-a-token", CONSOLE + "/home");
        assertThat(login.statusCode()).isEqualTo(400);

        JsonNode event = byRequest(login.header("x-amzn-RequestId"));
        assertSigninShape(event, "ConsoleLogin", "Failure");
        assertThat(event.path("userIdentity").toString()).isEqualTo("{\"type\":\"Unknown\"}");
        assertThat(event.path("recipientAccountId").isNull()).isTrue();

        Response token = given().queryParam("Action", "getSigninToken")
                .queryParam("Session", "{\"sessionId\":\"ASIAEXAMPLE\",\"sessionKey\":\"k3y-" + unique("s")
                        + "\",\"sessionToken\":\"nope\"}").get("/federation");
        assertThat(token.statusCode()).isGreaterThanOrEqualTo(400);
        assertSigninShape(byRequest(token.header("x-amzn-RequestId")), "GetSigninToken", "Failure");
        assertThat(trail()).doesNotContain("k3y-");
    }

    @Test
    void whenASamlResponseSignsInOrIsRefusedThenConsoleLoginEventsWithoutTheResponse() throws Exception {
        TestSamlResponses.Builder b = TestSamlResponses.builder();
        b.issuer = ENTITY;
        String assertion = b.role(samlRole, samlProvider).encodedSignedAssertion();

        Response in = SamlSigninTest.postSaml(assertion, null);
        Response refused = SamlSigninTest.postSaml(assertion, null); // the same assertion again: a replay

        assertThat(in.statusCode()).as(in.asString()).isEqualTo(302);
        JsonNode success = byRequest(in.header("x-amzn-RequestId"));
        assertSigninShape(success, "ConsoleLogin", "Success");
        assertThat(success.path("userIdentity").path("arn").asText()).endsWith("/" + samlRole.substring(
                samlRole.indexOf('/') + 1) + "/" + b.roleSessionName);
        assertThat(success.path("additionalEventData").path("LoginTo").asText()).endsWith("/console");
        assertThat(refused.statusCode()).isBetween(400, 499);
        assertSigninShape(byRequest(refused.header("x-amzn-RequestId")), "ConsoleLogin", "Failure");
        assertThat(trail()).doesNotContain(assertion.substring(0, 200))
                .doesNotContain(assertion.substring(assertion.length() - 200));
    }
}
