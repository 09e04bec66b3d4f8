package io.keygate.signin;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.keygate.auth.Caller;
import io.keygate.auth.RequestAuthenticator;
import io.keygate.auth.RequestFacts;
import io.keygate.console.ActionInvoker;
import io.keygate.credentials.IssuingAction;
import io.keygate.credentials.PasswordHasher;
import io.keygate.credentials.PrincipalType;
import io.keygate.credentials.SessionClaims;
import io.keygate.expiry.ExpiringEntries;
import io.keygate.iam.Account;
import io.keygate.iam.AccountRepository;
import io.keygate.iam.AccountSettingsRepository;
import io.keygate.iam.LoginProfile;
import io.keygate.iam.Partition;
import io.keygate.iam.PasswordPolicy;
import io.keygate.iam.User;
import io.keygate.iam.UserRepository;
import io.keygate.iam.action.ChangePasswordPermission;
import io.keygate.mfa.MfaDeviceRepository;
import io.keygate.mfa.TotpCheck;
import io.keygate.mfa.VirtualMfaDevice;
import io.keygate.sts.CredentialMinter;
import io.keygate.sts.SessionCredentials;

/**
 * IAM user sign-in at {@code /console/login}, one step per method, top to bottom:
 * <ol>
 *   <li>{@link #signIn}: account id or alias + user name + password → backoff (per user and per source address,
 *   {@link SigninBackoff}) → the login profile's Argon2id hash, or a dummy hash of the same cost when the account,
 *   user or login profile does not exist, so neither the message nor the time tells which part was wrong;</li>
 *   <li>the account password policy: an expired password ({@code MaxPasswordAge}) or {@code PasswordResetRequired}
 *   leads to {@link #changePassword}, which runs IAM's own {@code ChangePassword} action as the user (same policy,
 *   reuse and authorization checks). The change is offered only when the user may change their own password
 *   ({@link ChangePasswordPermission}: {@code iam:ChangePassword} in their policies, or the policy's
 *   {@code AllowUsersToChangePassword}); otherwise, and for an expired password under {@code HardExpiry}, the user
 *   is told to ask an administrator and no session opens;</li>
 *   <li>a user with an enabled MFA device passes {@link #mfa}: a TOTP code, accepted once and throttled per device
 *   by {@link TotpCheck}, shared with STS;</li>
 *   <li>a console session of its own kind ({@link IssuingAction#ConsoleLogin}): the user's permissions, IAM
 *   included, with {@code aws:MultiFactorAuthPresent} true only after the MFA step. {@code PasswordLastUsed} is
 *   recorded.</li>
 * </ol>
 * Between steps, the half-done sign-in is held server-side for {@link #PENDING} under a random id (the route keeps
 * it in a cookie), like a console session.
 *
 * <p>Thread-safe.
 */
public final class UserSignin {

    /** The one answer to every failed sign-in (AWS's wording), whatever was wrong. */
    public static final String INCORRECT = "Your authentication information is incorrect. Please try again.";
    /** How long an IAM user's console session lasts (AWS: 12 hours). */
    public static final Duration SESSION = Duration.ofHours(12);
    /** How long a sign-in may wait between steps (password change, MFA code). */
    public static final Duration PENDING = Duration.ofMinutes(5);
    /** Password-change attempts per pending sign-in. */
    static final int MAX_CHANGE_TRIES = 5;
    /** An expired password under {@code HardExpiry}: only an administrator can set a new one. */
    static final String HARD_EXPIRED = "Your password has expired. Only an administrator can reset it: contact your "
            + "administrator.";
    /** A password change is due, and the user may not change their own password. */
    static final String CHANGE_NOT_ALLOWED = "You must choose a new password before you sign in, but you are not "
            + "allowed to change your password. Contact your administrator to reset it.";
    static final String RESTART = "Your sign-in has expired or was interrupted. Please sign in again.";
    private static final String IAM = "2010-05-08";
    private static final String PREFIX = "signin-pending/";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a step leads to. */
    public sealed interface Outcome {
    }

    /**
     * Who a failed step was for, for the audit trail: an IAM user that exists (a name that matches none is never
     * given back, since it may be a password typed in the wrong field).
     */
    public record Claimed(String accountId, String userName) {
    }

