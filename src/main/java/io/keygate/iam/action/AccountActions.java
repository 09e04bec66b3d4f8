package io.keygate.iam.action;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import io.keygate.auth.Caller;
import io.keygate.error.AwsErrorCode;
import io.keygate.error.EntityException;
import io.keygate.iam.IdentityProviderCount;
import io.keygate.iam.AccessKey;
import io.keygate.iam.AccountSettings;
import io.keygate.iam.AwsManagedPolicies;
import io.keygate.iam.Group;
import io.keygate.iam.InstanceProfile;
import io.keygate.iam.ManagedPolicy;
import io.keygate.iam.Role;
import io.keygate.iam.User;
import io.keygate.protocol.query.Page;
import io.keygate.protocol.query.QueryAction;
import io.keygate.protocol.query.QueryParams;
import io.keygate.protocol.query.ResultWriter;
import io.keygate.protocol.query.XmlWriter;

/**
 * Account-wide IAM: Create/Delete/ListAccountAliases, GetAccountSummary (usage and quotas),
 * GetAccountAuthorizationDetails (paged, documents URL-encoded) and the credential report
 * (GenerateCredentialReport / GetCredentialReport with AWS's CSV columns; regenerated at most every four hours).
 */
public final class AccountActions extends IamSupport {

    private static final Pattern ALIAS = Pattern.compile("^[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]$");
    private static final Pattern FILTER = Pattern.compile("User|Role|Group|LocalManagedPolicy|AWSManagedPolicy");
    private static final Duration REPORT_TTL = Duration.ofHours(4);

    private final ManagedPolicyActions managed;
    private final List<IdentityProviderCount> providers;
    private final AccountFigures figures;

    public AccountActions(IamContext iam) {
        this(iam, List.of(), AccountFigures.NONE);
    }

    /**
     * @param providers the registered identity providers of each kind, summed into {@code Providers}
     * @param figures   the summary's figures from other stores (server and root signing certificates, token version)
     */
    public AccountActions(IamContext iam, List<IdentityProviderCount> providers, AccountFigures figures) {
        super(iam);
        this.managed = new ManagedPolicyActions(iam);
        this.providers = List.copyOf(providers);
        this.figures = java.util.Objects.requireNonNull(figures, "figures");
    }

    public List<QueryAction<Caller>> actions() {
        return List.of(
                new IamAction("CreateAccountAlias", this::createAlias),
                new IamAction("DeleteAccountAlias", this::deleteAlias),
                new IamAction("ListAccountAliases", this::listAliases),
                new IamAction("GetAccountSummary", this::summary),
                new IamAction("GetAccountAuthorizationDetails", this::authorizationDetails),
                new IamAction("GenerateCredentialReport", this::generateReport),
                new IamAction("GetCredentialReport", this::getReport));
    }

    ResultWriter createAlias(QueryParams p, Caller caller) {
        String alias = p.string("AccountAlias", true, 3, 63, ALIAS);
        authorize(caller, "CreateAccountAlias", "*");
        if (!iam.accounts().setAlias(caller.accountId(), alias)) {
            throw exists("The account alias " + alias + " already exists.");
        }
        return ResultWriter.EMPTY;
    }

    ResultWriter deleteAlias(QueryParams p, Caller caller) {
        String alias = p.string("AccountAlias", true, 3, 63, ALIAS);
        authorize(caller, "DeleteAccountAlias", "*");
        if (!iam.accounts().removeAlias(caller.accountId(), alias)) {
            throw new EntityException(AwsErrorCode.NoSuchEntity, "The account alias " + alias + " cannot be found.");
        }
        return ResultWriter.EMPTY;
    }

    ResultWriter listAliases(QueryParams p, Caller caller) {
        Page.of(List.of(), x -> "", p);
        authorize(caller, "ListAccountAliases", "*");
        String alias = iam.accounts().find(caller.accountId()).map(a -> a.alias()).orElse(null);
        return xml -> {
            xml.start("AccountAliases");
            if (alias != null) {
                xml.element("member", alias);
            }
            xml.end().element("IsTruncated", false);
        };
    }

