package io.keygate.signin;

import static io.keygate.support.Principals.unique;
import static io.keygate.support.TestClients.iam;
import static io.keygate.support.TestClients.root;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.keygate.credentials.Base32;
import io.keygate.credentials.Totp;
import io.keygate.iam.LoginProfile;
import io.keygate.iam.UserRepository;
import io.keygate.support.Principals;
import io.keygate.support.TestAccounts;
import io.keygate.support.TestClients;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * IAM user sign-in at {@code /console/login} over plain HTTP: the password, the answers that must not tell an
 * unknown account or user from a wrong password, account aliases, the forced password change (reset required and
 * expired), the MFA step, backoff, CSRF, sign-out, and what the console session may do (its own kind of session,
 * {@code aws:MultiFactorAuthPresent} true only after MFA).
 */
@QuarkusTest
class UserSigninTest {

    static final String PASSWORD = "Correct-horse-7";
    static final String CHANGE_OWN_PASSWORD = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":[\"iam:ChangePassword\",\"iam:GetUser\"],\"Resource\":\"arn:aws:iam::*:user/${aws:username}\"}]}";

    @Inject
    UserRepository users;

    /** A browser without script: keeps cookies, never follows redirects. */
    static final class Agent {
        final Map<String, String> cookies = new LinkedHashMap<>();
        String csrf;

        Response get(String path) {
            return keep(given().redirects().follow(false).cookies(cookies).get(path));
        }

        Response post(String path, Map<String, String> form) {
            var request = given().redirects().follow(false).cookies(cookies).contentType("application/x-www-form-urlencoded");
            form.forEach(request::formParam);
            return keep(request.post(path));
        }

        private Response keep(Response r) {
            r.detailedCookies().forEach(c -> {
                if (c.getValue().isEmpty() || c.getMaxAge() == 0) {
                    cookies.remove(c.getName());
                } else {
                    cookies.put(c.getName(), c.getValue());
                }
            });
            String body = r.asString();
            if (body.contains("name=\"csrf\"")) {
                csrf = body.replaceAll("(?s).*name=\"csrf\" value=\"([^\"]+)\".*", "$1");
            }
            return r;
        }

        /** Opens the sign-in form and sends it. */
        Response signIn(String account, String userName, String password) {
            assertThat(get("/console/login").statusCode()).isEqualTo(200);
            return post("/console/login", Map.of("csrf", csrf, "account", account, "username", userName,
                    "password", password));
        }

        Response changePassword(String oldPassword, String newPassword, String confirmation) {
            return post("/console/login/password", Map.of("csrf", csrf, "oldPassword", oldPassword,
                    "newPassword", newPassword, "confirmPassword", confirmation));
        }

        Response mfa(String code) {
            return post("/console/login/mfa", Map.of("csrf", csrf, "code", code));
        }

        String console() {
            return cookies.get("keygate-console");
        }
    }

    /** A user of the bootstrap account with a console password and one inline policy. */
    static String user(String policy, boolean resetRequired) {
        return user(root(), policy, resetRequired);
    }

    static String user(AwsCredentials admin, String policy, boolean resetRequired) {
        return user(admin, policy, resetRequired, true);
    }

    /** As {@link #user(AwsCredentials, String, boolean)}; {@code changeOwn}: with the iam:ChangePassword policy. */
    static String user(AwsCredentials admin, String policy, boolean resetRequired, boolean changeOwn) {
        String name = unique("web");
        try (IamClient iam = iam(admin)) {
            iam.createUser(b -> b.userName(name));
            iam.createLoginProfile(b -> b.userName(name).password(PASSWORD).passwordResetRequired(resetRequired));
            if (changeOwn) {
                iam.putUserPolicy(b -> b.userName(name).policyName("own").policyDocument(CHANGE_OWN_PASSWORD));
            }
            if (policy != null) {
                iam.putUserPolicy(b -> b.userName(name).policyName("inline").policyDocument(policy));
            }
        }
        return name;
    }

    /** Enables a virtual MFA device for {@code user} with two codes of the past; returns its seed. */
    static byte[] mfaDevice(String user) {
        try (IamClient iam = iam(root())) {
            var device = iam.createVirtualMFADevice(b -> b.virtualMFADeviceName(user)).virtualMFADevice();
            byte[] seed = Base32.decode(device.base32StringSeed().asString(StandardCharsets.US_ASCII));
            Instant now = Instant.now();
            iam.enableMFADevice(b -> b.userName(user).serialNumber(device.serialNumber())
                    .authenticationCode1(Totp.generate(seed, now.minusSeconds(60)))
                    .authenticationCode2(Totp.generate(seed, now.minusSeconds(30))));
            return seed;
        }
    }