    /**
     * Back to the sign-in form with {@code message}.
     *
     * @param claimed the existing user the attempt was for, or null
     * @param mfaUsed whether the failed step was the MFA code
     */
    public record Failed(String message, Claimed claimed, boolean mfaUsed) implements Outcome {

        /** A failure that names no user (malformed input, an expired or unknown pending sign-in). */
        public Failed(String message) {
            this(message, null, false);
        }
    }

    /** The password must be changed first; {@code message} says why, or what was wrong with the last try. */
    public record ChangePassword(String pending, String message) implements Outcome {
    }

    /**
     * An MFA code is needed; {@code message} says what was wrong with the last one, or is null.
     *
     * @param refused the user whose code was just refused (a failed sign-in for the audit trail), or null when this
     *                is the first prompt
     */
    public record Mfa(String pending, String message, Claimed refused) implements Outcome {

        /** The first prompt for a code. */
        public Mfa(String pending, String message) {
            this(pending, message, null);
        }
    }

    /** Signed in: the console session's cookie value and expiry. */
    public record SignedIn(String cookieValue, Instant expiresAt) implements Outcome {
    }

    /** The stores, services and settings sign-in needs. */
    public record Parts(Partition partition, AccountRepository accounts, UserRepository users,
                        AccountSettingsRepository settings, PasswordHasher hasher, MfaDeviceRepository devices,
                        TotpCheck totp, CredentialMinter minter, RequestAuthenticator authenticator,
                        ActionInvoker actions, ChangePasswordPermission changePermission,
                        ConsoleSessions sessions, ExpiringEntries entries, SigninBackoff backoff, Clock clock) {
        public Parts {
            Objects.requireNonNull(partition, "partition");
            Objects.requireNonNull(accounts, "accounts");
            Objects.requireNonNull(users, "users");
            Objects.requireNonNull(settings, "settings");
            Objects.requireNonNull(hasher, "hasher");
            Objects.requireNonNull(devices, "devices");
            Objects.requireNonNull(totp, "totp");
            Objects.requireNonNull(minter, "minter");
            Objects.requireNonNull(authenticator, "authenticator");
            Objects.requireNonNull(actions, "actions");
            Objects.requireNonNull(changePermission, "changePermission");
            Objects.requireNonNull(sessions, "sessions");
            Objects.requireNonNull(entries, "entries");
            Objects.requireNonNull(backoff, "backoff");
            Objects.requireNonNull(clock, "clock");
        }
    }

    private enum Step { CHANGE, MFA }

    /** A sign-in between steps: who proved the password, and what comes next. */
    private record Pending(String accountId, String userName, String userId, Step step, String mfaSerial) {
    }

    private final Parts p;
    /**
     * Compared against when there is no login profile: same algorithm and cost as a real hash. Made at the first
     * sign-in, not at start-up, where an Argon2id hash in a cold JVM took a second of the boot.
     */
    private volatile String dummyHash;

    public UserSignin(Parts parts) {
        this.p = Objects.requireNonNull(parts, "parts");
    }

    /** The dummy hash, made once; every sign-in asks for it first, so the one that makes it is any of them. */
    private String dummyHash() {
        String hash = dummyHash;
        if (hash == null) {
            synchronized (this) {
                hash = dummyHash;
                if (hash == null) {
                    byte[] random = new byte[24];
                    new SecureRandom().nextBytes(random);
                    hash = p.hasher().hash(Base64.getEncoder().encodeToString(random));
                    dummyHash = hash;
                }
            }
        }
        return hash;
    }

    /** Step 1: the password. */
    public Outcome signIn(String account, String userName, String password, RequestFacts facts) {
        if (!fits(account, 1, 63) || !fits(userName, 1, 64) || !fits(password, 1, 128)) {
            return new Failed(INCORRECT);
        }
        String dummy = dummyHash(); // before any lookup: whoever signs in first pays for it, known user or not
        Optional<Account> found = resolve(account.trim());
        SigninBackoff.Attempt attempt = SigninBackoff.attempt(found.map(Account::id).orElse(account.trim()),
                userName, facts.sourceIp());
        if (!p.backoff().take(attempt)) {
            return new Failed(INCORRECT, found.flatMap(a -> p.users().find(a.id(), userName))
                    .map(UserSignin::claimed).orElse(null), false);
        }
        Optional<User> user = found.flatMap(a -> p.users().find(a.id(), userName));
        LoginProfile profile = user.map(User::loginProfile).orElse(null);
        // The same hash work whether or not there is a profile to compare with: no timing difference.
        boolean matches = p.hasher().verify(password, profile != null ? profile.passwordHash() : dummy);
        if (!matches || profile == null) {
            return new Failed(INCORRECT, user.map(UserSignin::claimed).orElse(null), false);
        }
        p.backoff().giveBack(attempt);
        return afterPassword(user.get(), profile);
    }

