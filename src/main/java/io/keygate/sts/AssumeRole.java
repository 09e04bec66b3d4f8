package io.keygate.sts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.keygate.auth.Authorizer;
import io.keygate.auth.Caller;
import io.keygate.credentials.IssuingAction;
import io.keygate.credentials.PrincipalType;
import io.keygate.credentials.SessionClaims;
import io.keygate.error.AccessDeniedException;
import io.keygate.error.AwsErrorCode;
import io.keygate.error.InvalidInputException;
import io.keygate.iam.Role;
import io.keygate.iam.RoleRepository;
import io.keygate.iam.StoredPolicy;
import io.keygate.protocol.query.QueryParams;
import io.keygate.protocol.query.ResultWriter;

/**
 * {@code AssumeRole}: temporary credentials for a role session, top to bottom: validate parameters → who may call
 * (not the root, not federated users) → session inputs (the session policy is compiled only now) → the role
 * (unknown and untrusting look the same: AccessDenied) → the trust policy and the caller's own policies through the
 * engine ({@code sts:AssumeRole}, plus {@code sts:TagSession} for tags and {@code sts:SetSourceIdentity} for a new
 * source identity) → the duration against the role's maximum → the MFA code, checked and spent last → mint. Nothing
 * that depends on the role is answered before the caller is authorized, so a role of another account cannot be
 * probed. Session policies only narrow: the session's permissions are the role's
 * policies ∩ the session policies, evaluated at request time.
 */
public final class AssumeRole extends StsAction {

    private static final Pattern SESSION_NAME = RoleSessions.SESSION_NAME;
    private static final Pattern EXTERNAL_ID = Pattern.compile("[\\w+=,.@:/-]*");
    private static final Pattern SERIAL_NUMBER = Pattern.compile("[\\w+=/:,.@-]*");
    private static final Pattern TOKEN_CODE = Pattern.compile("[\\d]*");
    private static final Pattern SOURCE_IDENTITY = RoleSessions.SOURCE_IDENTITY;
    /** The trust policy an unknown role is judged by: it allows nothing any request can ask for. */
    /** Names only a service principal no caller can be: IAM refuses trust actions other than sts:AssumeRole*. */
    private static final String TRUSTS_NOBODY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"nobody.keygate.invalid\"},\"Action\":\"sts:AssumeRole\"}]}";

    private final RoleRepository roles;
    private final CredentialMinter minter;
    private final SessionInputs inputs;
    private final MfaVerifier mfa;
    private final Authorizer authorizer;
    private final Clock clock;
    private final java.util.function.Consumer<Runnable> later;

    public AssumeRole(RoleRepository roles, CredentialMinter minter, SessionInputs inputs, MfaVerifier mfa,
                      Authorizer authorizer, Clock clock, java.util.function.Consumer<Runnable> later) {
        this.roles = roles;
        this.minter = minter;
        this.inputs = inputs;
        this.mfa = mfa;
        this.authorizer = authorizer;
        this.clock = clock;
        this.later = later;
    }

    /** No store write (MFA codes are the exception: checking one records it durably). */
    @Override
    public boolean nonBlocking(QueryParams params) {
        return !carriesMfaCode(params);
    }

    @Override
    public String name() {
        return "AssumeRole";
    }

