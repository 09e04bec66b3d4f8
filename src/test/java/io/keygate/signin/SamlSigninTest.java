package io.keygate.signin;

import static io.keygate.support.Principals.ACCOUNT;
import static io.keygate.support.Principals.unique;
import static io.keygate.support.TestClients.iam;
import static io.keygate.support.TestClients.root;
import static io.keygate.support.TestClients.sts;
import static io.keygate.support.TestSamlResponses.IDP;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.keygate.client.KeygateClient;
import io.keygate.support.TestApi;
import io.keygate.support.TestSamlResponses;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.StsException;

/**
 * {@code POST /saml} over plain HTTP: the console's SAML sign-in, the second entry point of the SAML pipeline. One
 * role goes straight in with the console cookie {@code login} sets; several show the chooser in AWS's DOM shape
 * (parsed with strict patterns), whose answer spends the assertion for the chosen role only; CSRF, replay, bad
 * assertions, untrusting roles and foreign RelayStates are refused with 4xx pages that carry the request id.
 *
 * <p>The IdP's entity id is this class's own, registered in two accounts (the home account and a tenant with an
 * alias), so the lookup by entity id across accounts is what finds both providers.
 */
@QuarkusTest
class SamlSigninTest {

    static final String ENTITY = "https://idp.example.com/" + unique("console-saml");
    static final String CONSOLE = "http://localhost:8080/console";
    static final String SESSION_COOKIE = "keygate-console";
    static final String BINDING_COOKIE = "keygate-saml-choice";

    static String homeProvider;
    static String tenantProvider;
    static String tenantAccount;
    static String tenantAlias;
    static AwsCredentials tenantRoot;

    @BeforeAll
    static void providers() throws Exception {
        try (IamClient iam = iam(root())) {
            homeProvider = iam.createSAMLProvider(b -> b.name(unique("console-idp"))
                    .samlMetadataDocument(TestSamlResponses.metadata(ENTITY, IDP))).samlProviderArn();
        }
        tenantAlias = unique("tenant").toLowerCase();
        KeygateClient.Response created = TestApi.client(root()).post("/api/v1/accounts", Map.of("Alias", tenantAlias));
        assertThat(created.status()).as(String.valueOf(created.body())).isEqualTo(201);
        tenantAccount = created.body().get("AccountId").asText();
        tenantRoot = AwsBasicCredentials.create(created.body().get("AccessKeyId").asText(),
                created.body().get("SecretAccessKey").asText());
        try (IamClient iam = iam(tenantRoot)) {
            tenantProvider = iam.createSAMLProvider(b -> b.name("corp-idp")
                    .samlMetadataDocument(TestSamlResponses.metadata(ENTITY, IDP))).samlProviderArn();
        }
    }

