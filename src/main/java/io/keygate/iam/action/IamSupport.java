package io.keygate.iam.action;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import io.keygate.auth.Caller;
import io.keygate.error.AwsErrorCode;
import io.keygate.error.EntityException;
import io.keygate.error.InvalidInputException;
import io.keygate.iam.AwsManagedPolicies;
import io.keygate.iam.Group;
import io.keygate.iam.ManagedPolicy;
import io.keygate.iam.Role;
import io.keygate.iam.User;
import io.keygate.policy.Policies;
import io.keygate.policy.PolicyType;
import io.keygate.protocol.query.Page;
import io.keygate.protocol.query.QueryParams;
import io.keygate.protocol.query.ResultWriter;
import io.keygate.protocol.query.XmlWriter;

/**
 * What the IAM action families share: parameter shapes from the IAM API model, entity look-ups that answer
 * {@code NoSuchEntity} in AWS's words, authorization against the entity's ARN, policy document checks and the XML
 * shapes of the entities.
 */
abstract class IamSupport {

    static final Pattern USER_NAME = Pattern.compile("[\\w+=,.@-]+");
    static final Pattern PATH = Pattern.compile("(\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)");
    static final Pattern PATH_PREFIX = Pattern.compile("\\u002F[\\u0021-\\u007F]*");
    static final Pattern POLICY_DOCUMENT = Pattern.compile("[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+");
    static final Pattern TAG_KEY = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+");
    static final Pattern TAG_VALUE = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");
    static final Pattern DESCRIPTION = Pattern.compile("[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u00A1-\\u00FF]*");

    protected final IamContext iam;

    IamSupport(IamContext iam) {
        this.iam = iam;
    }

    // ---------------------------------------------------------------- parameters

    static String userName(QueryParams p, String name, boolean required) {
        return p.string(name, required, 1, 64, USER_NAME);
    }

    static String groupName(QueryParams p, String name) {
        return p.string(name, true, 1, 128, USER_NAME);
    }

    static String roleName(QueryParams p, String name) {
        return p.string(name, true, 1, 64, USER_NAME);
    }

    static String policyName(QueryParams p) {
        return p.string("PolicyName", true, 1, 128, USER_NAME);
    }

    static String path(QueryParams p, String name) {
        String path = p.string(name, false, 1, 512, PATH);
        return path == null ? "/" : path;
    }

    static String pathPrefix(QueryParams p) {
        String prefix = p.string("PathPrefix", false, 1, 512, PATH_PREFIX);
        return prefix == null ? "/" : prefix;
    }

    static String policyArn(QueryParams p, String name) {
        return p.string(name, true, 20, 2048, null);
    }

    static String document(QueryParams p, String name) {
        return p.string(name, true, 1, 131_072, POLICY_DOCUMENT);
    }

    /** Parses and validates a policy document being written (MalformedPolicyDocument in AWS's words). */
    static void validate(String document, PolicyType type) {
        Policies.parseNew(document, type);
    }

    /** {@code Tags.member.N.Key/Value}, at most {@code max}, keys unique case-insensitively. */
    static Map<String, String> tags(QueryParams p, int max) {
        List<Map<String, String>> members = p.structList("Tags", max);
        Map<String, String> tags = new LinkedHashMap<>();
        for (Map<String, String> m : members) {
            String key = m.get("Key");
            String value = m.getOrDefault("Value", "");
            if (key == null) {
                throw new InvalidInputException(AwsErrorCode.MissingParameter,
                        "The request must contain the parameter Tags.member.N.Key");
            }
            check("tags.member.key", key, 1, 128, TAG_KEY);
            check("tags.member.value", value, 0, 256, TAG_VALUE);
            if (key.toLowerCase(Locale.ROOT).startsWith("aws:")) {
                throw new InvalidInputException(AwsErrorCode.InvalidInput,
                        "User-defined tag keys can't start with \"aws:\". This prefix is reserved for AWS system usage.");
            }
            if (tags.keySet().stream().anyMatch(k -> k.equalsIgnoreCase(key))) {
                throw new InvalidInputException(AwsErrorCode.InvalidInput,
                        "Duplicate tag keys found. Please note that Tag keys are case insensitive.");
            }
            tags.put(key, value);
        }
        return tags;
    }

