package io.keygate.revocation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import io.keygate.auth.Authorizer;
import io.keygate.auth.Caller;
import io.keygate.credentials.AccessKeyIds;
import io.keygate.error.AwsErrorCode;
import io.keygate.error.EntityException;
import io.keygate.error.InvalidInputException;
import io.keygate.iam.Role;
import io.keygate.iam.RoleRepository;
import io.keygate.protocol.api.ApiEndpoint;
import io.keygate.protocol.api.ApiResult;
import io.keygate.protocol.api.JsonFields;

/**
 * {@code POST /api/v1/revocations}: revokes temporary credentials of the caller's account, effective on every node
 * from the answer on. Body: exactly one of {@code {"AccessKeyId"}}, {@code {"SourceIdentity"}},
 * {@code {"RoleArn", "IssuedBefore"?}} (default: now, including sessions issued in the current second) or {@code {"Provider", "Subject"}}. Needs
 * {@code keygate:RevokeSessions} (resource: the role ARN for role revocations, else {@code *}).
 *
 * <p>A {@code RoleArn} is resolved to the stored role (its name is matched without regard to case, as IAM names
 * are; the path written must be the role's or none), and the revocation is keyed by the role's ARN exactly as
 * sessions carry it, so that it cannot silently miss; an ARN that names no role is {@code NoSuchEntity}. Concurrent
 * revocations of one role merge with compare-and-set: the later {@code IssuedBefore} wins, never the earlier.
 */
public final class RevokeSessions implements ApiEndpoint<Caller> {

    private static final Set<String> MEMBERS = Set.of("AccessKeyId", "SourceIdentity", "RoleArn", "IssuedBefore",
            "Provider", "Subject");
    private static final Pattern ACCESS_KEY_ID = Pattern.compile("ASIA[A-Z2-7]{16}");
    private static final Pattern SOURCE_IDENTITY = Pattern.compile("[\\w+=,.@-]{2,64}");
    private static final Pattern ROLE_ARN = Pattern.compile("arn:[a-z-]+:iam::(\\d{12}):role/[\\x21-\\x7e]{1,576}");
    /** Clock skew tolerated for an IssuedBefore a little ahead of this node's clock. */
    private static final Duration FUTURE_SKEW = Duration.ofMinutes(5);

    private final RevocationRepository revocations;
    private final RoleRepository roles;
    private final Authorizer authorizer;
    private final Clock clock;

    public RevokeSessions(RevocationRepository revocations, RoleRepository roles, Authorizer authorizer, Clock clock) {
        this.revocations = revocations;
        this.roles = roles;
        this.authorizer = authorizer;
        this.clock = clock;
    }

    @Override
    public String method() {
        return "POST";
    }

    @Override
    public String path() {
        return "/api/v1/revocations";
    }