    @Override
    public ResultWriter execute(QueryParams params, Caller caller) {
        String roleArn = params.string("RoleArn", true, 20, 2048, null);
        String sessionName = params.string("RoleSessionName", true, 2, 64, SESSION_NAME);
        Integer requested = params.integer("DurationSeconds", 900, 43_200, null);
        String externalId = params.string("ExternalId", false, 2, 1224, EXTERNAL_ID);
        String serial = params.string("SerialNumber", false, 9, 256, SERIAL_NUMBER);
        String tokenCode = params.string("TokenCode", false, 6, 6, TOKEN_CODE);
        String sourceIdentity = params.string("SourceIdentity", false, 2, 64, SOURCE_IDENTITY);
        if (sourceIdentity != null && sourceIdentity.toLowerCase(Locale.ROOT).startsWith("aws:")) {
            throw QueryParams.constraint("SourceIdentity", sourceIdentity, "Member must not start with 'aws:'");
        }
        if ((serial == null) != (tokenCode == null)) {
            throw new InvalidInputException(AwsErrorCode.MissingParameter,
                    "SerialNumber and TokenCode must be given together.");
        }
        SessionClaims parent = caller.session();
        // Who may call is decided before anything the caller sent is compiled (the session policy).
        if (caller.isRoot()) {
            throw new AccessDeniedException(AwsErrorCode.AccessDenied, "Roles may not be assumed by root accounts.");
        }
        if (parent != null && parent.issuingAction() == IssuingAction.GetFederationToken) {
            throw denied(caller, roleArn, "because federated users cannot call STS except GetCallerIdentity");
        }
        boolean chained = parent != null && parent.principalType() == PrincipalType.ASSUMED_ROLE;
        String inheritedSourceIdentity = parent == null ? null : parent.sourceIdentity();
        if (inheritedSourceIdentity != null && sourceIdentity != null && !inheritedSourceIdentity.equals(sourceIdentity)) {
            throw new InvalidInputException(AwsErrorCode.ValidationError,
                    "The source identity of a session cannot be changed once set: it is " + inheritedSourceIdentity);
        }
        // PolicyArns name managed policies of the role's account (the session lives there), not the caller's.
        SessionInputs.Inputs session = inputs.read(params, roleAccount(roleArn, caller), true);
        Map<String, String> tags = sessionTags(parent, session);

        Role role = RoleSessions.role(roles, roleArn, caller, () -> unknownRole(caller, roleArn));
        // A code presented now counts as MFA for the trust policy; it is checked (and spent) only once everything
        // else has passed, so that a refused call neither spends it nor tells a stranger anything about the role.
        boolean presentsCode = serial != null;
        boolean mfaPresent = presentsCode || parent != null && parent.mfaPresent();
        Instant mfaAt = presentsCode ? clock.instant() : mfaPresent ? parent.mfaAuthenticatedAt() : null;

        Authorizer.ResourcePolicy trust = RoleSessions.trustPolicy(role, caller);
        Map<String, List<String>> context = RoleSessions.trustContext(sessionName, sourceIdentity, session.tags(),
                session.transitiveTagKeys(), callerKeys(externalId, mfaPresent, mfaAt));
        String resolvedArn = role.arn(caller.partition());
        boolean setsTags = !session.tags().isEmpty() || !session.transitiveTagKeys().isEmpty();
        for (String action : RoleSessions.trustActions("sts:AssumeRole", setsTags,
                sourceIdentity != null && inheritedSourceIdentity == null)) {
            authorizer.authorize(caller, action, resolvedArn, context, trust);
        }

        int duration = RoleSessions.duration(requested, role, chained);
        if (presentsCode) {
            mfaAt = mfa.verify(caller, serial, tokenCode);
        }

        String effectiveSourceIdentity = inheritedSourceIdentity != null ? inheritedSourceIdentity : sourceIdentity;
        List<String> transitive = transitiveKeys(parent, session);
        String partition = caller.partition().id();
        String sessionArn = RoleSessions.sessionArn(caller, role, sessionName);
        String assumedRoleId = RoleSessions.assumedRoleId(role, sessionName);
        SessionClaims.Builder claims = SessionClaims.builder()
                .principalType(PrincipalType.ASSUMED_ROLE)
                .principalArn(sessionArn)
                .userId(assumedRoleId)
                .accountId(role.accountId())
                .partition(partition)
                .source(resolvedArn, role.roleId())
                .roleSessionName(sessionName)
                .sourceIdentity(effectiveSourceIdentity)
                .sessionTags(tags)
                .transitiveTagKeys(transitive)
                .sessionPolicy(session.policy())
                .sessionPolicyArns(session.policyArns())
                .chained(chained)
                .issuingAction(IssuingAction.AssumeRole);
        if (mfaPresent && mfaAt != null) {
            claims.mfa(mfaAt);
        } else {
            claims.mfaPresent(mfaPresent);
        }
        if (parent != null && parent.federatedProvider() != null) {
            claims.federated(parent.federatedProvider(), parent.federatedSubject())
                    .federatedClaims(parent.federatedClaims());
        }
        SessionCredentials credentials = minter.mint(claims, Duration.ofSeconds(duration), role.accountId());
        recordUse(role, caller.region());
        return xml -> {
            credentials.write(xml);
            xml.start("AssumedRoleUser").element("AssumedRoleId", assumedRoleId).element("Arn", sessionArn).end();
            xml.element("PackedPolicySize", session.packedPolicySize());
            xml.element("SourceIdentity", effectiveSourceIdentity);
        };
    }