    ResultWriter summary(QueryParams p, Caller caller) {
        authorize(caller, "GetAccountSummary", "*");
        String account = caller.accountId();
        var q = iam.quotas();
        List<User> users = iam.users().list(account);
        List<Role> roles = iam.roles().list(account);
        List<Group> groups = iam.groups().list(account);
        List<ManagedPolicy> policies = iam.policies().list(account);
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("Users", (long) users.size());
        m.put("UsersQuota", (long) q.users());
        m.put("Groups", (long) groups.size());
        m.put("GroupsQuota", (long) q.groups());
        m.put("Roles", (long) roles.size());
        m.put("RolesQuota", (long) q.roles());
        m.put("Policies", (long) policies.size());
        m.put("PoliciesQuota", (long) q.policies());
        m.put("PolicySizeQuota", (long) q.policySize());
        m.put("UserPolicySizeQuota", (long) q.userPolicySize());
        m.put("GroupPolicySizeQuota", (long) q.groupPolicySize());
        m.put("RolePolicySizeQuota", (long) q.rolePolicySize());
        m.put("AssumeRolePolicySizeQuota", (long) q.assumeRolePolicySize());
        m.put("GroupsPerUserQuota", (long) q.groupsPerUser());
        m.put("AttachedPoliciesPerUserQuota", (long) q.attachedPoliciesPerUser());
        m.put("AttachedPoliciesPerGroupQuota", (long) q.attachedPoliciesPerGroup());
        m.put("AttachedPoliciesPerRoleQuota", (long) q.attachedPoliciesPerRole());
        m.put("AccessKeysPerUserQuota", (long) q.accessKeysPerUser());
        m.put("SigningCertificatesPerUserQuota", 2L);
        var mfa = iam.mfa().counts(account);
        m.put("MFADevices", (long) mfa.devices());
        m.put("MFADevicesInUse", (long) mfa.devicesInUse());
        m.put("AccountMFAEnabled", mfa.rootEnabled() ? 1L : 0L);
        m.put("AccountAccessKeysPresent", iam.keys().listFor(account, null).isEmpty() ? 0L : 1L);
        // AccountPasswordPresent is absent: AWS lists it only when the root user has a console password, and
        // Keygate's root has none.
        m.put("AccountSigningCertificatesPresent", figures.rootSigningCertificates(account) ? 1L : 0L);
        m.put("PolicyVersionsInUse", (long) policies.stream().mapToInt(mp -> mp.versions().size()).sum());
        m.put("PolicyVersionsInUseQuota", 10_000L);
        m.put("VersionsPerPolicyQuota", (long) q.versionsPerPolicy());
        m.put("InstanceProfiles", (long) iam.instanceProfiles().list(account).size());
        m.put("InstanceProfilesQuota", (long) q.instanceProfiles());
        m.put("Providers", iam.oidcProviders().list(account).size()
                + providers.stream().mapToLong(c -> c.count(account)).sum());
        m.put("ServerCertificates", (long) figures.serverCertificates(account));
        m.put("ServerCertificatesQuota", 20L);
        m.put("GlobalEndpointTokenVersion", (long) figures.globalEndpointTokenVersion(account));
        return xml -> {
            xml.start("SummaryMap");
            m.forEach((k, v) -> xml.start("entry").element("key", k).element("value", v).end());
            xml.end();
        };
    }

    /** One entry of the authorization details, written into its list. */
    private record Detail(String list, String key, Consumer<XmlWriter> writer) {
    }

