package io.keygate.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.keygate.support.Principals;
import io.keygate.support.TestClients;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/** The console's pages act through the IAM API with the session's own permissions. */
@QuarkusTest
class ConsolePagesTest {

    static String adminRole;
    static String readerRole;
    static String someUser;
    static AwsBasicCredentials assumer;

    @BeforeAll
    static void fixtures() {
        String trust = Principals.trust("arn:aws:iam::111122223333:root", "\"sts:AssumeRole\"", null);
        adminRole = Principals.role(Principals.unique("admin"), trust, Principals.allow("*", "*"));
        readerRole = Principals.role(Principals.unique("reader"), trust, Principals.allow("s3:GetObject", "*"));
        someUser = Principals.unique("listed");
        try (IamClient iam = TestClients.iam(TestClients.root())) {
            iam.createUser(b -> b.userName(someUser));
        }
        assumer = Principals.user(Principals.unique("assumer"), Principals.allow("sts:AssumeRole", "*"));
    }

    /** A console cookie for a fresh session of {@code roleArn}, through getSigninToken and login. */
    static String signIn(String roleArn) {
        Credentials c;
        try (StsClient sts = TestClients.sts(assumer)) {
            c = sts.assumeRole(b -> b.roleArn(roleArn).roleSessionName("web")).credentials();
        }
        String session = "{\"sessionId\":\"" + c.accessKeyId() + "\",\"sessionKey\":\"" + c.secretAccessKey()
                + "\",\"sessionToken\":\"" + c.sessionToken() + "\"}";
        String token = given().queryParam("Action", "getSigninToken").queryParam("Session", session)
                .get("/federation").jsonPath().getString("SigninToken");
        Response login = given().redirects().follow(false).queryParam("Action", "login")
                .queryParam("Destination", "http://localhost:8080/console").queryParam("SigninToken", token)
                .get("/federation");
        assertThat(login.statusCode()).isEqualTo(302);
        return login.cookie("keygate-console");
    }

    static String csrf(String cookie) {
        String page = given().cookie("keygate-console", cookie).get("/console").asString();
        return page.replaceAll("(?s).*name=\"csrf\" value=\"([^\"]+)\".*", "$1");
    }

    @Test
    void whenAdminOpensTheConsoleThenItShowsIdentityPoliciesAndEntities() {
        String cookie = signIn(adminRole);
        given().cookie("keygate-console", cookie).get("/console").then().statusCode(200)
                .body(containsString(":assumed-role/" + adminRole.substring(adminRole.indexOf('/') + 1) + "/web"))
                .body(containsString("inline: inline"))
                .body(containsString("href=\"/console/static/console.css\""));
        given().cookie("keygate-console", cookie).get("/console/users").then().statusCode(200)
                .body(containsString("<td>" + someUser + "</td>"));
        given().cookie("keygate-console", cookie).get("/console/roles").then().statusCode(200)
                .body(containsString(readerRole));
        given().cookie("keygate-console", cookie).queryParam("action", "iam:ListUsers").queryParam("resource", "*")
                .get("/console/check").then().statusCode(200).body(containsString("<strong>allowed</strong>"));
    }

    @Test
    void whenSessionMayNotListThenTheConsoleShowsTheApisRefusalAndNoData() {
        String cookie = signIn(readerRole);
        given().cookie("keygate-console", cookie).get("/console/users").then().statusCode(403)
                .body(containsString("AccessDenied")).body(not(containsString(someUser)));
        given().cookie("keygate-console", cookie).get("/console").then().statusCode(200)
                .body(containsString("You may not list the policies"));
    }

    @Test
    void whenPolicyIsCreatedInTheEditorThenCsrfIsRequiredAndTheApiCreatesIt() {
        String cookie = signIn(adminRole);
        String name = Principals.unique("edited");
        String doc = Principals.allow("s3:GetObject", "*");
        given().cookie("keygate-console", cookie).get("/console/policies/new").then().statusCode(200)
                .body(containsString("<script src=\"/console/static/editor.js\" defer></script>"))
                .body(not(containsString("<script>")));

        given().cookie("keygate-console", cookie).formParam("name", name).formParam("document", doc)
                .post("/console/policies/new").then().statusCode(403);
        try (IamClient iam = TestClients.iam(TestClients.root())) {
            assertThat(iam.listPolicies(b -> b.scope("Local")).policies()).noneMatch(p -> p.policyName().equals(name));
        }
        given().cookie("keygate-console", cookie).formParam("csrf", csrf(cookie)).formParam("name", name)
                .formParam("document", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Maybe\"}]}")
                .post("/console/policies/new").then().statusCode(400).body(containsString("MalformedPolicyDocument"));
        given().cookie("keygate-console", cookie).formParam("csrf", csrf(cookie)).formParam("name", name)
                .formParam("document", doc).post("/console/policies/new").then().statusCode(200)
                .body(containsString("<td>" + name + "</td>"));
        try (IamClient iam = TestClients.iam(TestClients.root())) {
            assertThat(iam.listPolicies(b -> b.scope("Local")).policies()).anyMatch(p -> p.policyName().equals(name));
        }
    }

    @Test
    void whenTheEditorValidatesThenTheValidatorsPositionedMessageComesBack() {
        String cookie = signIn(adminRole);
        String csrf = csrf(cookie);
        Response bad = given().cookie("keygate-console", cookie).header("X-CSRF-Token", csrf)
                .contentType("application/json").body("{\"document\":\"{\\\"Version\\\":\\\"2012-10-17\\\",\\\"Statement\\\":[{\\\"Effect\\\":\\\"Allow\\\",\\\"Action\\\":\\\"s3:Get\\\"}]}\"}")
                .post("/console/api/validate-policy");
        assertThat(bad.statusCode()).isEqualTo(200);
        assertThat(bad.jsonPath().getBoolean("valid")).isFalse();
        assertThat(bad.jsonPath().getString("message")).containsIgnoringCase("resource");
        Response good = given().cookie("keygate-console", cookie).header("X-CSRF-Token", csrf)
                .contentType("application/json").body("{\"document\":" + quote(Principals.allow("s3:*", "*")) + "}")
                .post("/console/api/validate-policy");
        assertThat(good.jsonPath().getBoolean("valid")).isTrue();
        given().cookie("keygate-console", cookie).contentType("application/json").body("{\"document\":\"{}\"}")
                .post("/console/api/validate-policy").then().statusCode(403);
    }

    @Test
    void whenPageReflectsInputThenItIsEscapedAndNoInlineScriptRuns() {
        String cookie = signIn(adminRole);
        given().cookie("keygate-console", cookie).queryParam("action", "\"><script>alert(1)</script>")
                .get("/console/check").then().statusCode(200)
                .header("Content-Security-Policy", containsString("default-src 'none'"))
                .body(not(containsString("<script>alert(1)</script>")))
                .body(containsString("&quot;&gt;&lt;script&gt;"));
        given().get("/console/users").then().statusCode(401).body(containsString("signed out"));
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