    static void check(String member, String value, int min, int max, Pattern pattern) {
        if (value.length() < min) {
            throw QueryParams.constraint(member, value, "Member must have length greater than or equal to " + min);
        }
        if (value.length() > max) {
            throw QueryParams.constraint(member, value, "Member must have length less than or equal to " + max);
        }
        if (!pattern.matcher(value).matches()) {
            throw QueryParams.constraint(member, value,
                    "Member must satisfy regular expression pattern: " + pattern.pattern());
        }
    }

    void checkTagQuota(Map<String, String> after) {
        if (after.size() > iam.quotas().tagsPerEntity()) {
            throw limit("Cannot exceed quota for TagsPerEntity: " + iam.quotas().tagsPerEntity());
        }
    }

    // ---------------------------------------------------------------- ARNs and authorization

    String arnPrefix(Caller caller) {
        return "arn:" + iam.partition().id() + ":iam::" + caller.accountId() + ":";
    }

    void authorize(Caller caller, String action, String resource) {
        iam.authorizer().authorize(caller, "iam:" + action, resource);
    }

    void authorize(Caller caller, String action, String resource, Map<String, List<String>> context) {
        iam.authorizer().authorize(caller, "iam:" + action, resource, context);
    }

    /** The user ARN to authorize against: the stored user's, or {@code user/<name>} when there is none. */
    String userArn(Caller caller, String name, Optional<User> user) {
        return user.map(u -> u.arn(iam.partition())).orElse(arnPrefix(caller) + "user/" + name);
    }

    String groupArn(Caller caller, String name, Optional<Group> group) {
        return group.map(g -> g.arn(iam.partition())).orElse(arnPrefix(caller) + "group/" + name);
    }

    String roleArn(Caller caller, String name, Optional<Role> role) {
        return role.map(r -> r.arn(iam.partition())).orElse(arnPrefix(caller) + "role/" + name);
    }

    /** Finds the user after authorizing {@code action} on it; NoSuchEntity when absent. */
    User user(Caller caller, String action, String name) {
        return user(caller, action, name, Map.of());
    }

    User user(Caller caller, String action, String name, Map<String, List<String>> context) {
        Optional<User> user = iam.users().find(caller.accountId(), name);
        authorize(caller, action, userArn(caller, name, user), context);
        return user.orElseThrow(() -> noSuchUser(name));
    }

    Group group(Caller caller, String action, String name) {
        return group(caller, action, name, Map.of());
    }

    Group group(Caller caller, String action, String name, Map<String, List<String>> context) {
        Optional<Group> group = iam.groups().find(caller.accountId(), name);
        authorize(caller, action, groupArn(caller, name, group), context);
        return group.orElseThrow(() -> noSuchGroup(name));
    }

    Role role(Caller caller, String action, String name) {
        return role(caller, action, name, Map.of());
    }

    Role role(Caller caller, String action, String name, Map<String, List<String>> context) {
        Optional<Role> role = iam.roles().find(caller.accountId(), name);
        authorize(caller, action, roleArn(caller, name, role), context);
        return role.orElseThrow(() -> noSuchRole(name));
    }

    /**
     * The managed policy an ARN names: an AWS managed policy ({@code :aws:policy/}) or a customer managed policy of
     * the caller's account with exactly that path.
     */
    Optional<ManagedPolicy> managedPolicy(Caller caller, String arn) {
        String prefix = "arn:" + iam.partition().id() + ":iam::";
        if (!arn.startsWith(prefix)) {
            return Optional.empty();
        }
        String rest = arn.substring(prefix.length());
        int colon = rest.indexOf(':');
        if (colon < 0 || !rest.startsWith("policy/", colon + 1)) {
            return Optional.empty();
        }
        String account = rest.substring(0, colon);
        String pathAndName = rest.substring(colon + 1 + "policy".length());
        String name = pathAndName.substring(pathAndName.lastIndexOf('/') + 1);
        Optional<ManagedPolicy> found = ManagedPolicy.AWS.equals(account) ? AwsManagedPolicies.find(name)
                : account.equals(caller.accountId()) ? iam.policies().find(account, name) : Optional.empty();
        return found.filter(p -> p.arn(iam.partition()).equals(arn));
    }

