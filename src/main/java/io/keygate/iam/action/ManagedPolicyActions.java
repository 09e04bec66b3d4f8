package io.keygate.iam.action;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.keygate.auth.Caller;
import io.keygate.credentials.UniqueIdType;
import io.keygate.error.AwsErrorCode;
import io.keygate.error.EntityException;
import io.keygate.error.InvalidInputException;
import io.keygate.iam.EntityRepository;
import io.keygate.iam.AwsManagedPolicies;
import io.keygate.iam.ManagedPolicy;
import io.keygate.iam.PolicyVersion;
import io.keygate.iam.Tags;
import io.keygate.policy.PolicyType;
import io.keygate.protocol.query.Page;
import io.keygate.protocol.query.QueryAction;
import io.keygate.protocol.query.QueryParams;
import io.keygate.protocol.query.ResultWriter;
import io.keygate.protocol.query.XmlWriter;

/**
 * Managed policies: Create/Get/Delete/ListPolicies, versions (Create/Get/List/DeletePolicyVersion,
 * SetDefaultPolicyVersion; at most five), Tag/Untag/ListPolicyTags. All versions live in the policy record.
 * {@code AttachmentCount} and {@code PermissionsBoundaryUsageCount} are counted from the users, groups and roles.
 */
public final class ManagedPolicyActions extends IamSupport {

    static final Pattern VERSION_ID = Pattern.compile("v[1-9][0-9]*(\\.[A-Za-z0-9-]*)?");
    private static final Pattern SCOPE = Pattern.compile("All|AWS|Local");
    private static final Pattern USAGE = Pattern.compile("PermissionsPolicy|PermissionsBoundary");

    public ManagedPolicyActions(IamContext iam) {
        super(iam);
    }

    public List<QueryAction<Caller>> actions() {
        return List.of(
                new IamAction("CreatePolicy", this::createPolicy),
                new IamAction("GetPolicy", this::getPolicy),
                new IamAction("DeletePolicy", this::deletePolicy),
                new IamAction("ListPolicies", this::listPolicies),
                new IamAction("CreatePolicyVersion", this::createVersion),
                new IamAction("GetPolicyVersion", this::getVersion),
                new IamAction("ListPolicyVersions", this::listVersions),
                new IamAction("DeletePolicyVersion", this::deleteVersion),
                new IamAction("SetDefaultPolicyVersion", this::setDefault),
                new IamAction("TagPolicy", this::tagPolicy),
                new IamAction("UntagPolicy", this::untagPolicy),
                new IamAction("ListPolicyTags", this::listPolicyTags));
    }

    /** How many users, groups and roles of the account have the policy attached (or as boundary). */
    record Usage(int attachments, int boundaries) {
    }

    Usage usage(String accountId, String arn) {
        int attached = 0;
        int boundaries = 0;
        for (var u : iam.users().list(accountId)) {
            attached += u.attachedPolicies().contains(arn) ? 1 : 0;
            boundaries += arn.equals(u.permissionsBoundary()) ? 1 : 0;
        }
        for (var g : iam.groups().list(accountId)) {
            attached += g.attachedPolicies().contains(arn) ? 1 : 0;
        }
        for (var r : iam.roles().list(accountId)) {
            attached += r.attachedPolicies().contains(arn) ? 1 : 0;
            boundaries += arn.equals(r.permissionsBoundary()) ? 1 : 0;
        }
        return new Usage(attached, boundaries);
    }

    /** How much of a policy an answer carries: AWS shapes CreatePolicy, GetPolicy and ListPolicies differently. */
    enum PolicyView {
        /** CreatePolicy: no Description; Tags when it has any. */
        CREATED,
        /** GetPolicy: Description, and Tags even when empty. */
        FULL,
        /** ListPolicies: neither Description nor Tags. */
        LISTED
    }

