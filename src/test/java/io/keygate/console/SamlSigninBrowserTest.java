package io.keygate.console;

import static io.keygate.support.Principals.ACCOUNT;
import static io.keygate.support.Principals.unique;
import static io.keygate.support.TestClients.iam;
import static io.keygate.support.TestClients.root;
import static io.keygate.support.TestSamlResponses.IDP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.keygate.client.KeygateClient;
import io.keygate.support.TestApi;
import io.keygate.support.TestClients;
import io.keygate.support.TestSamlResponses;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * SAML sign-in in a real headless browser (Debian's chromium through chromium-driver, as {@link ConsoleBrowserTest}):
 * an IdP page (a {@code data:} URL holding the HTTP-POST binding's form) posts a signed response to
 * {@code /saml}; with one role the browser lands in the console, with two it is shown the role chooser, picks a role
 * by its label and lands in the console as that role. Screenshots go to {@code target/screenshots}. Skipped without
 * chromium, except in CI.
 */
@QuarkusTest
class SamlSigninBrowserTest {

    static final String ENTITY = "https://idp.example.com/" + unique("browser-saml");

    static WebDriver browser;
    static String homeProvider;
    static String tenantProvider;
    static String tenantAccount;
    static String tenantAlias;
    static AwsCredentials tenantRoot;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Files.isExecutable(ConsoleBrowserTest.CHROMIUM) && Files.isExecutable(ConsoleBrowserTest.DRIVER)
                        || System.getenv("CI") != null,
                "chromium and chromium-driver are not installed (apt-get install chromium chromium-driver)");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(ConsoleBrowserTest.CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,900",
                "--user-data-dir=" + Files.createTempDirectory("keygate-chromium"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(ConsoleBrowserTest.DRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        Files.createDirectories(ConsoleBrowserTest.SHOTS);

        try (IamClient iam = iam(root())) {
            homeProvider = iam.createSAMLProvider(b -> b.name(unique("browser-idp"))
                    .samlMetadataDocument(TestSamlResponses.metadata(ENTITY, IDP))).samlProviderArn();
        }
        tenantAlias = unique("example-prod").toLowerCase();
        KeygateClient.Response created = TestApi.client(root()).post("/api/v1/accounts", Map.of("Alias", tenantAlias));
        assertThat(created.status()).isEqualTo(201);
        tenantAccount = created.body().get("AccountId").asText();
        tenantRoot = AwsBasicCredentials.create(created.body().get("AccessKeyId").asText(),
                created.body().get("SecretAccessKey").asText());
        try (IamClient iam = iam(tenantRoot)) {
            tenantProvider = iam.createSAMLProvider(b -> b.name("corp-idp")
                    .samlMetadataDocument(TestSamlResponses.metadata(ENTITY, IDP))).samlProviderArn();
        }
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    static String base() {
        return TestClients.endpoint().toString().replaceAll("/$", "");
    }

    static String role(AwsCredentials credentials, String account, String provider, String name) {
        String trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
                + "{\"Federated\":\"" + provider + "\"},\"Action\":\"sts:AssumeRoleWithSAML\"}]}";
        try (IamClient iam = iam(credentials)) {
            iam.createRole(b -> b.roleName(name).assumeRolePolicyDocument(trust));
            iam.putRolePolicy(b -> b.roleName(name).policyName("all").policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\","
                            + "\"Resource\":\"*\"}]}"));
        }
        return "arn:aws:iam::" + account + ":role/" + name;
    }

    /** The IdP's side of the HTTP-POST binding: a page with the form, whose button the user presses. */
    static void postFromIdp(String samlResponse, String relayState) {
        String html = "<!DOCTYPE html><html lang=\"en\"><title>Example IdP</title><h1>Example IdP</h1>"
                + "<form method=\"post\" action=\"" + base() + "/saml\">"
                + "<input type=\"hidden\" name=\"SAMLResponse\" value=\"" + samlResponse + "\">"
                + (relayState == null ? "" : "<input type=\"hidden\" name=\"RelayState\" value=\"" + relayState + "\">")
                + "<button id=\"continue\" type=\"submit\">Continue to Keygate</button></form></html>";
        browser.get("data:text/html;charset=utf-8,"
                + URLEncoder.encode(html, StandardCharsets.UTF_8).replace("+", "%20"));
        browser.findElement(By.id("continue")).click();
    }

    static TestSamlResponses.Builder response() {
        TestSamlResponses.Builder b = TestSamlResponses.builder();
        b.issuer = ENTITY;
        return b;
    }

    static void waitForUrl(String url) {
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> url.equals(d.getCurrentUrl()));
    }

    static void shot(String name) throws IOException {
        Files.write(ConsoleBrowserTest.SHOTS.resolve(name + ".png"),
                ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    @Test
    void samlSignInWithOneRoleGoesStraightIntoTheConsolePageOfRelayState() throws IOException {
        String name = unique("Developer");
        String role = role(root(), ACCOUNT, homeProvider, name);

        postFromIdp(response().role(role, homeProvider).encodedSignedAssertion(), base() + "/console");

        waitForUrl(base() + "/console");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Keygate console");
        String identity = browser.findElement(By.cssSelector("dl.identity")).getText();
        assertThat(identity).contains("arn:aws:sts::" + ACCOUNT + ":assumed-role/" + name + "/alice")
                .contains("AssumeRoleWithSAML").contains(homeProvider);
        shot("saml-signed-in");
    }

    @Test
    void samlSignInWithTwoRolesShowsTheChooserAndSignsInAsTheChosenRole() throws IOException {
        String homeName = unique("ReadOnly");
        String tenantName = unique("Administrator");
        String home = role(root(), ACCOUNT, homeProvider, homeName);
        String tenant = role(tenantRoot, tenantAccount, tenantProvider, tenantName);

        postFromIdp(response().role(home, homeProvider).role(tenant, tenantProvider).encodedSignedAssertion(), null);

        WebElement title = new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> {
            var h1 = d.findElements(By.tagName("h1"));
            return !h1.isEmpty() && h1.get(0).getText().equals("Select a role") ? h1.get(0) : null;
        });
        assertThat(title.getText()).isEqualTo("Select a role");
        List<WebElement> accounts = browser.findElements(By.cssSelector("fieldset > div.saml-account"));
        assertThat(accounts).hasSize(2);
        assertThat(accounts.get(0).findElement(By.cssSelector("div.saml-account-name")).getText())
                .matches("Account: \\S+ \\(" + ACCOUNT + "\\)");
        assertThat(accounts.get(1).findElement(By.cssSelector("div.saml-account-name")).getText())
                .isEqualTo("Account: " + tenantAlias + " (" + tenantAccount + ")");
        assertThat(browser.findElements(By.cssSelector("input.saml-radio[name=roleIndex]")))
                .extracting(e -> e.getAttribute("value")).containsExactly(home, tenant);
        assertThat(accounts.get(1).findElement(By.cssSelector("label.saml-role-description")).getText())
                .isEqualTo(tenantName);
        assertThat(browser.getCurrentUrl()).isEqualTo(base() + "/saml");
        shot("saml-role-chooser");

        accounts.get(1).findElement(By.cssSelector("label.saml-role-description")).click();
        assertThat(browser.findElement(By.id(tenant)).isSelected()).isTrue();
        browser.findElement(By.id("signin_button")).click();

        waitForUrl(base() + "/console");
        assertThat(browser.findElement(By.cssSelector("dl.identity")).getText())
                .contains("arn:aws:sts::" + tenantAccount + ":assumed-role/" + tenantName + "/alice");
    }
}