    ResultWriter authorizationDetails(QueryParams p, Caller caller) {
        List<String> filters = p.list("Filter", 5);
        filters.forEach(f -> {
            if (!FILTER.matcher(f).matches()) {
                throw QueryParams.constraint("filter.member", f,
                        "Member must satisfy enum value set: [User, Role, Group, LocalManagedPolicy, AWSManagedPolicy]");
            }
        });
        Set<String> wanted = filters.isEmpty() ? FILTER_ALL : Set.copyOf(filters);
        authorize(caller, "GetAccountAuthorizationDetails", "*");
        String account = caller.accountId();
        List<Detail> details = new ArrayList<>();
        if (wanted.contains("User")) {
            GroupActions groups = new GroupActions(iam);
            for (User u : iam.users().list(account)) {
                details.add(new Detail("UserDetailList", "1/" + u.name(), xml -> writeUserDetail(xml, u, groups)));
            }
        }
        if (wanted.contains("Group")) {
            for (Group g : iam.groups().list(account)) {
                details.add(new Detail("GroupDetailList", "2/" + g.name(), xml -> {
                    xml.start("member").element("Path", g.path()).element("GroupName", g.name())
                            .element("GroupId", g.groupId()).element("Arn", g.arn(iam.partition()))
                            .element("CreateDate", g.created());
                    writeInline(xml, "GroupPolicyList", g.inlinePolicies());
                    writeAttachedAs(xml, "AttachedManagedPolicies", g.attachedPolicies());
                    xml.end();
                }));
            }
        }
        if (wanted.contains("Role")) {
            List<InstanceProfile> profiles = iam.instanceProfiles().list(account);
            for (Role r : iam.roles().list(account)) {
                details.add(new Detail("RoleDetailList", "3/" + r.name(), xml -> {
                    xml.start("member").element("Path", r.path()).element("RoleName", r.name())
                            .element("RoleId", r.roleId()).element("Arn", r.arn(iam.partition()))
                            .element("CreateDate", r.created())
                            .element("AssumeRolePolicyDocument", urlEncode(r.assumeRolePolicyDocument()));
                    xml.start("InstanceProfileList");
                    profiles.stream().filter(ip -> ip.roleNames().stream().anyMatch(n -> n.equalsIgnoreCase(r.name())))
                            .forEach(ip -> xml.start("member").element("Path", ip.path())
                                    .element("InstanceProfileName", ip.name())
                                    .element("InstanceProfileId", ip.instanceProfileId())
                                    .element("Arn", ip.arn(iam.partition())).element("CreateDate", ip.created())
                                    .start("Roles").end().end());
                    xml.end();
                    writeInline(xml, "RolePolicyList", r.inlinePolicies());
                    writeAttachedAs(xml, "AttachedManagedPolicies", r.attachedPolicies());
                    if (r.permissionsBoundary() != null) {
                        writeBoundary(xml, r.permissionsBoundary());
                    }
                    writeTags(xml, r.tags());
                    xml.end();
                }));
            }
        }
        List<ManagedPolicy> policies = new ArrayList<>();
        if (wanted.contains("AWSManagedPolicy")) {
            AwsManagedPolicies.all().stream()
                    .filter(mp -> managed.usage(account, mp.arn(iam.partition())).attachments() > 0)
                    .forEach(policies::add);
        }
        if (wanted.contains("LocalManagedPolicy")) {
            policies.addAll(iam.policies().list(account));
        }
        for (ManagedPolicy mp : policies) {
            details.add(new Detail("Policies", "4/" + mp.accountId() + "/" + mp.name(), xml -> {
                var usage = managed.usage(account, mp.arn(iam.partition()));
                xml.start("member").element("PolicyName", mp.name()).element("PolicyId", mp.policyId())
                        .element("Arn", mp.arn(iam.partition())).element("Path", mp.path())
                        .element("DefaultVersionId", mp.defaultVersionId())
                        .element("AttachmentCount", usage.attachments())
                        .element("PermissionsBoundaryUsageCount", usage.boundaries())
                        .element("IsAttachable", true).element("CreateDate", mp.created())
                        .element("UpdateDate", mp.updated());
                xml.start("PolicyVersionList");
                mp.versions().forEach(v -> xml.start("member").element("Document", urlEncode(v.document()))
                        .element("VersionId", v.versionId())
                        .element("IsDefaultVersion", v.versionId().equals(mp.defaultVersionId()))
                        .element("CreateDate", v.created()).end());
                xml.end().end();
            }));
        }
        Page<Detail> page = Page.of(details, Detail::key, p);
        return xml -> {
            for (String list : List.of("UserDetailList", "GroupDetailList", "RoleDetailList", "Policies")) {
                xml.start(list);
                page.items().stream().filter(d -> d.list().equals(list)).forEach(d -> d.writer().accept(xml));
                xml.end();
            }
            page.writeTail(xml);
        };
    }

    private static final Set<String> FILTER_ALL =
            Set.of("User", "Role", "Group", "LocalManagedPolicy", "AWSManagedPolicy");

    private void writeUserDetail(XmlWriter xml, User u, GroupActions groups) {
        xml.start("member").element("Path", u.path()).element("UserName", u.name()).element("UserId", u.userId())
                .element("Arn", u.arn(iam.partition())).element("CreateDate", u.created());
        writeInline(xml, "UserPolicyList", u.inlinePolicies());
        xml.start("GroupList");
        groups.groupsOf(u).forEach(g -> xml.element("member", g.name()));
        xml.end();
        writeAttachedAs(xml, "AttachedManagedPolicies", u.attachedPolicies());
        if (u.permissionsBoundary() != null) {
            writeBoundary(xml, u.permissionsBoundary());
        }
        writeTags(xml, u.tags());
        xml.end();
    }

    private static void writeInline(XmlWriter xml, String element, Map<String, String> policies) {
        xml.start(element);
        policies.forEach((name, doc) -> xml.start("member").element("PolicyName", name)
                .element("PolicyDocument", urlEncode(doc)).end());
        xml.end();
    }

    private static void writeAttachedAs(XmlWriter xml, String element, List<String> arns) {
        xml.start(element);
        arns.forEach(a -> xml.start("member").element("PolicyName", a.substring(a.lastIndexOf('/') + 1))
                .element("PolicyArn", a).end());
        xml.end();
    }

