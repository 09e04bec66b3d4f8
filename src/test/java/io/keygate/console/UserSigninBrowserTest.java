package io.keygate.console;

import static io.keygate.console.ConsoleBrowserTest.CHROMIUM;
import static io.keygate.console.ConsoleBrowserTest.DRIVER;
import static io.keygate.console.ConsoleBrowserTest.SHOTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.keygate.credentials.Base32;
import io.keygate.credentials.Totp;
import io.keygate.signin.ConsoleSessions;
import io.keygate.support.Principals;
import io.keygate.support.TestClients;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * IAM user sign-in in a real headless browser (Debian chromium through chromium-driver), driven from the keyboard:
 * the sign-in form, the forced password change, the MFA code, the console with MFA, sign-out; and a console session
 * that expires. Screenshots go to {@code target/screenshots}. Skipped without chromium, except in CI.
 */
@QuarkusTest
class UserSigninBrowserTest {

    static final String PASSWORD = "Initial-pass-1";
    static WebDriver browser;

    @Inject
    ConsoleSessions sessions;

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

    static void shot(String name) throws IOException {
        Files.write(SHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    static String heading() {
        return new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> {
            var found = d.findElements(By.tagName("h1"));
            return found.isEmpty() ? null : found.get(0);
        }).getText();
    }

    static String waitForHeading(String expected) {
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> {
            var found = d.findElements(By.tagName("h1"));
            return !found.isEmpty() && found.get(0).getText().equals(expected);
        });
        return expected;
    }

    /** Types into whatever has focus, as a keyboard user does. */
    static void type(CharSequence... keys) {
        Actions actions = new Actions(browser);
        for (CharSequence k : keys) {
            actions.sendKeys(k);
        }
        actions.perform();
    }

    @Test
    void whenAnIamUserSignsInWithAForcedPasswordChangeAndMfaThenTheConsoleShowsAnMfaSession() throws IOException {
        String name = Principals.unique("browser-user");
        byte[] seed;
        try (IamClient iam = TestClients.iam(TestClients.root())) {
            iam.createUser(b -> b.userName(name));
            iam.createLoginProfile(b -> b.userName(name).password(PASSWORD).passwordResetRequired(true));
            iam.attachUserPolicy(b -> b.userName(name).policyArn("arn:aws:iam::aws:policy/IAMUserChangePassword"));
            iam.putUserPolicy(b -> b.userName(name).policyName("read").policyDocument(Principals.allow("iam:List*", "*")));
            var device = iam.createVirtualMFADevice(b -> b.virtualMFADeviceName(name)).virtualMFADevice();
            seed = Base32.decode(device.base32StringSeed().asString(StandardCharsets.US_ASCII));
            Instant now = Instant.now();
            byte[] s = seed;
            iam.enableMFADevice(b -> b.userName(name).serialNumber(device.serialNumber())
                    .authenticationCode1(Totp.generate(s, now.minusSeconds(60)))
                    .authenticationCode2(Totp.generate(s, now.minusSeconds(30))));
        }

        browser.get(base() + "/console/login");
        assertThat(heading()).isEqualTo("Sign in as an IAM user");
        WebElement account = browser.findElement(By.id("account"));
        assertThat(browser.switchTo().activeElement()).as("the first field has focus").isEqualTo(account);
        type(Principals.ACCOUNT, Keys.TAB, name, Keys.TAB, PASSWORD);
        shot("console-user-signin");
        type(Keys.ENTER);

        waitForHeading("Choose a new password");
        assertThat(browser.findElement(By.cssSelector("p.error")).getText()).contains("choose a new password");
        type(PASSWORD, Keys.TAB, "Changed-pass-2", Keys.TAB, "Changed-pass-2");
        shot("console-user-password-change");
        type(Keys.ENTER);

        waitForHeading("Multi-factor authentication");
        type(Totp.generate(seed, Instant.now()));
        shot("console-user-mfa");
        type(Keys.ENTER);

        waitForHeading("Keygate console");
        assertThat(browser.getCurrentUrl()).isEqualTo(base() + "/console");
        String identity = browser.findElement(By.cssSelector("dl.identity")).getText();
        assertThat(identity).contains(Principals.userArn(name)).contains("IAM user sign-in (ConsoleLogin)")
                .contains("used (aws:MultiFactorAuthPresent is true)");
        shot("console-user-home");

        browser.findElement(By.cssSelector("form.signout button")).click();
        waitForHeading("Signed out");
        assertThat(browser.findElement(By.id("signin-again")).getAttribute("href")).isEqualTo(base() + "/console/login");
        browser.get(base() + "/console");
        assertThat(heading()).isEqualTo("Signed out");
    }

    @Test
    void whenTheConsoleSessionExpiresThenTheNextPageIsTheSignedOutPage() throws Exception {
        var keys = Principals.user(Principals.unique("expiring"), Principals.allow("*", "*"));
        String token;
        try (StsClient sts = TestClients.sts(keys)) {
            token = sts.getFederationToken(b -> b.name("expiring").policy(Principals.allow("*", "*")))
                    .credentials().sessionToken();
        }
        Instant expiry = Instant.now().plusSeconds(4);
        String cookie = sessions.open(token, null, expiry);
        browser.get(base() + "/console/login");
        browser.manage().addCookie(new Cookie("keygate-console", cookie, "/"));
        browser.get(base() + "/console");
        assertThat(heading()).isEqualTo("Keygate console");
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), expiry).toMillis()) + 1000);
        browser.navigate().refresh();
        assertThat(heading()).isEqualTo("Signed out");
        assertThat(browser.findElement(By.id("signin-again")).getAttribute("href")).isEqualTo(base() + "/console/login");
        shot("console-session-expired");
    }
}
