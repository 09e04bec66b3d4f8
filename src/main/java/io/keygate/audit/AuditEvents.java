package io.keygate.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.keygate.auth.Caller;
import io.keygate.credentials.SessionClaims;

/**
 * Builds audit events in CloudTrail's shape (event version 1.08): {@code userIdentity} with {@code sessionContext}
 * and {@code sourceIdentity}, {@code eventSource}, {@code eventName}, {@code requestParameters} and
 * {@code responseElements} with every secret replaced by {@link AuditLog#HIDDEN}, {@code errorCode},
 * {@code errorMessage}, {@code recipientAccountId}, {@code readOnly}.
 */
public final class AuditEvents {

    /** Parameter and element names whose values are secrets or bearer material: never written. */
    private static final Pattern SECRET = Pattern.compile(
            "(?i)(?!subjectfromwebidentitytoken).*(password|secret|token|privatekey|seed|qrcodepng|samlassertion"
                    + "|authenticationcode|session$|signature|signedrequest).*");
    /**
     * The names seen so far, each with its {@link #SECRET} verdict and CloudTrail spelling: the parameter and element
     * names of a call come from a small set (the model's), and matching each against the pattern again cost more
     * than the rest of the event. Bounded: emptied when full (names a client made up only fill it faster).
     */
    private static final java.util.concurrent.ConcurrentMap<String, Name> NAMES =
            new java.util.concurrent.ConcurrentHashMap<>();
    private static final int MAX_NAMES = 4096;

    private record Name(boolean secret, String lowerFirst) {
    }

    /** Longer parameter values (metadata documents of megabytes) are cut to this many characters. */
    static final int MAX_VALUE = 4096;
    private static final Pattern ROLE_ACCOUNT = Pattern.compile("arn:[a-z-]+:iam::(\\d{12}):");

    private AuditEvents() {
    }

    /**
     * What one call was.
     *
     * @param requestParameters  the parameters: strings (Query, {@code /api/v1}), or nested maps and lists (JSON
     *                           1.1, already named as CloudTrail names them, see {@link JsonElements}); or null
     * @param recipientAccountId the account the call concerns when the caller does not say (an unsigned call to an
     *                           identity pool: the pool's account), or null
     */
    public record Call(String eventSource, String eventName, String region, String requestId,
                       Map<String, ?> requestParameters, Map<String, Object> responseElements, String errorCode,
                       String errorMessage, Instant at, String recipientAccountId) {

        public Call(String eventSource, String eventName, String region, String requestId,
                    Map<String, ?> requestParameters, Map<String, Object> responseElements, String errorCode,
                    String errorMessage, Instant at) {
            this(eventSource, eventName, region, requestId, requestParameters, responseElements, errorCode,
                    errorMessage, at, null);
        }
    }

    /**
     * Whether the call changes nothing stored (CloudTrail's {@code readOnly}): every STS call (credentials are
     * minted, nothing is stored), and the reading calls of the other services.
     */
    public static boolean readOnly(String eventSource, String eventName) {
        return eventSource.startsWith("sts.") || eventName.startsWith("Get") || eventName.startsWith("List") || eventName.startsWith("Describe")
                || eventName.startsWith("Simulate") || eventName.startsWith("Lookup") || eventName.equals("Authorize")
                || eventName.startsWith("Decode") || eventName.startsWith("Explain");
    }

    /** The {@code <action>Result} of a Query answer, as written, as {@code responseElements} (null when empty). */
    public static Map<String, Object> responseElements(io.keygate.protocol.query.XmlWriter.Tree result) {
        return XmlElements.of(result);
    }

