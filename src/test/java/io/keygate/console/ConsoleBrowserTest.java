package io.keygate.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

import io.keygate.support.Principals;
import io.keygate.support.TestApi;
import io.keygate.support.TestClients;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * The console in a real headless browser (Debian's chromium driven through chromium-driver): the sign-in URL of
 * getSigninToken, the pages, the policy editor's live validation (which needs the static script and the CSP to
 * allow it), sign-out and a revoked session. Screenshots go to {@code target/screenshots}. Without chromium on the
 * machine the test is skipped, except in CI (CI=true), where {@code .ci/run} installs it and it must run.
 */
@QuarkusTest
class ConsoleBrowserTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SHOTS = Path.of("target/screenshots");

    static WebDriver browser;
    static String role;
    static AwsBasicCredentials assumer;

    @BeforeAll
    static void start() throws IOException {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER) || System.getenv("CI") != null,
                "chromium and chromium-driver are not installed (apt-get install chromium chromium-driver)");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,900",
                "--user-data-dir=" + Files.createTempDirectory("keygate-chromium"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        Files.createDirectories(SHOTS);
        String trust = Principals.trust("arn:aws:iam::111122223333:root", "\"sts:AssumeRole\"", null);
        role = Principals.role(Principals.unique("browser"), trust, Principals.allow("*", "*"));
        assumer = Principals.user(Principals.unique("assumer"), Principals.allow("sts:AssumeRole", "*"));
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

    /** Opens the console from a sign-in URL, as a broker's user would; returns the session's credentials. */
    static Credentials signIn() {
        Credentials c;
        try (StsClient sts = TestClients.sts(assumer)) {
            c = sts.assumeRole(b -> b.roleArn(role).roleSessionName("browser")).credentials();
        }
        String session = "{\"sessionId\":\"" + c.accessKeyId() + "\",\"sessionKey\":\"" + c.secretAccessKey()
                + "\",\"sessionToken\":\"" + c.sessionToken() + "\"}";
        String token = given().queryParam("Action", "getSigninToken").queryParam("Session", session)
                .get("/federation").jsonPath().getString("SigninToken");
        browser.get(base() + "/federation?Action=login&Issuer=" + encode("https://broker.example/")
                + "&Destination=" + encode(base() + "/console") + "&SigninToken=" + token);
        return c;
    }

    static String encode(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    static void shot(String name) throws IOException {
        Files.write(SHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    static WebElement waitFor(By by) {
        return new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> {
            var found = d.findElements(by);
            return found.isEmpty() ? null : found.get(0);
        });
    }

    @Test
    void whenSignedInThroughASigninUrlThenThePagesWorkAndTheEditorValidatesLive() throws IOException {
        signIn();
        assertThat(browser.getCurrentUrl()).isEqualTo(base() + "/console");
        assertThat(browser.findElement(By.cssSelector("dl.identity")).getText())
                .contains(":assumed-role/" + role.substring(role.indexOf('/') + 1) + "/browser");
        shot("console-home");

        browser.get(base() + "/console/check?action=iam:CreateUser&resource=*");
        assertThat(waitFor(By.cssSelector("p.decision")).getText()).isEqualTo("Decision: allowed");
        shot("console-check");

        browser.get(base() + "/console/policies/new");
        WebElement editor = waitFor(By.id("document"));
        WebElement status = browser.findElement(By.id("validation"));
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> status.getText().equals("The policy is valid."));
        editor.clear();
        editor.sendKeys("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:Get\"}]}");
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> "invalid".equals(status.getAttribute("class")));
        assertThat(status.getText()).containsIgnoringCase("resource");
        assertThat(editor.getAttribute("aria-invalid")).isEqualTo("true");
        shot("console-policy-editor");

        browser.findElement(By.cssSelector("form.signout button")).click();
        assertThat(waitFor(By.tagName("h1")).getText()).isEqualTo("Signed out");
        assertThat(browser.findElement(By.id("signin-again")).getAttribute("href")).isEqualTo("https://broker.example/");
        browser.get(base() + "/console");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Signed out");
    }

    @Test
    void whenTheSessionIsRevokedThenTheNextPageIsTheSignedOutPage() throws Exception {
        Credentials c = signIn();
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Keygate console");
        TestApi.client(TestClients.root()).post("/api/v1/revocations", Map.of("AccessKeyId", c.accessKeyId()));
        browser.navigate().refresh();
        assertThat(waitFor(By.tagName("h1")).getText()).isEqualTo("Signed out");
        shot("console-signed-out");
    }
}
