package io.keygate.signin;

import static io.keygate.support.TestClients.root;
import static io.keygate.support.TestClients.session;
import static io.keygate.support.TestClients.sts;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.keygate.credentials.SecretSealer;
import io.keygate.expiry.ExpiringEntries;
import io.keygate.support.Principals;
import io.keygate.support.TestApi;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * {@code /federation?Action=getSigninToken} and {@code Action=login} over plain HTTP, and the console session they
 * open: the sign-in URL flow of aws-vault, granted and custom brokers.
 */
@QuarkusTest
class ConsoleFederationTest {

    static final String CONSOLE = "http://localhost:8080/console";
    static String roleArn;
    static software.amazon.awssdk.auth.credentials.AwsCredentials assumer;

    @Inject
    SecretSealer sealer;
    @Inject
    ExpiringEntries entries;

    @BeforeAll
    static void role() {
        String name = Principals.unique("console");
        roleArn = Principals.role(name, Principals.trust("arn:aws:iam::111122223333:root", "\"sts:AssumeRole\"", null),
                Principals.allow("*", "*"));
        assumer = Principals.user(Principals.unique("assumer"), Principals.allow("sts:AssumeRole", "*"));
    }

    static Credentials roleSession() {
        try (StsClient sts = sts(assumer)) {
            return sts.assumeRole(b -> b.roleArn(roleArn).roleSessionName("alice").durationSeconds(7200))
                    .credentials();
        }
    }

    static String sessionJson(Credentials c) {
        return "{\"sessionId\":\"" + c.accessKeyId() + "\",\"sessionKey\":\"" + c.secretAccessKey()
                + "\",\"sessionToken\":\"" + c.sessionToken() + "\"}";
    }

    static Response getSigninToken(String sessionJson, String duration) {
        var request = given().queryParam("Action", "getSigninToken").queryParam("Session", sessionJson);
        if (duration != null) {
            request.queryParam("SessionDuration", duration);
        }
        return request.get("/federation");
    }

    static String signinToken(Credentials c) {
        Response r = getSigninToken(sessionJson(c), null);
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
        return r.jsonPath().getString("SigninToken");
    }

    static Response login(String token, String destination) {
        return given().redirects().follow(false).queryParam("Action", "login")
                .queryParam("Issuer", "https://broker.example/login").queryParam("Destination", destination)
                .queryParam("SigninToken", token).get("/federation");
    }

    @Test
    void whenRoleSessionSignsInThenLoginRedirectsWithAHardenedCookieAndTheConsoleKnowsTheRole() {
        Response login = login(signinToken(roleSession()), CONSOLE + "/home");
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.header("Location")).isEqualTo(CONSOLE + "/home");
        String setCookie = login.headers().getValues("Set-Cookie").stream()
                .filter(h -> h.startsWith("keygate-console=")).findFirst().orElseThrow();
        assertThat(setCookie).containsIgnoringCase("HttpOnly").contains("SameSite=Lax").contains("Path=/")
                .doesNotContain("Secure");
        long maxAge = Long.parseLong(setCookie.replaceAll(".*Max-Age=(\\d+).*", "$1"));
        assertThat(maxAge).isBetween(3500L, 3600L);
        String cookieValue = login.cookie("keygate-console");
        assertThat(cookieValue).hasSize(43);