    void writePolicy(XmlWriter xml, String element, ManagedPolicy p, Usage usage, PolicyView view) {
        xml.start(element)
                .element("PolicyName", p.name())
                .element("PolicyId", p.policyId())
                .element("Arn", p.arn(iam.partition()))
                .element("Path", p.path())
                .element("DefaultVersionId", p.defaultVersionId())
                .element("AttachmentCount", usage.attachments())
                .element("PermissionsBoundaryUsageCount", usage.boundaries())
                .element("IsAttachable", true)
                .element("Description", view == PolicyView.FULL ? p.description() : null)
                .element("CreateDate", p.created())
                .element("UpdateDate", p.updated());
        if (view == PolicyView.FULL) {
            xml.start("Tags");
            p.tags().forEach((k, v) -> xml.start("member").element("Key", k).element("Value", v).end());
            xml.end();
        } else if (view == PolicyView.CREATED) {
            writeTags(xml, p.tags());
        }
        xml.end();
    }

    /** Authorizes {@code action} on the ARN, then finds the policy (NoSuchEntity in AWS's words). */
    ManagedPolicy policy(Caller caller, String action, String arn) {
        validateArn(arn, "policyArn");
        authorize(caller, action, arn);
        return managedPolicy(caller, arn).orElseThrow(() -> new EntityException(AwsErrorCode.NoSuchEntity,
                "Policy " + echo(arn) + " was not found."));
    }

    /** A customer managed policy for a change; AWS managed ones cannot be changed. */
    ManagedPolicy local(Caller caller, String action, String arn) {
        ManagedPolicy policy = policy(caller, action, arn);
        if (policy.isAwsManaged()) {
            throw new InvalidInputException(AwsErrorCode.UnmodifiableEntity,
                    "Cannot modify an AWS managed policy: " + echo(arn) + ".");
        }
        return policy;
    }

    ResultWriter createPolicy(QueryParams p, Caller caller) {
        String name = policyName(p);
        String path = path(p, "Path");
        String document = document(p, "PolicyDocument");
        String description = p.string("Description", false, 0, 1000, null);
        Map<String, String> tags = tags(p, 50);
        authorize(caller, "CreatePolicy", arnPrefix(caller) + "policy" + path + name, requestContext(tags, null));
        checkSize(document, iam.quotas().policySize(), "PolicySize");
        validate(document, PolicyType.MANAGED);
        var now = iam.clock().instant();
        ManagedPolicy policy = new ManagedPolicy(caller.accountId(), iam.ids().uniqueId(UniqueIdType.POLICY), name,
                path, description, now, now, List.of(new PolicyVersion("v1", document, now)), "v1", 2, tags);
        EntityRepository.Created created = iam.policies().create(policy, caller.accountId(), iam.quotas().policies());
        if (created == EntityRepository.Created.OVER_QUOTA) {
            throw limit("Cannot exceed quota for PoliciesPerAccount: " + iam.quotas().policies());
        }
        if (created == EntityRepository.Created.EXISTS) {
            throw exists("A policy called " + name + " already exists. Duplicate names are not allowed.");
        }
        return xml -> writePolicy(xml, "Policy", policy, new Usage(0, 0), PolicyView.CREATED);
    }

    ResultWriter getPolicy(QueryParams p, Caller caller) {
        ManagedPolicy policy = policy(caller, "GetPolicy", policyArn(p, "PolicyArn"));
        Usage usage = usage(caller.accountId(), policy.arn(iam.partition()));
        return xml -> writePolicy(xml, "Policy", policy, usage, PolicyView.FULL);
    }

    ResultWriter deletePolicy(QueryParams p, Caller caller) {
        ManagedPolicy policy = local(caller, "DeletePolicy", policyArn(p, "PolicyArn"));
        String arn = policy.arn(iam.partition());
        if (usage(caller.accountId(), arn).attachments() > 0) {
            throw conflict("Cannot delete a policy attached to entities.");
        }
        iam.policies().delete(caller.accountId(), policy.name(), current -> {
            if (current.versions().size() > 1) {
                throw conflict("This policy has more than one version. Before you delete a policy, you must delete "
                        + "the policy's versions. The default version is deleted with the policy.");
            }
        });
        return ResultWriter.EMPTY;
    }

