package io.keygate.sts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.keygate.auth.Authorizer;
import io.keygate.auth.Caller;
import io.keygate.error.AccessDeniedException;
import io.keygate.error.AwsErrorCode;
import io.keygate.error.InvalidInputException;
import io.keygate.iam.Role;
import io.keygate.iam.RoleRepository;
import io.keygate.iam.StoredPolicy;
import io.keygate.protocol.query.QueryParams;

/**
 * The rules every role session follows, whoever asks for it — AssumeRole (a signed caller), AssumeRoleWithSAML and
 * AssumeRoleWithWebIdentity (a verified external identity, through {@link FederatedSessions}): which role an ARN
 * names, how long the session may live, which condition keys the trust policy sees, which trust actions must be
 * allowed, and the session's ARN and {@code aws:userid}. One implementation, so the actions cannot drift apart.
 *
 * <p>Stateless; all methods are static.
 */
final class RoleSessions {

    static final Pattern ROLE_ARN =
            Pattern.compile("arn:([a-z-]+):iam::(\\d{12}):role(/|/[\\x21-\\x7e]*/)([\\w+=,.@-]{1,64})");
    static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]*");
    static final Pattern SOURCE_IDENTITY = Pattern.compile("[\\w+=,.@-]*");
    /** Role chaining caps sessions at one hour, as AWS. */
    static final int CHAINED_MAX = 3600;
    /** The default session length when the request names none. */
    static final int DEFAULT_DURATION = 3600;

    private RoleSessions() {
    }

    /**
     * The role {@code roleArn} names in the caller's partition. Unknown roles are refused exactly like untrusting
     * ones ({@code denied}), so that role names do not leak.
     *
     * @throws InvalidInputException ValidationError when {@code roleArn} is not a role ARN
     */
    static Role role(RoleRepository roles, String roleArn, Caller caller, Supplier<AccessDeniedException> denied) {
        Matcher m = ROLE_ARN.matcher(roleArn);
        if (!m.matches()) {
            throw QueryParams.constraint("RoleArn", roleArn, "Member must be a valid role ARN");
        }
        Optional<Role> role = m.group(1).equals(caller.partition().id())
                ? roles.find(m.group(2), m.group(4)).filter(r -> r.path().equals(m.group(3)))
                : Optional.empty();
        return role.orElseThrow(denied);
    }

    /**
     * The session length in seconds: {@code requested}, or one hour (at most the role's maximum) when absent;
     * more than the role's {@code MaxSessionDuration}, or more than an hour for a chained session, is a
     * ValidationError, as AWS words it.
     */
    static int duration(Integer requested, Role role, boolean chained) {
        int max = chained ? Math.min(CHAINED_MAX, role.maxSessionDuration()) : role.maxSessionDuration();
        if (requested == null) {
            return Math.min(DEFAULT_DURATION, max);
        }
        if (chained && requested > CHAINED_MAX) {
            throw new InvalidInputException(AwsErrorCode.ValidationError,
                    "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.");
        }
        if (requested > role.maxSessionDuration()) {
            throw new InvalidInputException(AwsErrorCode.ValidationError,
                    "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
        }
        return requested;
    }

    /**
     * Checks a new source identity: 2–64 characters of {@code [\w+=,.@-]}, not starting with {@code aws:}.
     *
     * @param field the parameter or attribute name used in the message
     * @return {@code sourceIdentity} (may be null: none)
     */
    static String sourceIdentity(String sourceIdentity, String field) {
        if (sourceIdentity == null) {
            return null;
        }
        if (sourceIdentity.length() < 2 || sourceIdentity.length() > 64
                || !SOURCE_IDENTITY.matcher(sourceIdentity).matches()) {
            throw QueryParams.constraint(field, sourceIdentity,
                    "Member must have length between 2 and 64 and satisfy regular expression pattern: "
                            + SOURCE_IDENTITY.pattern());
        }
        if (sourceIdentity.toLowerCase(Locale.ROOT).startsWith("aws:")) {
            throw QueryParams.constraint(field, sourceIdentity, "Member must not start with 'aws:'");
        }
        return sourceIdentity;
    }

    /**
     * The condition keys a trust policy can test for one assume request: {@code sts:RoleSessionName},
     * {@code sts:SourceIdentity}, {@code sts:TransitiveTagKeys}, {@code aws:RequestTag/*} and {@code aws:TagKeys}
     * for the tags being set, then {@code extra} (ExternalId and MFA keys for AssumeRole, the provider's keys such
     * as {@code saml:aud} for federated requests).
     *
     * @param tags the tags being set by this request (not inherited ones)
     */
    static Map<String, List<String>> trustContext(String sessionName, String sourceIdentity, Map<String, String> tags,
                                                  List<String> transitiveTagKeys, Map<String, List<String>> extra) {
        Map<String, List<String>> context = new LinkedHashMap<>();
        if (sessionName != null) {
            context.put("sts:RoleSessionName", List.of(sessionName));
        }
        if (sourceIdentity != null) {
            context.put("sts:SourceIdentity", List.of(sourceIdentity));
        }
        if (!transitiveTagKeys.isEmpty()) {
            context.put("sts:TransitiveTagKeys", transitiveTagKeys);
        }
        if (!tags.isEmpty()) {
            tags.forEach((k, v) -> context.put("aws:RequestTag/" + k, List.of(v)));
            context.put("aws:TagKeys", List.copyOf(tags.keySet()));
        }
        context.putAll(extra);
        return context;
    }

    /** The role's trust policy as the resource policy of an assume request. */
    static Authorizer.ResourcePolicy trustPolicy(Role role, Caller caller) {
        return new Authorizer.ResourcePolicy(new StoredPolicy(role.arn(caller.partition()) + "/trust",
                StoredPolicy.Kind.TRUST, role.assumeRolePolicyDocument()), role.accountId());
    }

    /**
     * The trust actions an assume request needs: {@code assumeAction} ({@code sts:AssumeRole},
     * {@code sts:AssumeRoleWithSAML}, {@code sts:AssumeRoleWithWebIdentity}), plus {@code sts:TagSession} when it
     * sets tags or transitive keys, plus {@code sts:SetSourceIdentity} when it sets a new source identity.
     */
    static List<String> trustActions(String assumeAction, boolean setsTags, boolean setsSourceIdentity) {
        if (setsTags && setsSourceIdentity) {
            return List.of(assumeAction, "sts:TagSession", "sts:SetSourceIdentity");
        }
        if (setsTags) {
            return List.of(assumeAction, "sts:TagSession");
        }
        return setsSourceIdentity ? List.of(assumeAction, "sts:SetSourceIdentity") : List.of(assumeAction);
    }

    /** {@code arn:<partition>:sts::<account>:assumed-role/<role name>/<session name>} (the role path dropped). */
    static String sessionArn(Caller caller, Role role, String sessionName) {
        return "arn:" + caller.partition().id() + ":sts::" + role.accountId() + ":assumed-role/" + role.name() + "/"
                + sessionName;
    }

    /** {@code aws:userid} of a role session: {@code <role id>:<session name>}. */
    static String assumedRoleId(Role role, String sessionName) {
        return role.roleId() + ":" + sessionName;
    }
}