        given().cookie("keygate-console", cookieValue).get("/console").then().statusCode(200)
                .header("Content-Security-Policy", containsString("default-src 'none'"))
                .header("X-Frame-Options", "DENY")
                .body(containsString("arn:aws:sts::111122223333:assumed-role/" + roleArn.substring(roleArn.indexOf('/') + 1)
                        + "/alice"))
                .body(containsString("AssumeRole"));
    }

    @Test
    void whenSigninTokenIsUsedTwiceThenTheSecondLoginIsRefused() {
        String token = signinToken(roleSession());
        assertThat(login(token, CONSOLE).statusCode()).isEqualTo(302);
        Response again = login(token, CONSOLE);
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(again.jsonPath().getString("Code")).isEqualTo("InvalidParameterValue");
        assertThat(again.getHeader("Set-Cookie")).isNull();
    }

    @Test
    void whenTokenIsUsedThenItsIdIsMarkedInTheDurableEntriesUntilItExpires() {
        String token = signinToken(roleSession());
        String id = new SigninTokens(sealer).open(token).orElseThrow().id();
        assertThat(entries.get("signin-used/" + id)).isEmpty();
        assertThat(login(token, CONSOLE).statusCode()).isEqualTo(302);
        assertThat(entries.get("signin-used/" + id)).contains("1");
    }

    @Test
    void whenSessionIsLargeThenItsSigninUrlStillWorks() {
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\","
                + "\"Resource\":[" + java.util.stream.IntStream.range(0, 40)
                .mapToObj(i -> "\"arn:aws:s3:::bucket-" + i + "-" + Long.toHexString(Double.doubleToLongBits(Math.random()))
                        + "/*\"").collect(java.util.stream.Collectors.joining(",")) + "]}]}";
        Credentials large;
        try (StsClient sts = sts(assumer)) {
            large = sts.assumeRole(b -> b.roleArn(roleArn).roleSessionName("large").policy(policy)).credentials();
        }
        String token = signinToken(large);
        assertThat(token.length()).isGreaterThan(large.sessionToken().length());
        Response login = login(token, CONSOLE);
        assertThat(login.statusCode()).as(login.asString()).isEqualTo(302);
        given().cookie("keygate-console", login.cookie("keygate-console")).get("/console").then().statusCode(200)
                .body(containsString("/large"));
    }

    @Test
    void whenTokenIsOfTheEarlierStoredGrantFormatThenItStillSignsInOnce() {
        Credentials c = roleSession();
        String id = ConsoleSessions.randomId();
        long exp = Instant.now().getEpochSecond() + 600;
        entries.putIfAbsent("signin/" + id, "{\"v\":1,\"token\":\"" + c.sessionToken() + "\",\"exp\":" + (exp + 3000)
                + "}", Duration.ofMinutes(5));
        String token = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                sealer.seal("keygate/signin-token/v1", id + "." + exp).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertThat(login(token, CONSOLE).statusCode()).isEqualTo(302);
        assertThat(login(token, CONSOLE).statusCode()).isEqualTo(400);
    }

    @Test
    void whenSigninTokenHasExpiredThenLoginIsRefusedAndNotMarkedUsed() {
        String id = ConsoleSessions.randomId();
        String expired = new SigninTokens(sealer).seal(new SigninTokens.Contents(id, Instant.now().minusSeconds(1),
                Instant.now().plusSeconds(600), roleSession().sessionToken()));
        Response r = login(expired, CONSOLE);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.jsonPath().getString("Message")).contains("expired");
        assertThat(entries.get("signin-used/" + id)).isEmpty();
    }

    @Test
    void whenSigninTokenIsAlteredOrForeignThenLoginIsRefused() {
        String token = signinToken(roleSession());
        char[] chars = token.toCharArray();
        chars[chars.length / 2] = chars[chars.length / 2] == 'A' ? 'B' : 'A';
        assertThat(login(new String(chars), CONSOLE).statusCode()).isEqualTo(400);
        assertThat(login("not-a-token", CONSOLE).statusCode()).isEqualTo(400);
        assertThat(login("x".repeat(1000), CONSOLE).statusCode()).isEqualTo(400);
        assertThat(login(token, CONSOLE).statusCode()).as("the untouched token still works").isEqualTo(302);
    }

    @Test
    void whenSessionIsRevokedThenLoginAndTheConsoleRefuseIt() throws Exception {
        Credentials creds = roleSession();
        String token = signinToken(creds);
        Response first = login(signinToken(creds), CONSOLE);
        String cookie = first.cookie("keygate-console");
        given().cookie("keygate-console", cookie).get("/console").then().statusCode(200);

        assertThat(TestApi.client(root()).post("/api/v1/revocations", Map.of("AccessKeyId", creds.accessKeyId()))
                .status()).isEqualTo(201);

        Response r = login(token, CONSOLE);
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.jsonPath().getString("Code")).isEqualTo("InvalidClientTokenId");
        given().cookie("keygate-console", cookie).get("/console").then().statusCode(401)
                .body(containsString("signed out"));
        assertThat(getSigninToken(sessionJson(creds), null).statusCode()).isEqualTo(403);
    }

    @Test
    void whenDestinationIsNotTheConsoleThenLoginRefusesWithoutSpendingTheToken() {
        String token = signinToken(roleSession());
        for (String evil : List.of("https://evil.example/", "http://localhost:8080.evil.example/console",
                "//evil.example/console", "http://localhost:8080/console/../admin",
                "http://localhost:8080/console/%2e%2e/admin", "http://user@localhost:8080/console",
                "javascript:alert(1)", "http://localhost:8080/consolex", "https://localhost:8080/console",
                "http://localhost:1/console", "http:\\\\evil.example\\console", "/console", "")) {
            Response r = login(token, evil);
            assertThat(r.statusCode()).as(evil).isEqualTo(400);
            assertThat(r.getHeader("Location")).as(evil).isNull();
        }
        assertThat(login(token, CONSOLE + "/policies?x=1").statusCode()).isEqualTo(302);
    }

    @Test
    void whenCredentialsAreNotARoleSessionThenSessionDurationRulesApply() {
        String user = Principals.unique("fed");
        var keys = Principals.user(user, Principals.allow("sts:GetFederationToken", "*"));
        Credentials federation;
        Credentials sessionToken;
        try (StsClient sts = sts(keys)) {
            federation = sts.getFederationToken(b -> b.name("bob").durationSeconds(1800)
                    .policy(Principals.allow("*", "*"))).credentials();
            sessionToken = sts.getSessionToken(b -> b.durationSeconds(900)).credentials();
        }
        Response withDuration = getSigninToken(sessionJson(federation), "1800");
        assertThat(withDuration.statusCode()).isEqualTo(400);
        assertThat(withDuration.jsonPath().getString("Code")).isEqualTo("InvalidParameterCombination");
        Response plain = getSigninToken(sessionJson(federation), null);
        assertThat(plain.statusCode()).isEqualTo(200);
        Response login = login(plain.jsonPath().getString("SigninToken"), CONSOLE);
        String setCookie = login.headers().getValues("Set-Cookie").get(0);
        long maxAge = Long.parseLong(setCookie.replaceAll(".*Max-Age=(\\d+).*", "$1"));
        assertThat(maxAge).as("a federation console session lasts as long as its credentials").isBetween(1700L, 1800L);

        Response gst = getSigninToken(sessionJson(sessionToken), null);
        assertThat(gst.statusCode()).isEqualTo(400);
        assertThat(gst.jsonPath().getString("Message")).contains("GetSessionToken");

        Response longTerm = getSigninToken("{\"sessionId\":\"" + keys.accessKeyId() + "\",\"sessionKey\":\""
                + keys.secretAccessKey() + "\"}", null);
        assertThat(longTerm.statusCode()).isEqualTo(400);
        assertThat(longTerm.jsonPath().getString("Message")).contains("Long-term");
    }

    @Test
    void whenSessionDurationIsOutOfRangeOrChainedBeyondAnHourThenGetSigninTokenRefuses() {
        Credentials role = roleSession();
        for (String bad : List.of("899", "43201", "abc", "-1", "")) {
            Response r = getSigninToken(sessionJson(role), bad);
            assertThat(r.statusCode()).as(bad).isEqualTo(400);
            assertThat(r.jsonPath().getString("Code")).as(bad).isEqualTo("InvalidParameterValue");
        }
        Response ok = getSigninToken(sessionJson(role), "900");
        assertThat(ok.statusCode()).isEqualTo(200);
        String setCookie = login(ok.jsonPath().getString("SigninToken"), CONSOLE).headers().getValues("Set-Cookie")
                .get(0);
        assertThat(Long.parseLong(setCookie.replaceAll(".*Max-Age=(\\d+).*", "$1"))).isBetween(850L, 900L);

        Credentials chained;
        try (StsClient sts = sts(session(role))) {
            chained = sts.assumeRole(b -> b.roleArn(roleArn).roleSessionName("chained")).credentials();
        }
        assertThat(getSigninToken(sessionJson(chained), "7200").statusCode()).isEqualTo(400);
        assertThat(getSigninToken(sessionJson(chained), "3600").statusCode()).isEqualTo(200);
    }

    @Test
    void whenSessionIsMalformedOrTheSecretIsWrongThenGetSigninTokenRefuses() {
        Credentials role = roleSession();
        given().queryParam("Action", "getSigninToken").get("/federation").then().statusCode(400)
                .body("Code", equalTo("MissingParameter"));
        assertThat(getSigninToken("[1,2]", null).statusCode()).isEqualTo(400);
        assertThat(getSigninToken("{\"sessionId\":", null).statusCode()).isEqualTo(400);
        Response wrong = getSigninToken("{\"sessionId\":\"" + role.accessKeyId() + "\",\"sessionKey\":\"wrong\","
                + "\"sessionToken\":\"" + role.sessionToken() + "\"}", null);
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(wrong.jsonPath().getString("Code")).isEqualTo("InvalidClientTokenId");
        given().queryParam("Action", "steal").get("/federation").then().statusCode(400)
                .body("Code", equalTo("InvalidAction"));
        // the parameters are read before the thread is chosen: a bad query still gets the JSON error, never a 5xx
        given().contentType("application/x-www-form-urlencoded").body("Action=getSigninToken&Session=%zz")
                .post("/federation").then().statusCode(400).body("Code", equalTo("MalformedQueryString"));
        given().urlEncodingEnabled(false).get("/federation?Action=login&Action=getSigninToken").then()
                .statusCode(400).body("Code", equalTo("InvalidParameterValue"));
    }

    @Test
    void whenSignedOutWithTheCsrfTokenThenTheSessionEndsAndTheIssuerLinkIsShown() {
        Response login = login(signinToken(roleSession()), CONSOLE);
        String cookie = login.cookie("keygate-console");
        String issuerCookie = login.cookie("keygate-console-issuer");
        String page = given().cookie("keygate-console", cookie).get("/console/logout").then().statusCode(200)
                .extract().asString();
        String csrf = page.replaceAll("(?s).*name=\"csrf\" value=\"([^\"]+)\".*", "$1");
        assertThat(csrf).hasSize(43);

        given().cookie("keygate-console", cookie).formParam("csrf", "forged").post("/console/logout").then()
                .statusCode(403);
        given().cookie("keygate-console", cookie).post("/console/logout").then().statusCode(403);
        given().cookie("keygate-console", cookie).get("/console").then().statusCode(200);

        given().cookie("keygate-console", cookie).cookie("keygate-console-issuer", issuerCookie)
                .formParam("csrf", csrf).post("/console/logout").then().statusCode(200)
                .body(containsString("href=\"https://broker.example/login\""));
        given().cookie("keygate-console", cookie).cookie("keygate-console-issuer", issuerCookie).get("/console")
                .then().statusCode(401).body(containsString("Sign in again"));
    }
}