    @Override
    public ApiResult handle(JsonNode body, Caller caller) {
        JsonFields.object(body, MEMBERS);
        String accessKeyId = JsonFields.string(body, "AccessKeyId", 128);
        String sourceIdentity = JsonFields.string(body, "SourceIdentity", 64);
        String roleArn = JsonFields.string(body, "RoleArn", 2048);
        Instant issuedBefore = JsonFields.instant(body, "IssuedBefore");
        String provider = JsonFields.string(body, "Provider", 2048);
        String subject = JsonFields.string(body, "Subject", 2048);
        int shapes = (accessKeyId != null ? 1 : 0) + (sourceIdentity != null ? 1 : 0) + (roleArn != null ? 1 : 0)
                + (provider != null || subject != null ? 1 : 0);
        if (shapes != 1 || issuedBefore != null && roleArn == null) {
            throw invalid("Give exactly one of AccessKeyId, SourceIdentity, RoleArn (with optional IssuedBefore) "
                    + "or Provider with Subject.");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        String account = caller.accountId();
        Revocation revocation;
        if (accessKeyId != null) {
            if (!ACCESS_KEY_ID.matcher(accessKeyId).matches()) {
                throw invalid("AccessKeyId must be a temporary access key id (ASIA…).");
            }
            if (!AccessKeyIds.accountOf(accessKeyId).map(account::equals).orElse(false)) {
                throw invalid("The access key " + accessKeyId + " does not belong to account " + account + ".");
            }
            authorizer.authorize(caller, "keygate:RevokeSessions", "*");
            revocation = new Revocation(Revocation.keyForAccessKey(accessKeyId), Revocation.Kind.AccessKeyId, account,
                    accessKeyId, null, null, null, null, null, now, now.plus(Revocation.LONGEST_SESSION), caller.arn());
        } else if (sourceIdentity != null) {
            if (!SOURCE_IDENTITY.matcher(sourceIdentity).matches()) {
                throw invalid("SourceIdentity must be 2 to 64 characters of [\\w+=,.@-].");
            }
            authorizer.authorize(caller, "keygate:RevokeSessions", "*");
            revocation = new Revocation(Revocation.keyForSourceIdentity(account, sourceIdentity),
                    Revocation.Kind.SourceIdentity, account, null, sourceIdentity, null, null, null, null, now,
                    now.plus(Revocation.LONGEST_ROLE_SESSION), caller.arn());
        } else if (roleArn != null) {
            var m = ROLE_ARN.matcher(roleArn);
            if (!m.matches() || !roleArn.startsWith("arn:" + caller.partition().id() + ":")) {
                throw invalid("RoleArn must be a role ARN of partition " + caller.partition().id() + ".");
            }
            if (!m.group(1).equals(account)) {
                throw invalid("The role " + roleArn + " does not belong to account " + account + ".");
            }
            // Session issue times are whole seconds: "before now" must include sessions issued in this second.
            Instant before = issuedBefore == null ? now.plusSeconds(1) : issuedBefore;
            if (before.isAfter(now.plus(FUTURE_SKEW))) {
                throw invalid("IssuedBefore cannot be in the future.");
            }
            authorizer.authorize(caller, "keygate:RevokeSessions", roleArn);
            String resolved = resolve(account, roleArn, caller);
            if (!resolved.equals(roleArn)) {
                authorizer.authorize(caller, "keygate:RevokeSessions", resolved);
            }
            revocation = new Revocation(Revocation.keyForRole(resolved), Revocation.Kind.RoleArn, account, null, null,
                    resolved, before, null, null, now, before.plus(Revocation.LONGEST_ROLE_SESSION), caller.arn());
            return ApiResult.created(RevocationView.of(revocations.merge(revocation, RevokeSessions::later)));
        } else {
            if (provider == null || subject == null) {
                throw invalid("Provider and Subject go together.");
            }
            authorizer.authorize(caller, "keygate:RevokeSessions", "*");
            revocation = new Revocation(Revocation.keyForSubject(account, provider, subject), Revocation.Kind.Subject,
                    account, null, null, null, null, provider, subject, now, now.plus(Revocation.LONGEST_ROLE_SESSION),
                    caller.arn());
        }
        revocations.put(revocation);
        return ApiResult.created(RevocationView.of(revocation));
    }

    /** The ARN of the role {@code roleArn} names, with the path and case as stored. */
    private String resolve(String account, String roleArn, Caller caller) {
        String rest = roleArn.substring(roleArn.indexOf(":role/") + ":role".length());
        int last = rest.lastIndexOf('/');
        String path = rest.substring(0, last + 1);
        String name = rest.substring(last + 1);
        return roles.find(account, name)
                .filter(role -> path.equals("/") || path.equals(role.path()))
                .map(role -> role.arn(caller.partition()))
                .orElseThrow(() -> new EntityException(AwsErrorCode.NoSuchEntity,
                        "The role with name " + name + " cannot be found."));
    }

    /** Of two revocations of one role, the one that reaches later (it also lives longer: expiry follows it). */
    static Revocation later(Revocation stored, Revocation proposed) {
        return proposed.issuedBefore().isAfter(stored.issuedBefore()) ? proposed : stored;
    }

    private static InvalidInputException invalid(String message) {
        return new InvalidInputException(AwsErrorCode.ValidationError, message);
    }
}