    ResultWriter listPolicies(QueryParams p, Caller caller) {
        String scope = enumParam(p, "Scope", SCOPE, "All", "[All, AWS, Local]");
        boolean onlyAttached = p.bool("OnlyAttached", false);
        String usageFilter = p.raw("PolicyUsageFilter") == null ? null
                : enumParam(p, "PolicyUsageFilter", USAGE, null, "[PermissionsPolicy, PermissionsBoundary]");
        String prefix = pathPrefix(p);
        authorize(caller, "ListPolicies", arnPrefix(caller) + "policy" + prefix);
        Stream<ManagedPolicy> all = Stream.concat(
                scope.equals("Local") ? Stream.empty() : AwsManagedPolicies.all().stream(),
                scope.equals("AWS") ? Stream.empty() : iam.policies().list(caller.accountId()).stream());
        List<Map.Entry<ManagedPolicy, Usage>> rows = all
                .filter(mp -> mp.path().startsWith(prefix))
                .map(mp -> Map.entry(mp, usage(caller.accountId(), mp.arn(iam.partition()))))
                .filter(e -> !onlyAttached || e.getValue().attachments() + e.getValue().boundaries() > 0)
                .filter(e -> usageFilter == null
                        || usageFilter.equals("PermissionsPolicy") && e.getValue().attachments() > 0
                        || usageFilter.equals("PermissionsBoundary") && e.getValue().boundaries() > 0
                        || !onlyAttached)
                .sorted((a, b) -> a.getKey().name().compareToIgnoreCase(b.getKey().name()))
                .toList();
        Page<Map.Entry<ManagedPolicy, Usage>> page = Page.of(rows, e -> e.getKey().name(), p);
        return xml -> {
            xml.start("Policies");
            page.items().forEach(e -> writePolicy(xml, "member", e.getKey(), e.getValue(), PolicyView.LISTED));
            xml.end();
            page.writeTail(xml);
        };
    }

    static String enumParam(QueryParams p, String name, Pattern allowed, String defaultValue, String set) {
        String value = p.raw(name);
        if (value == null) {
            return defaultValue;
        }
        if (!allowed.matcher(value).matches()) {
            throw QueryParams.constraint(name, value, "Member must satisfy enum value set: " + set);
        }
        return value;
    }

    ResultWriter createVersion(QueryParams p, Caller caller) {
        String arn = policyArn(p, "PolicyArn");
        String document = document(p, "PolicyDocument");
        boolean setAsDefault = p.bool("SetAsDefault", false);
        ManagedPolicy policy = local(caller, "CreatePolicyVersion", arn);
        checkSize(document, iam.quotas().policySize(), "PolicySize");
        validate(document, PolicyType.MANAGED);
        int quota = iam.quotas().versionsPerPolicy();
        PolicyVersion[] created = new PolicyVersion[1];
        iam.policies().update(caller.accountId(), policy.name(), current -> {
            if (current.versions().size() >= quota) {
                throw limit("A managed policy can have up to " + quota + " versions. Before you create a new "
                        + "version, you must delete an existing version.");
            }
            var now = iam.clock().instant();
            created[0] = new PolicyVersion("v" + current.nextVersionNumber(), document, now);
            return current.withVersion(created[0], setAsDefault, now);
        }).orElseThrow(() -> noSuchPolicy(arn));
        PolicyVersion v = created[0];
        return xml -> xml.start("PolicyVersion")
                .element("VersionId", v.versionId())
                .element("IsDefaultVersion", setAsDefault)
                .element("CreateDate", v.created())
                .end();
    }

    ResultWriter getVersion(QueryParams p, Caller caller) {
        String arn = policyArn(p, "PolicyArn");
        String versionId = p.string("VersionId", true, 1, 128, VERSION_ID);
        ManagedPolicy policy = policy(caller, "GetPolicyVersion", arn);
        PolicyVersion v = policy.version(versionId).orElseThrow(() -> noSuchVersion(arn, versionId));
        return xml -> xml.start("PolicyVersion")
                .element("Document", urlEncode(v.document()))
                .element("VersionId", v.versionId())
                .element("IsDefaultVersion", v.versionId().equals(policy.defaultVersionId()))
                .element("CreateDate", v.created())
                .end();
    }