    /**
     * The refusal for a role that does not exist, exactly as an existing role that does not trust the caller would
     * give it (code and message): the caller is authorized against a trust policy that grants nothing.
     */
    private AccessDeniedException unknownRole(Caller caller, String roleArn) {
        Matcher m = RoleSessions.ROLE_ARN.matcher(roleArn);
        if (m.matches()) {
            authorizer.authorize(caller, "sts:AssumeRole", roleArn, Map.of(), new Authorizer.ResourcePolicy(
                    new StoredPolicy("role/trust", StoredPolicy.Kind.TRUST, TRUSTS_NOBODY), m.group(2)));
        }
        return denied(caller, roleArn, null);
    }

    /** Transitive tags of the parent session, then the tags passed now; an inherited key cannot be passed again. */
    private static Map<String, String> sessionTags(SessionClaims parent, SessionInputs.Inputs session) {
        Map<String, String> tags = new LinkedHashMap<>();
        if (parent != null) {
            for (String key : parent.transitiveTagKeys()) {
                String value = parent.sessionTags().get(key);
                if (value != null) {
                    tags.put(key, value);
                }
            }
        }
        for (Map.Entry<String, String> tag : session.tags().entrySet()) {
            boolean inherited = tags.keySet().stream().anyMatch(k -> k.equalsIgnoreCase(tag.getKey()));
            if (inherited) {
                throw new InvalidInputException(AwsErrorCode.InvalidParameterValue,
                        "One or more tags are transitive tags of the calling session and cannot be set again: "
                                + tag.getKey());
            }
            tags.put(tag.getKey(), tag.getValue());
        }
        if (tags.size() > 50) {
            throw new InvalidInputException(AwsErrorCode.ValidationError,
                    "A session can have at most 50 tags, inherited transitive tags included.");
        }
        return tags;
    }

    private static List<String> transitiveKeys(SessionClaims parent, SessionInputs.Inputs session) {
        Set<String> keys = new LinkedHashSet<>();
        if (parent != null) {
            keys.addAll(parent.transitiveTagKeys());
        }
        keys.addAll(session.transitiveTagKeys());
        return new ArrayList<>(keys);
    }

    /** The account in the role ARN, or the caller's when the ARN is not a role ARN (refused later). */
    private static String roleAccount(String roleArn, Caller caller) {
        Matcher m = RoleSessions.ROLE_ARN.matcher(roleArn);
        return m.matches() ? m.group(2) : caller.accountId();
    }

    /** The caller-specific condition keys of the trust decision: {@code sts:ExternalId} and the MFA keys. */
    private Map<String, List<String>> callerKeys(String externalId, boolean mfaPresent, Instant mfaAt) {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        if (externalId != null) {
            keys.put("sts:ExternalId", List.of(externalId));
        }
        if (mfaAt != null) {
            keys.put("aws:MultiFactorAuthPresent", List.of(Boolean.toString(mfaPresent)));
            long age = Math.max(0, Duration.between(mfaAt, clock.instant()).toSeconds());
            keys.put("aws:MultiFactorAuthAge", List.of(Long.toString(age)));
        }
        return keys;
    }

    /** RoleLastUsed, written behind the answer and at most once a day per region: minting does no store write. */
    private void recordUse(Role role, String region) {
        Instant now = clock.instant();
        boolean stale = role.lastUsed() == null || !region.equals(role.lastUsedRegion())
                || !LocalDate.ofInstant(role.lastUsed(), ZoneOffset.UTC).equals(LocalDate.ofInstant(now, ZoneOffset.UTC));
        if (stale) {
            later.accept(() -> roles.update(role.accountId(), role.name(), r -> r.withLastUsed(now, region)));
        }
    }

    private static AccessDeniedException denied(Caller caller, String roleArn, String why) {
        return new AccessDeniedException(AwsErrorCode.AccessDenied, "User: " + caller.arn()
                + " is not authorized to perform: sts:AssumeRole on resource: " + roleArn
                + (why == null ? "" : " " + why));
    }
}