    ResultWriter generateReport(QueryParams p, Caller caller) {
        authorize(caller, "GenerateCredentialReport", "*");
        Instant now = iam.clock().instant();
        AccountSettings settings = iam.settings().get(caller.accountId());
        boolean fresh = settings.credentialReportCreated() != null
                && settings.credentialReportCreated().plus(REPORT_TTL).isAfter(now);
        if (!fresh) {
            String csv = credentialReport(caller);
            iam.settings().update(caller.accountId(), s -> s.withCredentialReport(csv, now));
        }
        // As AWS: the call that starts a report answers STARTED, later calls COMPLETE (Keygate generates at once,
        // so GetCredentialReport finds it right after either).
        return xml -> xml.element("State", fresh ? "COMPLETE" : "STARTED")
                .element("Description", fresh ? null : "No report exists. Starting a new report generation task");
    }

    ResultWriter getReport(QueryParams p, Caller caller) {
        authorize(caller, "GetCredentialReport", "*");
        AccountSettings settings = iam.settings().get(caller.accountId());
        if (settings.credentialReport() == null) {
            throw new EntityException(AwsErrorCode.ReportNotPresent,
                    "Credential report not present. Call GenerateCredentialReport to generate one.");
        }
        String content = Base64.getEncoder().encodeToString(settings.credentialReport()
                .getBytes(StandardCharsets.UTF_8));
        return xml -> xml.element("Content", content)
                .element("ReportFormat", "text/csv")
                .element("GeneratedTime", settings.credentialReportCreated());
    }

    /** The CSV of the IAM User Guide page "Getting credential reports", one row per user after the root's. */
    String credentialReport(Caller caller) {
        StringBuilder csv = new StringBuilder("user,arn,user_creation_time,password_enabled,password_last_used,"
                + "password_last_changed,password_next_rotation,mfa_active,access_key_1_active,"
                + "access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,"
                + "access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,"
                + "access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,"
                + "cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated\n");
        String account = caller.accountId();
        Instant created = iam.accounts().find(account).map(a -> a.created()).orElse(null);
        row(csv, "<root_account>", "arn:" + iam.partition().id() + ":iam::" + account + ":root", created,
                "not_supported", null, null, "not_supported", iam.mfa().counts(account).rootEnabled(),
                iam.keys().listFor(account, null));
        var policy = iam.settings().get(account).passwordPolicy();
        for (User u : iam.users().list(account)) {
            var lp = u.loginProfile();
            String next = lp == null ? "N/A" : policy != null && policy.maxPasswordAge() > 0
                    ? XmlWriter.timestamp(lp.passwordLastChanged().plus(Duration.ofDays(policy.maxPasswordAge())))
                    : "N/A";
            row(csv, u.name(), u.arn(iam.partition()), u.created(), lp == null ? "false" : "true",
                    u.passwordLastUsed(), lp == null ? null : lp.passwordLastChanged(), next,
                    iam.mfa().isEnabledFor(u), iam.keys().listFor(u));
        }
        return csv.toString();
    }

    private static void row(StringBuilder csv, String user, String arn, Instant created, String passwordEnabled,
                            Instant passwordLastUsed, Instant passwordLastChanged, String nextRotation,
                            boolean mfaActive, List<AccessKey> keys) {
        csv.append(user).append(',').append(arn).append(',').append(ts(created)).append(',')
                .append(passwordEnabled).append(',')
                .append(passwordLastUsed == null ? ("true".equals(passwordEnabled) ? "no_information" : "N/A")
                        : ts(passwordLastUsed)).append(',')
                .append(passwordLastChanged == null ? "N/A" : ts(passwordLastChanged)).append(',')
                .append(nextRotation).append(',').append(mfaActive);
        for (int i = 0; i < 2; i++) {
            AccessKey k = i < keys.size() ? keys.get(i) : null;
            if (k == null) {
                csv.append(",false,N/A,N/A,N/A,N/A");
            } else {
                var used = k.lastUsed();
                csv.append(',').append(k.isActive()).append(',').append(ts(k.created())).append(',')
                        .append(used == null ? "N/A" : ts(used.date())).append(',')
                        .append(used == null ? "N/A" : used.region()).append(',')
                        .append(used == null ? "N/A" : used.serviceName());
            }
        }
        csv.append(",false,N/A,false,N/A\n");
    }

    private static String ts(Instant t) {
        return t == null ? "N/A" : XmlWriter.timestamp(t).replace("Z", "+00:00");
    }
}