    static void assertSignedIn(Response r, Agent agent) {
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(303);
        assertThat(r.header("Location")).isEqualTo("/console");
        assertThat(agent.console()).hasSize(43);
    }

    static void assertRefused(Response r) {
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.asString()).contains(UserSignin.INCORRECT);
        assertThat(r.detailedCookies().get("keygate-console")).isNull();
    }

    @Test
    void whenThePasswordIsRightThenAConsoleSessionOfTheUserOpensAndPasswordLastUsedIsRecorded() {
        String name = user(Principals.allow("iam:List*", "*"), false);
        Agent agent = new Agent();
        Response login = agent.signIn(Principals.ACCOUNT, name, PASSWORD);
        assertSignedIn(login, agent);
        String setCookie = login.headers().getValues("Set-Cookie").stream()
                .filter(h -> h.startsWith("keygate-console=")).findFirst().orElseThrow();
        assertThat(setCookie).containsIgnoringCase("HttpOnly").contains("SameSite=Lax").contains("Path=/");
        long maxAge = Long.parseLong(setCookie.replaceAll(".*Max-Age=(\\d+).*", "$1"));
        assertThat(maxAge).isBetween(UserSignin.SESSION.getSeconds() - 100, UserSignin.SESSION.getSeconds());

        String home = agent.get("/console").asString();
        assertThat(home).contains(Principals.userArn(name)).contains("IAM user sign-in (ConsoleLogin)")
                .contains("not used (aws:MultiFactorAuthPresent is false)").contains("inline: own")
                .contains("inline: inline");
        try (IamClient iam = iam(root())) {
            Instant used = iam.getUser(b -> b.userName(name)).user().passwordLastUsed();
            assertThat(used).isNotNull().isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(1));
        }
    }

    @Test
    void whenPasswordIsWrongOrUserOrAccountUnknownThenTheAnswersAreIdentical() {
        String name = user(null, false);
        try (IamClient iam = iam(root())) {
            iam.createUser(b -> b.userName(name + "-nopw"));
        }
        Agent agent = new Agent();
        Response wrong = agent.signIn(Principals.ACCOUNT, name, PASSWORD + "x");
        Response unknownUser = agent.signIn(Principals.ACCOUNT, unique("nobody"), PASSWORD);
        Response noProfile = agent.signIn(Principals.ACCOUNT, name + "-nopw", PASSWORD);
        Response unknownAccount = agent.signIn("999988887777", name, PASSWORD);
        Response unknownAlias = agent.signIn(unique("no-such-alias"), name, PASSWORD);
        for (Response r : List.of(wrong, unknownUser, noProfile, unknownAccount, unknownAlias)) {
            assertRefused(r);
            assertThat(r.asString()).isEqualTo(wrong.asString());
            assertThat(r.header("Content-Type")).isEqualTo(wrong.header("Content-Type"));
        }
        assertThat(wrong.asString()).doesNotContain(name).doesNotContain(Principals.ACCOUNT);
    }

    /** The dummy-hash path: an unknown account costs the same hash work as a wrong password (medians of three). */
    @Test
    void whenTheAccountIsUnknownThenTheAnswerTakesAsLongAsForAWrongPassword() {
        String name = user(null, false);
        Agent agent = new Agent();
        agent.get("/console/login");
        List<Long> wrong = new ArrayList<>();
        List<Long> unknown = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            wrong.add(timed(() -> agent.post("/console/login", Map.of("csrf", agent.csrf, "account",
                    Principals.ACCOUNT, "username", name, "password", "Wrong-password-1"))));
            unknown.add(timed(() -> agent.post("/console/login", Map.of("csrf", agent.csrf, "account",
                    "999988887777", "username", unique("nobody"), "password", "Wrong-password-1"))));
        }
        wrong.sort(null);
        unknown.sort(null);
        assertThat(unknown.get(1)).as("unknown %s vs wrong %s (ms)", unknown, wrong)
                .isGreaterThan(wrong.get(1) * 4 / 10);
    }

    private static long timed(Runnable call) {
        long start = System.nanoTime();
        call.run();
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Test
    void whenTheAccountAliasIsGivenThenItNamesTheAccount() {
        TestAccounts.Account account = TestAccounts.create();
        String alias = unique("corp").toLowerCase();
        try (IamClient iam = iam(account.root())) {
            iam.createAccountAlias(b -> b.accountAlias(alias));
        }
        String name = user(account.root(), null, false);
        Agent agent = new Agent();
        assertSignedIn(agent.signIn(alias, name, PASSWORD), agent);
        assertThat(agent.get("/console").asString()).contains("arn:aws:iam::" + account.id() + ":user/" + name);
        Agent byId = new Agent();
        assertSignedIn(byId.signIn(account.id(), name, PASSWORD), byId);
        assertRefused(new Agent().signIn(Principals.ACCOUNT, name, PASSWORD));
    }

    @Test
    void whenPasswordResetIsRequiredThenANewPasswordIsSetThroughChangePasswordFirst() {
        String name = user(null, true);
        Agent agent = new Agent();
        Response login = agent.signIn(Principals.ACCOUNT, name, PASSWORD);
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.asString()).contains("Choose a new password").contains("requires you to choose a new password");
        assertThat(agent.console()).isNull();
        assertThat(agent.cookies).containsKey("keygate-signin");

        Response mismatch = agent.changePassword(PASSWORD, "New-password-9", "New-password-8");
        assertThat(mismatch.asString()).contains("do not match");
        Response weak = agent.changePassword(PASSWORD, "short", "short");
        assertThat(weak.statusCode()).isEqualTo(200);
        assertThat(weak.asString()).contains("Password should have at least 8 characters");
        Response wrongOld = agent.changePassword("Not-the-password-1", "New-password-9", "New-password-9");
        assertThat(wrongOld.asString()).contains("The old password is not correct.");
        assertThat(agent.console()).isNull();

        assertSignedIn(agent.changePassword(PASSWORD, "New-password-9", "New-password-9"), agent);
        try (IamClient iam = iam(root())) {
            assertThat(iam.getLoginProfile(b -> b.userName(name)).loginProfile().passwordResetRequired()).isFalse();
        }
        assertRefused(new Agent().signIn(Principals.ACCOUNT, name, PASSWORD));
        Agent again = new Agent();
        assertSignedIn(again.signIn(Principals.ACCOUNT, name, "New-password-9"), again);
    }

    @Test
    void whenThePasswordHasExpiredThenTheAccountPolicyAndReusePreventionApplyToTheNewOne() {
        TestAccounts.Account account = TestAccounts.create();
        try (IamClient iam = iam(account.root())) {
            iam.updateAccountPasswordPolicy(b -> b.maxPasswordAge(1).passwordReusePrevention(2)
                    .minimumPasswordLength(12).requireNumbers(true).allowUsersToChangePassword(true));
        }
        String name = user(account.root(), null, false);
        Agent fresh = new Agent();
        assertSignedIn(fresh.signIn(account.id(), name, PASSWORD), fresh);
        users.update(account.id(), name, u -> {
            LoginProfile p = u.loginProfile();
            return u.withLoginProfile(new LoginProfile(p.passwordHash(), p.created(),
                    p.passwordLastChanged().minus(Duration.ofDays(2)), false, p.previousHashes()));
        });

        Agent agent = new Agent();
        Response login = agent.signIn(account.id(), name, PASSWORD);
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.asString()).contains("Your password has expired");
        assertThat(agent.changePassword(PASSWORD, "Longer-but-no-digits", "Longer-but-no-digits").asString())
                .contains("Password should have at least one number");
        assertThat(agent.changePassword(PASSWORD, PASSWORD, PASSWORD).asString())
                .contains("Password was used recently and cannot be reused");
        assertSignedIn(agent.changePassword(PASSWORD, "Brand-new-pass-42", "Brand-new-pass-42"), agent);
        Agent next = new Agent();
        assertSignedIn(next.signIn(account.id(), name, "Brand-new-pass-42"), next);
    }

    /** Moves the user's last password change {@code days} into the past. */
    private void ageThePassword(String accountId, String name, int days) {
        users.update(accountId, name, u -> {
            LoginProfile p = u.loginProfile();
            return u.withLoginProfile(new LoginProfile(p.passwordHash(), p.created(),
                    p.passwordLastChanged().minus(Duration.ofDays(days)), p.passwordResetRequired(),
                    p.previousHashes()));
        });
    }

    /** A refused sign-in that proved the password: its own message, no console session and no pending step. */
    private static void assertRefusedWith(Response r, Agent agent, String message) {
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.asString()).contains(message).doesNotContain(UserSignin.INCORRECT)
                .doesNotContain("name=\"newPassword\"");
        assertThat(agent.console()).isNull();
        assertThat(agent.cookies).doesNotContainKey("keygate-signin");
    }

    @Test
    void whenThePasswordHasExpiredUnderHardExpiryThenTheUserMayNotChangeItAndNoSessionOpens() {
        TestAccounts.Account account = TestAccounts.create();
        try (IamClient iam = iam(account.root())) {
            iam.updateAccountPasswordPolicy(b -> b.maxPasswordAge(1).hardExpiry(true).allowUsersToChangePassword(true));
        }
        String name = user(account.root(), null, false);
        ageThePassword(account.id(), name, 2);
        Agent agent = new Agent();
        assertRefusedWith(agent.signIn(account.id(), name, PASSWORD), agent, "Only an administrator can reset it");
        Response change = agent.changePassword(PASSWORD, "Brand-new-pass-42", "Brand-new-pass-42");
        assertThat(change.statusCode()).isEqualTo(401);
        assertThat(agent.console()).isNull();
        // A wrong password still gets the one answer for every failure: the expiry is told only to the owner.
        assertRefused(new Agent().signIn(account.id(), name, PASSWORD + "x"));

        // An administrator's reset (UpdateLoginProfile) lets the user in again.
        try (IamClient iam = iam(account.root())) {
            iam.updateLoginProfile(b -> b.userName(name).password("Reset-by-admin-7"));
        }
        Agent after = new Agent();
        assertSignedIn(after.signIn(account.id(), name, "Reset-by-admin-7"), after);
    }

    @Test
    void whenAChangeIsDueAndNeitherThePolicyNorIamChangePasswordAllowsItThenSignInIsRefused() {
        TestAccounts.Account account = TestAccounts.create();
        try (IamClient iam = iam(account.root())) {
            iam.updateAccountPasswordPolicy(b -> b.maxPasswordAge(1).allowUsersToChangePassword(false));
        }
        String reset = user(account.root(), null, true, false);
        Agent agent = new Agent();
        assertRefusedWith(agent.signIn(account.id(), reset, PASSWORD), agent, "not allowed to change your password");

        String expired = user(account.root(), null, false, false);
        ageThePassword(account.id(), expired, 2);
        Agent other = new Agent();
        assertRefusedWith(other.signIn(account.id(), expired, PASSWORD), other,
                "not allowed to change your password");

        // An explicit deny is not overridden by AllowUsersToChangePassword either.
        String denied = user(account.root(), "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
                + "\"Deny\",\"Action\":\"iam:ChangePassword\",\"Resource\":\"*\"}]}", true, true);
        try (IamClient iam = iam(account.root())) {
            iam.updateAccountPasswordPolicy(b -> b.allowUsersToChangePassword(true));
        }
        Agent deniedAgent = new Agent();
        assertRefusedWith(deniedAgent.signIn(account.id(), denied, PASSWORD), deniedAgent,
                "not allowed to change your password");
    }

    @Test
    void whenTheUsersPolicyAllowsIamChangePasswordThenTheForcedChangeIsAllowedDespiteThePasswordPolicy() {
        TestAccounts.Account account = TestAccounts.create();
        try (IamClient iam = iam(account.root())) {
            iam.updateAccountPasswordPolicy(b -> b.minimumPasswordLength(10).allowUsersToChangePassword(false));
        }
        String name = user(account.root(), null, true, true);
        Agent agent = new Agent();
        Response login = agent.signIn(account.id(), name, PASSWORD);
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.asString()).contains("Choose a new password");
        assertThat(agent.changePassword(PASSWORD, "Short-1", "Short-1").asString())
                .contains("Password should have at least 10 characters");
        assertSignedIn(agent.changePassword(PASSWORD, "Brand-new-pass-42", "Brand-new-pass-42"), agent);
    }

    @Test
    void whenThePasswordPolicyAllowsUsersToChangePasswordThenAUserWithoutIamChangePasswordMayChangeIt() {
        TestAccounts.Account account = TestAccounts.create();
        try (IamClient iam = iam(account.root())) {
            iam.updateAccountPasswordPolicy(b -> b.maxPasswordAge(1).passwordReusePrevention(1)
                    .allowUsersToChangePassword(true));
        }
        String name = user(account.root(), null, false, false);
        ageThePassword(account.id(), name, 2);
        Agent agent = new Agent();
        Response login = agent.signIn(account.id(), name, PASSWORD);
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.asString()).contains("Your password has expired");
        assertThat(agent.changePassword(PASSWORD, PASSWORD, PASSWORD).asString())
                .contains("Password was used recently and cannot be reused");
        assertSignedIn(agent.changePassword(PASSWORD, "Brand-new-pass-42", "Brand-new-pass-42"), agent);
        Agent next = new Agent();
        assertSignedIn(next.signIn(account.id(), name, "Brand-new-pass-42"), next);
    }

    @Test
    void whenTheUserHasAnMfaDeviceThenACodeIsNeededAndEachCodeSignsInOnce() {
        String name = user(null, false);
        byte[] seed = mfaDevice(name);
        Agent agent = new Agent();
        Response login = agent.signIn(Principals.ACCOUNT, name, PASSWORD);
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.asString()).contains("Multi-factor authentication").contains("autocomplete=\"one-time-code\"");
        assertThat(agent.console()).isNull();
        assertThat(agent.mfa("000000".equals(Totp.generate(seed, Instant.now())) ? "111111" : "000000").asString())
                .contains("The MFA code is not valid");
        assertThat(agent.console()).isNull();
        String code = Totp.generate(seed, Instant.now());
        assertSignedIn(agent.mfa(code), agent);
        assertThat(agent.get("/console").asString()).contains("used (aws:MultiFactorAuthPresent is true)");

        Agent replay = new Agent();
        replay.signIn(Principals.ACCOUNT, name, PASSWORD);
        Response replayed = replay.mfa(code);
        assertThat(replayed.asString()).contains("The MFA code is not valid");
        assertThat(replay.console()).isNull();
        assertSignedIn(replay.mfa(Totp.generate(seed, Instant.now().plusSeconds(30))), replay);

        Agent noPending = new Agent();
        noPending.get("/console/login");
        assertThat(noPending.mfa(Totp.generate(seed, Instant.now().minusSeconds(30))).statusCode()).isEqualTo(401);
        assertThat(noPending.console()).isNull();
    }

    /**
     * The console session is its own kind: unlike GetSessionToken credentials it may call IAM without MFA, and a
     * policy that asks for {@code aws:MultiFactorAuthPresent} allows it only after the MFA step.
     */
    @Test
    void whenAPolicyAsksForMfaThenOnlyTheSessionThatPassedTheMfaStepIsAllowed() {
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iam:ListGroups\","
                + "\"Resource\":\"*\"},{\"Effect\":\"Allow\",\"Action\":\"iam:ListUsers\",\"Resource\":\"*\","
                + "\"Condition\":{\"Bool\":{\"aws:MultiFactorAuthPresent\":\"true\"}}}]}";
        String plain = user(policy, false);
        String withMfa = user(policy, false);
        byte[] seed = mfaDevice(withMfa);

        Agent noMfa = new Agent();
        assertSignedIn(noMfa.signIn(Principals.ACCOUNT, plain, PASSWORD), noMfa);
        assertThat(noMfa.get("/console/groups").statusCode()).as("IAM without MFA, unlike GetSessionToken")
                .isEqualTo(200);
        Response refused = noMfa.get("/console/users");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.asString()).contains("AccessDenied").doesNotContain("<td>" + plain + "</td>");

        Agent mfa = new Agent();
        mfa.signIn(Principals.ACCOUNT, withMfa, PASSWORD);
        assertSignedIn(mfa.mfa(Totp.generate(seed, Instant.now())), mfa);
        Response allowed = mfa.get("/console/users");
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.asString()).contains("<td>" + plain + "</td>");

        // The contrast: the same user's GetSessionToken credentials without MFA may not call IAM at all.
        var keys = keysOf(plain);
        try (StsClient sts = TestClients.sts(keys)) {
            var c = sts.getSessionToken().credentials();
            try (IamClient iam = iam(TestClients.session(c))) {
                assertThat(catchIam(() -> iam.listGroups())).contains("GetSessionToken");
            }
        }
    }

    private static software.amazon.awssdk.auth.credentials.AwsBasicCredentials keysOf(String user) {
        try (IamClient iam = iam(root())) {
            var key = iam.createAccessKey(b -> b.userName(user)).accessKey();
            return software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(key.accessKeyId(),
                    key.secretAccessKey());
        }
    }

    private static String catchIam(Runnable call) {
        try {
            call.run();
            return "OK";
        } catch (IamException e) {
            return e.awsErrorDetails().errorMessage();
        }
    }

    @Test
    void whenAUserFailsTooOftenThenEvenTheRightPasswordIsRefusedWithTheSameAnswer() {
        String name = user(null, false);
        Agent agent = new Agent();
        Response first = agent.signIn(Principals.ACCOUNT, name, "Wrong-password-1");
        assertRefused(first);
        for (int i = 1; i < 5; i++) {
            assertRefused(agent.signIn(Principals.ACCOUNT, name, "Wrong-password-1"));
        }
        Response right = agent.signIn(Principals.ACCOUNT, name, PASSWORD);
        assertRefused(right);
        assertThat(right.asString()).isEqualTo(first.asString());
        // The name in another case is the same user; another user from the same address still signs in.
        assertRefused(agent.signIn(Principals.ACCOUNT, name.toUpperCase(), PASSWORD));
        String other = user(null, false);
        Agent otherAgent = new Agent();
        assertSignedIn(otherAgent.signIn(Principals.ACCOUNT, other, PASSWORD), otherAgent);
    }

    @Test
    void whenTheCsrfTokenIsMissingOrForeignThenTheFormIsRefused() {
        String name = user(null, false);
        Agent agent = new Agent();
        agent.get("/console/login");
        Response missing = agent.post("/console/login", Map.of("account", Principals.ACCOUNT, "username", name,
                "password", PASSWORD));
        assertThat(missing.statusCode()).isEqualTo(403);
        Response foreign = agent.post("/console/login", Map.of("csrf", "x".repeat(43), "account", Principals.ACCOUNT,
                "username", name, "password", PASSWORD));
        assertThat(foreign.statusCode()).isEqualTo(403);
        Response noCookie = given().redirects().follow(false).formParam("csrf", agent.csrf)
                .formParam("account", Principals.ACCOUNT).formParam("username", name).formParam("password", PASSWORD)
                .post("/console/login");
        assertThat(noCookie.statusCode()).isEqualTo(403);
        assertThat(agent.console()).isNull();
        assertThat(agent.post("/console/login/mfa", Map.of("code", "123456")).statusCode()).isEqualTo(403);
        assertSignedIn(agent.signIn(Principals.ACCOUNT, name, PASSWORD), agent);
    }

    @Test
    void whenTheFormIsShownThenItHasLabelsNoScriptAndTheConsoleHeaders() {
        Response form = new Agent().get("/console/login");
        assertThat(form.header("Content-Security-Policy")).contains("default-src 'none'").contains("frame-ancestors 'none'");
        assertThat(form.header("X-Frame-Options")).isEqualTo("DENY");
        String setCookie = form.headers().getValues("Set-Cookie").stream()
                .filter(h -> h.startsWith("keygate-signin-csrf=")).findFirst().orElseThrow();
        assertThat(setCookie).containsIgnoringCase("HttpOnly").contains("SameSite=Strict").contains("Path=/console/login");
        assertThat(form.asString()).contains("<label for=\"account\">").contains("<label for=\"username\">")
                .contains("<label for=\"password\">").contains("type=\"password\"").doesNotContain("<script");
    }

    @Test
    void whenTheUserSignsOutThenTheSessionEndsAndTheSignedOutPageLinksToSignIn() {
        String name = user(null, false);
        Agent agent = new Agent();
        assertSignedIn(agent.signIn(Principals.ACCOUNT, name, PASSWORD), agent);
        String cookie = agent.console();
        agent.get("/console");
        Response out = agent.post("/console/logout", Map.of("csrf", agent.csrf));
        assertThat(out.statusCode()).isEqualTo(200);
        Response after = given().cookie("keygate-console", cookie).get("/console");
        assertThat(after.statusCode()).isEqualTo(401);
        assertThat(after.asString()).contains("href=\"/console/login\"");
    }
}
