package io.keygate.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import io.keygate.auth.Caller;
import io.keygate.auth.RequestFacts;

/**
 * Console sign-in events in CloudTrail's shape for AWS sign-in ({@code eventSource} {@code signin.amazonaws.com},
 * {@code eventType} {@code AwsConsoleSignIn}): {@code ConsoleLogin} for every sign-in to the console (IAM user
 * password and MFA, {@code /federation?Action=login}, {@code POST /saml}) and {@code GetSigninToken} for
 * {@code /federation?Action=getSigninToken}. The outcome is {@code responseElements}
 * {@code {"ConsoleLogin": "Success" | "Failure"}}, a failure carries {@code errorMessage} {@code "Failed
 * authentication"} and nothing more precise (as AWS: the event must not tell an attacker which part was wrong), and
 * {@code additionalEventData} holds {@code LoginTo}, {@code MobileVersion} and {@code MFAUsed}. No request
 * parameter is recorded: a sign-in's parameters are a password, an MFA code, a sign-in token, session credentials
 * or a SAML response.
 */
public final class SigninEvents {

    /** CloudTrail's source for AWS sign-in. */
    public static final String SOURCE = "signin.amazonaws.com";
    /** The sign-in to the console, whichever way. */
    public static final String CONSOLE_LOGIN = "ConsoleLogin";
    /** The federation endpoint's token for a session. */
    public static final String GET_SIGNIN_TOKEN = "GetSigninToken";
    /** AWS's one message for a failed sign-in. */
    public static final String FAILED = "Failed authentication";

    private SigninEvents() {
    }

    /**
     * One sign-in attempt.
     *
     * @param eventName   {@link #CONSOLE_LOGIN} or {@link #GET_SIGNIN_TOKEN}
     * @param success     whether it succeeded
     * @param who         the signed-in session, or null when the attempt failed (or named no known principal)
     * @param claimed     for a failure: who the attempt was for, when that is a known IAM user (account id and user
     *                    name), else null; an unknown name is never written (it may be a mistyped password)
     * @param mfaUsed     whether an MFA code was part of the attempt
     * @param loginTo     where the console session leads, or null
     * @param extra       further {@code additionalEventData} members (e.g. {@code SamlProviderArn}), or empty
     */
    public record Attempt(String eventName, boolean success, Caller who, Claimed claimed, boolean mfaUsed,
                          String loginTo, Map<String, String> extra, RequestFacts facts, String region,
                          String requestId, Instant at) {

        public Attempt {
            Objects.requireNonNull(eventName, "eventName");
            Objects.requireNonNull(facts, "facts");
            Objects.requireNonNull(at, "at");
            extra = extra == null ? Map.of() : Map.copyOf(extra);
        }
    }

    /** The IAM user a failed password or MFA step was for. */
    public record Claimed(String accountId, String userName) {
    }

    /** The CloudTrail event of {@code attempt}. */
    public static Map<String, Object> event(Attempt attempt) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("eventVersion", "1.08");
        e.put("userIdentity", identity(attempt));
        e.put("eventTime", attempt.at().truncatedTo(ChronoUnit.SECONDS).toString());
        e.put("eventSource", SOURCE);
        e.put("eventName", attempt.eventName());
        e.put("awsRegion", attempt.region() == null ? "us-east-1" : attempt.region());
        e.put("sourceIPAddress", attempt.facts().sourceIp());
        e.put("userAgent", attempt.facts().userAgent());
        if (!attempt.success()) {
            e.put("errorMessage", FAILED);
        }
        e.put("requestParameters", null);
        e.put("responseElements", Map.of(attempt.eventName(), attempt.success() ? "Success" : "Failure"));
        Map<String, Object> additional = new LinkedHashMap<>();
        if (attempt.loginTo() != null) {
            additional.put("LoginTo", attempt.loginTo());
        }
        additional.put("MobileVersion", "No");
        if (attempt.eventName().equals(CONSOLE_LOGIN)) {
            additional.put("MFAUsed", attempt.mfaUsed() ? "Yes" : "No");
        }
        additional.putAll(attempt.extra());
        e.put("additionalEventData", additional);
        e.put("requestID", attempt.requestId());
        e.put("eventID", UUID.randomUUID().toString());
        e.put("readOnly", false);
        e.put("eventType", "AwsConsoleSignIn");
        e.put("managementEvent", true);
        e.put("recipientAccountId", attempt.who() != null ? attempt.who().accountId()
                : attempt.claimed() != null ? attempt.claimed().accountId() : null);
        e.put("eventCategory", "Management");
        return e;
    }

    private static Object identity(Attempt attempt) {
        if (attempt.who() != null) {
            return AuditEvents.identity(attempt.who());
        }
        Map<String, Object> id = new LinkedHashMap<>();
        if (attempt.claimed() == null) {
            id.put("type", "Unknown");
            return id;
        }
        id.put("type", "IAMUser");
        id.put("accountId", attempt.claimed().accountId());
        id.put("userName", attempt.claimed().userName());
        return id;
    }
}