    private Optional<Account> resolve(String account) {
        return Account.isValidId(account) ? p.accounts().find(account) : p.accounts().findByAlias(account);
    }

    private Outcome afterPassword(User user, LoginProfile profile) {
        PasswordPolicy policy = Optional.ofNullable(p.settings().get(user.accountId()).passwordPolicy())
                .orElse(PasswordPolicy.NONE);
        boolean expired = policy.maxPasswordAge() > 0 && !profile.passwordLastChanged()
                .plus(Duration.ofDays(policy.maxPasswordAge())).isAfter(p.clock().instant());
        if (expired && policy.hardExpiry()) {
            return new Failed(HARD_EXPIRED, claimed(user), false);
        }
        if (expired || profile.passwordResetRequired()) {
            // Asked now rather than after the user typed a new password: the same check ChangePassword makes.
            if (p.changePermission().refusal(caller(user, null, PENDING), user.arn(p.partition()), policy)
                    .isPresent()) {
                return new Failed(CHANGE_NOT_ALLOWED, claimed(user), false);
            }
            return new ChangePassword(hold(new Pending(user.accountId(), user.name(), user.userId(), Step.CHANGE,
                    null)), expired ? "Your password has expired. Choose a new password to sign in."
                    : "Your administrator requires you to choose a new password before you sign in.");
        }
        return afterChange(user);
    }

    private Outcome afterChange(User user) {
        Optional<VirtualMfaDevice> device = p.devices().list(user.accountId()).stream()
                .filter(d -> d.isAssignedTo(user)).findFirst();
        if (device.isPresent()) {
            return new Mfa(hold(new Pending(user.accountId(), user.name(), user.userId(), Step.MFA,
                    device.get().serialNumber())), null);
        }
        return open(user, null);
    }

    /**
     * Step 2: a new password, set through IAM's {@code ChangePassword} acting as the user (the password policy,
     * reuse prevention and the user's {@code iam:ChangePassword} permission apply as to an API call).
     */
    public Outcome changePassword(String pendingId, String oldPassword, String newPassword, String confirmation,
                                  RequestFacts facts) {
        Optional<Pending> pending = held(pendingId).filter(h -> h.step() == Step.CHANGE);
        if (pending.isEmpty()) {
            return new Failed(RESTART);
        }
        if (p.entries().increment(PREFIX + "tries/" + ConsoleSessions.hash(pendingId), 1, PENDING)
                > MAX_CHANGE_TRIES) {
            p.entries().remove(key(pendingId));
            return new Failed(RESTART);
        }
        if (newPassword == null || newPassword.isEmpty() || !newPassword.equals(confirmation)) {
            return new ChangePassword(pendingId, "The new password and its confirmation do not match.");
        }
        Optional<User> user = current(pending.get());
        if (user.isEmpty()) {
            return new Failed(INCORRECT);
        }
        Map<String, String> params = new LinkedHashMap<>();
        params.put("Action", "ChangePassword");
        params.put("Version", IAM);
        params.put("OldPassword", oldPassword == null ? "" : oldPassword);
        params.put("NewPassword", newPassword);
        Caller caller = caller(user.get(), null, PENDING).withFacts(facts);
        ActionInvoker.Answer answer = p.actions().invoke(params, caller);
        if (!answer.ok()) {
            var error = answer.parsed();
            return new ChangePassword(pendingId, error.text("Message").orElse(error.error()));
        }
        if (p.entries().take(key(pendingId)).isEmpty()) {
            return new Failed(RESTART);
        }
        return afterChange(user.get());
    }