    static EntityException noSuchVersion(String arn, String versionId) {
        return new EntityException(AwsErrorCode.NoSuchEntity,
                "Policy " + echo(arn) + " version " + versionId + " does not exist or is not attachable.");
    }

    ResultWriter listVersions(QueryParams p, Caller caller) {
        ManagedPolicy policy = policy(caller, "ListPolicyVersions", policyArn(p, "PolicyArn"));
        List<PolicyVersion> versions = new ArrayList<>(policy.versions());
        java.util.Collections.reverse(versions);
        Page<PolicyVersion> page = Page.of(versions, PolicyVersion::versionId, p);
        return xml -> {
            xml.start("Versions");
            page.items().forEach(v -> xml.start("member")
                    .element("VersionId", v.versionId())
                    .element("IsDefaultVersion", v.versionId().equals(policy.defaultVersionId()))
                    .element("CreateDate", v.created())
                    .end());
            xml.end();
            page.writeTail(xml);
        };
    }

    ResultWriter deleteVersion(QueryParams p, Caller caller) {
        String arn = policyArn(p, "PolicyArn");
        String versionId = p.string("VersionId", true, 1, 128, VERSION_ID);
        ManagedPolicy policy = local(caller, "DeletePolicyVersion", arn);
        iam.policies().update(caller.accountId(), policy.name(), current -> {
            if (current.version(versionId).isEmpty()) {
                throw noSuchVersion(arn, versionId);
            }
            if (current.defaultVersionId().equals(versionId)) {
                throw conflict("Cannot delete the default version of a policy.");
            }
            return current.withoutVersion(versionId);
        }).orElseThrow(() -> noSuchPolicy(arn));
        return ResultWriter.EMPTY;
    }

    ResultWriter setDefault(QueryParams p, Caller caller) {
        String arn = policyArn(p, "PolicyArn");
        String versionId = p.string("VersionId", true, 1, 128, VERSION_ID);
        ManagedPolicy policy = local(caller, "SetDefaultPolicyVersion", arn);
        iam.policies().update(caller.accountId(), policy.name(), current -> {
            if (current.version(versionId).isEmpty()) {
                throw noSuchVersion(arn, versionId);
            }
            return current.withDefaultVersion(versionId, iam.clock().instant());
        }).orElseThrow(() -> noSuchPolicy(arn));
        return ResultWriter.EMPTY;
    }

    ResultWriter tagPolicy(QueryParams p, Caller caller) {
        String arn = policyArn(p, "PolicyArn");
        Map<String, String> tags = tags(p, 50);
        if (tags.isEmpty()) {
            p.required("Tags.member.1.Key");
        }
        ManagedPolicy policy = local(caller, "TagPolicy", arn);
        iam.policies().update(caller.accountId(), policy.name(), current -> {
            Map<String, String> merged = Tags.merge(current.tags(), tags);
            checkTagQuota(merged);
            return current.withTags(merged);
        }).orElseThrow(() -> noSuchPolicy(arn));
        return ResultWriter.EMPTY;
    }

    ResultWriter untagPolicy(QueryParams p, Caller caller) {
        String arn = policyArn(p, "PolicyArn");
        List<String> keys = tagKeys(p);
        ManagedPolicy policy = local(caller, "UntagPolicy", arn);
        iam.policies().update(caller.accountId(), policy.name(), current -> current.withTags(
                Tags.remove(current.tags(), keys))).orElseThrow(() -> noSuchPolicy(arn));
        return ResultWriter.EMPTY;
    }

    ResultWriter listPolicyTags(QueryParams p, Caller caller) {
        ManagedPolicy policy = policy(caller, "ListPolicyTags", policyArn(p, "PolicyArn"));
        return tagPage(policy.tags(), p);
    }

    Optional<ManagedPolicy> find(Caller caller, String arn) {
        return managedPolicy(caller, arn);
    }
}