    static void validateArn(String arn, String member) {
        if (!arn.startsWith("arn:") || arn.split(":", 6).length < 6) {
            throw new InvalidInputException(AwsErrorCode.InvalidInput, "ARN " + echo(arn) + " is not valid.");
        }
    }

    static Map<String, List<String>> requestContext(Map<String, String> tags, String boundary) {
        Map<String, List<String>> context = new java.util.LinkedHashMap<>();
        tags.forEach((k, v) -> context.put("aws:RequestTag/" + k, List.of(v)));
        if (!tags.isEmpty()) {
            context.put("aws:TagKeys", List.copyOf(tags.keySet()));
        }
        if (boundary != null) {
            context.put("iam:PermissionsBoundary", List.of(boundary));
        }
        return context;
    }

    void requireBoundary(Caller caller, String arn) {
        validateArn(arn, "permissionsBoundary");
        if (managedPolicy(caller, arn).isEmpty()) {
            throw new EntityException(AwsErrorCode.NoSuchEntity,
                    "Scope ARN: " + echo(arn) + " does not exist or is not attachable.");
        }
    }

    static List<String> tagKeys(QueryParams p) {
        List<String> keys = p.list("TagKeys", 50);
        if (keys.isEmpty()) {
            p.required("TagKeys.member.1");
        }
        keys.forEach(k -> check("tagKeys.member", k, 1, 128, TAG_KEY));
        return keys;
    }

    static ResultWriter tagPage(Map<String, String> tags, QueryParams p) {
        List<Map.Entry<String, String>> entries = new ArrayList<>(tags.entrySet());
        entries.sort((a, b) -> a.getKey().toLowerCase(Locale.ROOT).compareTo(b.getKey().toLowerCase(Locale.ROOT)));
        Page<Map.Entry<String, String>> page = Page.of(entries, Map.Entry::getKey, p);
        return xml -> {
            xml.start("Tags");
            page.items().forEach(e -> xml.start("member").element("Key", e.getKey())
                    .element("Value", e.getValue()).end());
            xml.end();
            page.writeTail(xml);
        };
    }

    // ---------------------------------------------------------------- errors in AWS's words

    static EntityException noSuchUser(String name) {
        return new EntityException(AwsErrorCode.NoSuchEntity, "The user with name " + name + " cannot be found.");
    }

    static EntityException noSuchGroup(String name) {
        return new EntityException(AwsErrorCode.NoSuchEntity, "The group with name " + name + " cannot be found.");
    }

    static EntityException noSuchRole(String name) {
        return new EntityException(AwsErrorCode.NoSuchEntity, "The role with name " + name + " cannot be found.");
    }

    static EntityException noSuchPolicy(String arn) {
        return new EntityException(AwsErrorCode.NoSuchEntity,
                "Policy " + echo(arn) + " does not exist or is not attachable.");
    }

    static EntityException exists(String message) {
        return new EntityException(AwsErrorCode.EntityAlreadyExists, message);
    }

    static EntityException conflict(String message) {
        return new EntityException(AwsErrorCode.DeleteConflict, message);
    }

    /**
     * A policy larger than its quota is LimitExceeded before it is parsed, in AWS's words
     * ({@code Cannot exceed quota for PolicySize: 6144}); whitespace does not count, as in AWS.
     */
    static void checkSize(String document, int quota, String quotaName) {
        if (io.keygate.policy.Policies.sizeOf(document) > quota) {
            throw limit("Cannot exceed quota for " + quotaName + ": " + quota);
        }
    }