    /** The event of {@code call} made by {@code caller} (null when the caller could not be authenticated). */
    public static Map<String, Object> event(Caller caller, Call call) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("eventVersion", "1.08");
        e.put("userIdentity", identity(caller));
        e.put("eventTime", call.at().truncatedTo(ChronoUnit.SECONDS).toString());
        e.put("eventSource", call.eventSource());
        e.put("eventName", call.eventName());
        e.put("awsRegion", call.region() != null ? call.region() : caller != null && caller.region() != null
                ? caller.region() : "us-east-1");
        e.put("sourceIPAddress", caller == null ? null : caller.facts().sourceIp());
        e.put("userAgent", caller == null ? null : caller.facts().userAgent());
        if (call.errorCode() != null) {
            e.put("errorCode", call.errorCode());
            e.put("errorMessage", call.errorMessage());
        }
        // Query requests name the action in the parameters; it is the event's name, not a parameter
        e.put("requestParameters", redact(call.requestParameters(), call.eventSource().startsWith("sts.")
                || call.eventSource().startsWith("iam.")));
        e.put("responseElements", call.errorCode() != null || call.responseElements() == null ? null
                : redactTree(call.responseElements()));
        e.put("requestID", call.requestId());
        e.put("eventID", UUID.randomUUID().toString());
        e.put("readOnly", readOnly(call.eventSource(), call.eventName()));
        e.put("eventType", "AwsApiCall");
        e.put("managementEvent", true);
        e.put("recipientAccountId", recipient(caller, call));
        return e;
    }

    private static String recipient(Caller caller, Call call) {
        if (caller != null && !caller.accountId().isEmpty()) {
            return caller.accountId();
        }
        if (call.recipientAccountId() != null) {
            return call.recipientAccountId();
        }
        // unsigned federation calls: the account of the role asked for
        String role = call.requestParameters() == null || !(call.requestParameters().get("RoleArn") instanceof String r)
                ? null : r;
        Matcher m = role == null ? null : ROLE_ACCOUNT.matcher(role);
        return m != null && m.find() ? m.group(1) : null;
    }

    static Map<String, Object> identity(Caller caller) {
        Map<String, Object> id = new LinkedHashMap<>();
        if (caller == null) {
            id.put("type", "Unknown");
            return id;
        }
        SessionClaims session = caller.session();
        String type = switch (caller.type()) {
            case Account -> "Root";
            case User -> "IAMUser";
            case AssumedRole -> session != null && session.federatedProvider() != null
                    ? (session.federatedProvider().contains(":saml-provider/") ? "SAMLUser" : "WebIdentityUser")
                    : "AssumedRole";
            case FederatedUser -> "FederatedUser";
            case WebIdentity -> "WebIdentityUser";
            case Anonymous -> "Unknown";
        };
        id.put("type", type);
        if (caller.type() == Caller.PrincipalType.Anonymous) {
            return id;
        }
        id.put("principalId", caller.userId());
        id.put("arn", caller.arn());
        id.put("accountId", caller.accountId());
        if (!caller.accessKeyId().isEmpty()) {
            id.put("accessKeyId", caller.accessKeyId());
        }
        if (caller.userName() != null) {
            id.put("userName", caller.userName());
        }
        if (session != null) {
            Map<String, Object> context = new LinkedHashMap<>();
            if (session.sourceArn() != null && caller.type() != Caller.PrincipalType.User
                    && caller.type() != Caller.PrincipalType.Account) {
                Map<String, Object> issuer = new LinkedHashMap<>();
                issuer.put("type", session.sourceArn().contains(":role/") ? "Role"
                        : session.sourceArn().endsWith(":root") ? "Root" : "IAMUser");
                issuer.put("principalId", session.sourceUniqueId());
                issuer.put("arn", session.sourceArn());
                issuer.put("accountId", session.accountId());
                issuer.put("userName", session.sourceArn().substring(session.sourceArn().lastIndexOf('/') + 1));
                context.put("sessionIssuer", issuer);
            }
            if (session.federatedProvider() != null) {
                context.put("webIdFederationData", Map.of("federatedProvider", session.federatedProvider()));
            }
            context.put("attributes", Map.of("creationDate", session.issuedAt().toString(),
                    "mfaAuthenticated", Boolean.toString(session.mfaPresent())));
            if (session.sourceIdentity() != null) {
                context.put("sourceIdentity", session.sourceIdentity());
                id.put("sourceIdentity", session.sourceIdentity());
            }
            id.put("sessionContext", context);
        }
        return id;
    }

    /**
     * Request parameters as CloudTrail names them (first letter lower-case; Query list members keep their dotted
     * position), secrets hidden; the Query protocol's {@code Action} and {@code Version} are the event's name, not
     * parameters.
     */
    static Map<String, Object> redact(Map<String, ?> params, boolean queryProtocol) {
        if (params == null) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        params.forEach((k, v) -> {
            if (queryProtocol && (k.equals("Action") || k.equals("Version"))) {
                return;
            }
            Name name = name(k);
            out.put(name.lowerFirst(), name.secret() && !(v instanceof Map) && !(v instanceof List)
                    ? AuditLog.HIDDEN : v instanceof String text ? cut(text) : redactTree(v));
        });
        return out.isEmpty() ? null : out;
    }

    @SuppressWarnings("unchecked")
    static Object redactTree(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            ((Map<String, Object>) map).forEach((k, v) -> out.put(k,
                    name(k).secret() && !(v instanceof Map) && !(v instanceof List) ? AuditLog.HIDDEN
                            : redactTree(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(AuditEvents::redactTree).toList();
        }
        return value;
    }

    private static String cut(String value) {
        return value == null || value.length() <= MAX_VALUE ? value
                : value.substring(0, MAX_VALUE) + "…(" + value.length() + " characters)";
    }

    /** {@code name} with its first letter lower-cased, as CloudTrail names parameters and elements. */
    static String lowerFirst(String name) {
        return name(name).lowerFirst();
    }

    /** Whether values named {@code name} are secrets never written (parameter or element, any case). */
    static boolean secret(String name) {
        return name(name).secret();
    }

    private static Name name(String name) {
        Name known = NAMES.get(name);
        if (known != null) {
            return known;
        }
        Name made = new Name(SECRET.matcher(name).matches(),
                name.isEmpty() ? name : name.substring(0, 1).toLowerCase(Locale.ROOT) + name.substring(1));
        if (NAMES.size() >= MAX_NAMES) {
            NAMES.clear();
        }
        NAMES.put(name, made);
        return made;
    }
}