    /** Step 3: the MFA code of the user's enabled device; spent once, throttled per device. */
    public Outcome mfa(String pendingId, String code) {
        Optional<Pending> pending = held(pendingId).filter(h -> h.step() == Step.MFA);
        if (pending.isEmpty()) {
            return new Failed(RESTART);
        }
        Optional<User> user = current(pending.get());
        Optional<VirtualMfaDevice> device = user.flatMap(u -> p.devices().find(pending.get().mfaSerial())
                .filter(d -> d.isAssignedTo(u)));
        Claimed claimed = new Claimed(pending.get().accountId(), pending.get().userName());
        if (device.isEmpty()) {
            return new Failed(INCORRECT, claimed, true);
        }
        return switch (p.totp().verify(device.get(), code)) {
            case ACCEPTED -> p.entries().take(key(pendingId)).isPresent()
                    ? open(user.get(), p.clock().instant()) : new Failed(RESTART, claimed, true);
            case WRONG, REPLAYED -> new Mfa(pendingId, "The MFA code is not valid. Enter the current code "
                    + "from your device.", claimed);
            case THROTTLED -> new Mfa(pendingId, "Too many invalid MFA codes for this device. Wait a few minutes "
                    + "and try again.", claimed);
        };
    }

    /** Opens the console session and records PasswordLastUsed. */
    private Outcome open(User user, Instant mfaAt) {
        SessionCredentials credentials = mint(user, mfaAt, SESSION);
        Instant now = p.clock().instant();
        p.users().update(user.accountId(), user.name(),
                u -> u.userId().equals(user.userId()) ? u.withPasswordLastUsed(now) : u);
        String cookie = p.sessions().open(credentials.sessionToken(), null, credentials.expiration());
        return new SignedIn(cookie, credentials.expiration());
    }

    private SessionCredentials mint(User user, Instant mfaAt, Duration duration) {
        String arn = user.arn(p.partition());
        SessionClaims.Builder claims = SessionClaims.builder()
                .principalType(PrincipalType.SESSION_USER)
                .principalArn(arn)
                .userId(user.userId())
                .accountId(user.accountId())
                .partition(p.partition().id())
                .source(arn, user.userId())
                .issuingAction(IssuingAction.ConsoleLogin);
        if (mfaAt != null) {
            claims.mfa(mfaAt);
        } else {
            claims.mfaPresent(false);
        }
        return p.minter().mint(claims, duration, user.accountId());
    }

    /** The user as a caller of IAM actions, through the same authentication as every console request. */
    private Caller caller(User user, Instant mfaAt, Duration duration) {
        return p.authenticator().authenticateHeldSession(mint(user, mfaAt, duration).sessionToken());
    }

    /** The user who proved the password, if it still exists as the same user (not a namesake). */
    private Optional<User> current(Pending pending) {
        return p.users().find(pending.accountId(), pending.userName())
                .filter(u -> u.userId().equals(pending.userId()) && u.loginProfile() != null);
    }

    private String hold(Pending pending) {
        ObjectNode node = JSON.createObjectNode();
        node.put("v", 1);
        node.put("account", pending.accountId());
        node.put("user", pending.userName());
        node.put("userId", pending.userId());
        node.put("step", pending.step().name());
        if (pending.mfaSerial() != null) {
            node.put("mfa", pending.mfaSerial());
        }
        String id = ConsoleSessions.randomId();
        if (!p.entries().putIfAbsent(key(id), node.toString(), PENDING)) {
            throw new IllegalStateException("pending sign-in id collision");
        }
        return id;
    }

    private Optional<Pending> held(String id) {
        if (id == null || id.length() != 43) {
            return Optional.empty();
        }
        return p.entries().get(key(id)).flatMap(json -> {
            try {
                JsonNode node = JSON.readTree(json);
                return Optional.of(new Pending(node.path("account").asText(), node.path("user").asText(),
                        node.path("userId").asText(), Step.valueOf(node.path("step").asText()),
                        node.hasNonNull("mfa") ? node.get("mfa").asText() : null));
            } catch (IOException | IllegalArgumentException e) {
                return Optional.empty();
            }
        });
    }

    private static Claimed claimed(User user) {
        return new Claimed(user.accountId(), user.name());
    }

    private static String key(String id) {
        return PREFIX + ConsoleSessions.hash(id);
    }

    private static boolean fits(String value, int min, int max) {
        return value != null && value.length() >= min && value.length() <= max;
    }
}