    static EntityException limit(String message) {
        return new EntityException(AwsErrorCode.LimitExceeded, message);
    }

    static String echo(String value) {
        return value.length() > 128 ? value.substring(0, 128) + "…" : value;
    }

    /** Policy documents are returned URL-encoded, as IAM does (RFC 3986: spaces as %20). */
    static String urlEncode(String document) {
        return URLEncoder.encode(document, StandardCharsets.UTF_8).replace("+", "%20");
    }

    // ---------------------------------------------------------------- XML shapes

    void writeTags(XmlWriter xml, Map<String, String> tags) {
        if (tags.isEmpty()) {
            return;
        }
        xml.start("Tags");
        tags.forEach((k, v) -> xml.start("member").element("Key", k).element("Value", v).end());
        xml.end();
    }

    /**
     * A user; {@code full} adds PermissionsBoundary and Tags, which AWS returns from CreateUser, GetUser and
     * UpdateUser but not in lists (ListUsers, GetGroup).
     */
    void writeUser(XmlWriter xml, String element, User u, boolean full) {
        xml.start(element)
                .element("Path", u.path())
                .element("UserName", u.name())
                .element("UserId", u.userId())
                .element("Arn", u.arn(iam.partition()))
                .element("CreateDate", u.created())
                .element("PasswordLastUsed", u.passwordLastUsed());
        if (full && u.permissionsBoundary() != null) {
            writeBoundary(xml, u.permissionsBoundary());
        }
        if (full) {
            writeTags(xml, u.tags());
        }
        xml.end();
    }

    static void writeBoundary(XmlWriter xml, String arn) {
        xml.start("PermissionsBoundary")
                .element("PermissionsBoundaryType", "PermissionsBoundaryPolicy")
                .element("PermissionsBoundaryArn", arn)
                .end();
    }

    void writeGroup(XmlWriter xml, String element, Group g) {
        xml.start(element)
                .element("Path", g.path())
                .element("GroupName", g.name())
                .element("GroupId", g.groupId())
                .element("Arn", g.arn(iam.partition()))
                .element("CreateDate", g.created())
                .end();
    }

    /** How much of a role an answer carries. */
    enum RoleView {
        /** ListRoles, instance profiles: no PermissionsBoundary, Tags or RoleLastUsed (only Get* returns them). */
        LISTED,
        /** CreateRole: PermissionsBoundary and Tags, no RoleLastUsed. */
        CREATED,
        /** GetRole, UpdateRoleDescription: everything, RoleLastUsed included. */
        FULL
    }

    void writeRole(XmlWriter xml, String element, Role r, RoleView view) {
        xml.start(element)
                .element("Path", r.path())
                .element("RoleName", r.name())
                .element("RoleId", r.roleId())
                .element("Arn", r.arn(iam.partition()))
                .element("CreateDate", r.created())
                .element("AssumeRolePolicyDocument", urlEncode(r.assumeRolePolicyDocument()))
                .element("Description", r.description())
                .element("MaxSessionDuration", r.maxSessionDuration());
        if (view != RoleView.LISTED && r.permissionsBoundary() != null) {
            writeBoundary(xml, r.permissionsBoundary());
        }
        if (view != RoleView.LISTED) {
            writeTags(xml, r.tags());
        }
        if (view == RoleView.FULL) {
            xml.start("RoleLastUsed");
            if (r.lastUsed() != null) {
                xml.element("LastUsedDate", r.lastUsed()).element("Region", r.lastUsedRegion());
            }
            xml.end();
        }
        xml.end();
    }

    /** Writes {@code <AttachedPolicies>} for a list of managed policy ARNs. */
    void writeAttached(XmlWriter xml, List<String> arns) {
        xml.start("AttachedPolicies");
        for (String arn : arns) {
            xml.start("member")
                    .element("PolicyName", arn.substring(arn.lastIndexOf('/') + 1))
                    .element("PolicyArn", arn)
                    .end();
        }
        xml.end();
    }
}