    static String trust(String provider) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\""
                + provider + "\"},\"Action\":\"sts:AssumeRoleWithSAML\",\"Condition\":{\"StringEquals\":"
                + "{\"SAML:aud\":\"" + TestSamlResponses.SP + "\"}}}]}";
    }

    /** A role in the account of {@code credentials} trusting {@code provider}, allowed everything, 2 hours at most. */
    static String role(AwsCredentials credentials, String account, String provider) {
        String name = unique("saml-console");
        try (IamClient iam = iam(credentials)) {
            iam.createRole(b -> b.roleName(name).assumeRolePolicyDocument(trust(provider)).maxSessionDuration(7200));
            iam.putRolePolicy(b -> b.roleName(name).policyName("all").policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\","
                            + "\"Resource\":\"*\"}]}"));
        }
        return "arn:aws:iam::" + account + ":role/" + name;
    }

    static String homeRole() {
        return role(root(), ACCOUNT, homeProvider);
    }

    static String tenantRole() {
        return role(tenantRoot, tenantAccount, tenantProvider);
    }

    static TestSamlResponses.Builder response() {
        TestSamlResponses.Builder b = TestSamlResponses.builder();
        b.issuer = ENTITY;
        return b;
    }

    static Response postSaml(String samlResponse, String relayState) {
        var request = given().redirects().follow(false).contentType("application/x-www-form-urlencoded");
        if (samlResponse != null) {
            request.formParam("SAMLResponse", samlResponse);
        }
        if (relayState != null) {
            request.formParam("RelayState", relayState);
        }
        return request.post("/saml");
    }

    static Response choose(String pending, String csrf, String binding, String roleArn) {
        var request = given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("pending", pending).formParam("roleIndex", roleArn);
        if (csrf != null) {
            request.formParam("csrf", csrf);
        }
        if (binding != null) {
            request.cookie(BINDING_COOKIE, binding);
        }
        return request.post("/saml");
    }

    static String consoleHome(String cookie) {
        Response home = given().redirects().follow(false).cookie(SESSION_COOKIE, cookie).get("/console");
        assertThat(home.statusCode()).as(home.asString()).isEqualTo(200);
        return home.asString();
    }

    static String sessionCookieHeader(Response r) {
        return r.headers().getValues("Set-Cookie").stream().filter(c -> c.startsWith(SESSION_COOKIE + "="))
                .findFirst().orElse(null);
    }

    static long maxAge(String setCookie) {
        Matcher m = Pattern.compile("Max-Age=(\\d+)").matcher(setCookie);
        assertThat(m.find()).as(setCookie).isTrue();
        return Long.parseLong(m.group(1));
    }

    static String assumeThroughApi(String roleArn, String providerArn, String assertion) {
        try (StsClient sts = sts(root())) {
            return sts.assumeRoleWithSAML(b -> b.roleArn(roleArn).principalArn(providerArn).samlAssertion(assertion))
                    .assumedRoleUser().arn();
        }
    }

    static String sessionArn(String roleArn, String account) {
        return "arn:aws:sts::" + account + ":assumed-role/" + roleArn.substring(roleArn.indexOf('/') + 1) + "/alice";
    }

    /** The refusal page: the status, the AWS code, and the request id that the header carries too. */
    static void assertRefused(Response r, int status, String code) {
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("text/html");
        assertThat(r.header("Content-Security-Policy")).contains("default-src 'none'").contains("script-src 'self'");
        assertThat(r.asString()).contains("<dd>" + code + "</dd>")
                .contains("<dd id=\"request-id\">" + r.header("x-amzn-RequestId") + "</dd>")
                .doesNotContain("<script");
        assertThat(r.header("x-amzn-RequestId")).matches("[0-9a-f-]{36}");
        assertThat(sessionCookieHeader(r)).isNull();
    }

    // ------------------------------------------------------------------------------------------ the chooser DOM

    private static final String ROLE = "<div class=\"saml-role\">\\s*<input type=\"radio\" name=\"roleIndex\" "
            + "value=\"(?<arn>[^\"]+)\" class=\"saml-radio\" id=\"\\k<arn>\" required>\\s*<label for=\"\\k<arn>\" "
            + "class=\"saml-role-description\">(?<label>[^<]+)</label>\\s*</div>";
    private static final Pattern ACCOUNT_BLOCK = Pattern.compile("<div class=\"saml-account\">\\s*"
            + "<div class=\"saml-account-name\">Account: ([^<]+) \\((\\d{12})\\)</div>((?:\\s*" + ROLE + ")+)\\s*</div>");
    private static final Pattern FIELDSET = Pattern.compile("<form id=\"saml_form\" name=\"saml_form\" method=\"post\" "
            + "action=\"/saml\">\\s*<input type=\"hidden\" name=\"csrf\" value=\"([A-Za-z0-9_-]{43})\">"
            + "<input type=\"hidden\" name=\"pending\" value=\"([A-Za-z0-9_-]{43})\">\\s*<fieldset>\\s*"
            + "<legend>Select a role:</legend>(.*)</fieldset>", Pattern.DOTALL);

    /** An account block of the chooser: its name line and the role ARNs with their labels. */
    record Account(String name, String id, Map<String, String> roles) {
    }

    record Chooser(String csrf, String pending, List<Account> accounts) {
    }

    /**
     * Parses the chooser strictly: the form, then {@code fieldset} whose only children (after the legend) are
     * {@code div.saml-account} blocks, each a {@code div.saml-account-name} and {@code div.saml-role}s whose radio's
     * value, id and label's {@code for} are the same role ARN.
     */
    static Chooser parse(String html) {
        Matcher form = FIELDSET.matcher(html);
        assertThat(form.find()).as(html).isTrue();
        String inside = form.group(3);
        Matcher block = ACCOUNT_BLOCK.matcher(inside);
        List<Account> accounts = new ArrayList<>();
        StringBuilder rest = new StringBuilder();
        int last = 0;
        while (block.find()) {
            rest.append(inside, last, block.start());
            last = block.end();
            Map<String, String> roles = new java.util.LinkedHashMap<>();
            Matcher role = Pattern.compile(ROLE).matcher(block.group(3));
            while (role.find()) {
                roles.put(role.group("arn"), role.group("label"));
            }
            accounts.add(new Account(block.group(1), block.group(2), roles));
        }
        rest.append(inside.substring(last));
        assertThat(rest.toString().trim()).as("fieldset children other than div.saml-account").isEmpty();
        return new Chooser(form.group(1), form.group(2), accounts);
    }

    // ------------------------------------------------------------------------------------------------- tests

    @Test
    void postSamlWhenOneRoleThenConsoleCookieForSessionDurationAndRedirectToRelayState() {
        String role = homeRole();
        TestSamlResponses.Builder b = response().role(role, homeProvider)
                .attribute("https://aws.amazon.com/SAML/Attributes/SessionDuration", "5400");

        Response r = postSaml(b.encodedSignedAssertion(), CONSOLE + "/roles");

        assertThat(r.statusCode()).as(r.asString()).isEqualTo(302);
        assertThat(r.header("Location")).isEqualTo(CONSOLE + "/roles");
        assertThat(r.header("Content-Security-Policy")).contains("frame-ancestors 'none'");
        String setCookie = sessionCookieHeader(r);
        assertThat(setCookie).containsIgnoringCase("HttpOnly").contains("SameSite=Lax").contains("Path=/");
        // SessionDuration beyond the API's one-hour default, within the role's 7200 s maximum
        assertThat(maxAge(setCookie)).isBetween(5390L, 5400L);
        String home = consoleHome(r.getCookie(SESSION_COOKIE));
        assertThat(home).contains(sessionArn(role, ACCOUNT)).contains("AssumeRoleWithSAML").contains(homeProvider);
    }

    @Test
    void postSamlWithoutSessionDurationOrRelayStateThenOneHourAndTheConsoleHome() {
        String role = homeRole();

        Response r = postSaml(response().role(role, homeProvider).encodedSignedAssertion(), null);

        assertThat(r.statusCode()).as(r.asString()).isEqualTo(302);
        assertThat(r.header("Location")).isEqualTo("/console");
        assertThat(maxAge(sessionCookieHeader(r))).isBetween(3590L, 3600L);
    }

    @Test
    void postSamlWhenTwoRolesThenAwsShapedChooserAndOnlyTheChosenRoleIsSpent() {
        String home = homeRole();
        String tenant = tenantRole();
        String assertion = response().role(home, homeProvider).role(tenant, tenantProvider).encodedSignedAssertion();

        Response page = postSaml(assertion, CONSOLE + "/users");

        assertThat(page.statusCode()).as(page.asString()).isEqualTo(200);
        // the choice is answered by a redirect to RelayState, which form-action must allow
        assertThat(page.header("Content-Security-Policy")).contains("default-src 'none'").contains("script-src 'self'")
                .contains("form-action 'self' http://localhost:8080;");
        assertThat(page.asString()).doesNotContain("<script").doesNotContain(assertion.substring(0, 40));
        assertThat(sessionCookieHeader(page)).isNull();
        Chooser chooser = parse(page.asString());
        assertThat(chooser.accounts()).extracting(Account::id).containsExactly(ACCOUNT, tenantAccount);
        assertThat(chooser.accounts().get(0).roles()).containsExactly(Map.entry(home,
                home.substring(home.indexOf('/') + 1)));
        assertThat(chooser.accounts().get(1).name()).isEqualTo(tenantAlias);
        assertThat(chooser.accounts().get(1).roles()).containsExactly(Map.entry(tenant,
                tenant.substring(tenant.indexOf('/') + 1)));
        String binding = page.getCookie(BINDING_COOKIE);
        assertThat(page.headers().getValues("Set-Cookie")).anySatisfy(c -> assertThat(c)
                .startsWith(BINDING_COOKIE + "=").containsIgnoringCase("HttpOnly").contains("SameSite=Lax").contains("Path=/saml"));

        Response chosen = choose(chooser.pending(), chooser.csrf(), binding, tenant);

        assertThat(chosen.statusCode()).as(chosen.asString()).isEqualTo(302);
        assertThat(chosen.header("Location")).isEqualTo(CONSOLE + "/users");
        assertThat(consoleHome(chosen.getCookie(SESSION_COOKIE))).contains(sessionArn(tenant, tenantAccount));
        // spent for the chosen role only: the tenant role's replay is refused, the home role is still usable
        assertThatThrownBy(() -> assumeThroughApi(tenant, tenantProvider, assertion))
                .isInstanceOfSatisfying(StsException.class, e -> assertThat(e.awsErrorDetails().errorCode())
                        .isEqualTo("InvalidIdentityToken"));
        assertRefused(choose(chooser.pending(), chooser.csrf(), binding, tenant), 400, "InvalidIdentityToken");
        assertThat(assumeThroughApi(home, homeProvider, assertion)).isEqualTo(sessionArn(home, ACCOUNT));
    }

    @Test
    void chooserWhenCsrfTokenOrBrowserBindingIsMissingOrWrongThen403AndNothingSpent() {
        String home = homeRole();
        String tenant = tenantRole();
        String assertion = response().role(home, homeProvider).role(tenant, tenantProvider).encodedSignedAssertion();
        Response page = postSaml(assertion, null);
        Chooser chooser = parse(page.asString());
        String binding = page.getCookie(BINDING_COOKIE);
        assertThat(page.header("Content-Security-Policy")).contains("form-action 'self';");

        Response noToken = choose(chooser.pending(), null, binding, home);
        Response wrongToken = choose(chooser.pending(), chooser.csrf().replace(chooser.csrf().charAt(0),
                chooser.csrf().charAt(0) == 'A' ? 'B' : 'A'), binding, home);
        Response noBinding = choose(chooser.pending(), chooser.csrf(), null, home);
        Response otherBrowser = choose(chooser.pending(), chooser.csrf(), binding.substring(1) + "x", home);

        for (Response refused : List.of(noToken, wrongToken, noBinding, otherBrowser)) {
            assertRefused(refused, 403, "Forbidden");
            assertThat(refused.asString()).contains("CSRF");
        }
        assertRefused(choose(chooser.pending(), chooser.csrf(), binding, home.replace("saml-console",
                "not-offered")), 400, "InvalidParameterValue");
        // a reference that names no held choice (made up, or expired with its assertion)
        assertRefused(choose("A".repeat(43), chooser.csrf(), binding, home), 400, "ExpiredTokenException");
        assertRefused(choose("../" + chooser.pending(), chooser.csrf(), binding, home), 400, "ExpiredTokenException");
        // nothing was spent: both roles still work, through the chooser and through the API
        assertThat(choose(chooser.pending(), chooser.csrf(), binding, home).statusCode()).isEqualTo(302);
        assertThat(assumeThroughApi(tenant, tenantProvider, assertion)).isEqualTo(sessionArn(tenant, tenantAccount));
    }

    @Test
    void postSamlWhenReplayedThenRefusedWithTheRequestId() {
        String role = homeRole();
        String assertion = response().role(role, homeProvider).encodedSignedAssertion();

        assertThat(postSaml(assertion, null).statusCode()).isEqualTo(302);
        Response replay = postSaml(assertion, null);

        assertRefused(replay, 400, "InvalidIdentityToken");
        assertThat(replay.asString()).contains("replay");
    }

    @Test
    void postSamlWhenTheAssertionIsBadThen4xxPagesAndNoCookie() {
        String role = homeRole();
        TestSamlResponses.Builder unsigned = response().role(role, homeProvider);
        TestSamlResponses.Builder foreignAudience = response().role(role, homeProvider);
        foreignAudience.audience = "urn:amazon:webservices";
        TestSamlResponses.Builder expired = response().role(role, homeProvider);
        expired.now = java.time.Instant.now().minusSeconds(3600);
        TestSamlResponses.Builder unknownIssuer = response().role(role, homeProvider);
        unknownIssuer.issuer = ENTITY + "/unknown";

        assertRefused(postSaml(TestSamlResponses.encode(unsigned.xml()), null), 400, "InvalidIdentityToken");
        assertRefused(postSaml(TestSamlResponses.encode(TestSamlResponses.sign(unsigned.xml(),
                TestSamlResponses.ATTACKER, false, true, TestSamlResponses.RSA_SHA256)), null), 400,
                "InvalidIdentityToken");
        assertRefused(postSaml(foreignAudience.encodedSignedAssertion(), null), 400, "InvalidIdentityToken");
        assertRefused(postSaml(expired.encodedSignedAssertion(), null), 400, "ExpiredTokenException");
        Response unknown = postSaml(unknownIssuer.encodedSignedAssertion(), null);
        assertRefused(unknown, 400, "InvalidIdentityToken");
        assertThat(unknown.asString()).contains("No SAML provider is registered for the issuer");
        assertRefused(postSaml("not base64 at all!", null), 400, "InvalidIdentityToken");
        assertRefused(postSaml(null, null), 400, "MissingParameter");
        // the control: the same role with a good assertion goes in
        assertThat(postSaml(response().role(role, homeProvider).encodedSignedAssertion(), null).statusCode())
                .isEqualTo(302);
    }

    @Test
    void postSamlWhenTheRoleDoesNotTrustTheProviderThenAccessDeniedAndTheAssertionIsNotSpent() {
        String untrusting = role(root(), ACCOUNT, "arn:aws:iam::" + ACCOUNT + ":saml-provider/someone-else");
        String assertion = response().role(untrusting, homeProvider).encodedSignedAssertion();

        Response r = postSaml(assertion, null);

        assertRefused(r, 403, "AccessDenied");
        assertThat(r.asString()).contains("sts:AssumeRoleWithSAML");
        // the same decision path as AssumeRoleWithSAML: a refused trust decision burns nothing, so once the role
        // trusts the provider the same assertion signs in
        try (IamClient iam = iam(root())) {
            iam.updateAssumeRolePolicy(b -> b.roleName(untrusting.substring(untrusting.indexOf('/') + 1))
                    .policyDocument(trust(homeProvider)));
        }
        Response after = postSaml(assertion, null);
        assertThat(after.statusCode()).as(after.asString()).isEqualTo(302);
        assertThat(consoleHome(after.getCookie(SESSION_COOKIE))).contains(sessionArn(untrusting, ACCOUNT));
    }

    @Test
    void postSamlOffersOnlyPairsWhoseProviderHasTheIssuersEntityId() {
        String role = homeRole();
        String otherProvider;
        try (IamClient iam = iam(root())) {
            otherProvider = iam.createSAMLProvider(b -> b.name(unique("other-idp"))
                    .samlMetadataDocument(TestSamlResponses.metadata(ENTITY + "/other", IDP))).samlProviderArn();
        }
        String otherRole = role(root(), ACCOUNT, otherProvider);

        // two pairs, but the second names a provider with another entity id: one role offered, straight in
        Response r = postSaml(response().role(role, homeProvider).role(otherRole, otherProvider)
                .encodedSignedAssertion(), null);

        assertThat(r.statusCode()).as(r.asString()).isEqualTo(302);
        assertThat(consoleHome(r.getCookie(SESSION_COOKIE))).contains(sessionArn(role, ACCOUNT));
        Response none = postSaml(response().role(otherRole, otherProvider).encodedSignedAssertion(), null);
        assertRefused(none, 403, "IDPRejectedClaim");
        assertThat(none.asString()).contains("offers no role through a SAML provider whose entity id is its issuer");
    }

    @Test
    void postSamlWhenRelayStateIsNotAConsolePageThenTheConsoleHomeInstead() {
        String role = homeRole();
        for (String relayState : List.of("https://evil.example/console", "//evil.example/console",
                "http://localhost:8080@evil.example/console", "http://localhost:8080/console/../../evil",
                "javascript:alert(1)", "http://localhost:8080/federation")) {
            Response r = postSaml(response().role(role, homeProvider).encodedSignedAssertion(), relayState);
            assertThat(r.statusCode()).as(relayState).isEqualTo(302);
            assertThat(r.header("Location")).as(relayState).isEqualTo("/console");
        }
    }
}
