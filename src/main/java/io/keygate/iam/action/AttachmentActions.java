package io.keygate.iam.action;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.keygate.auth.Caller;
import io.keygate.error.AwsErrorCode;
import io.keygate.error.EntityException;
import io.keygate.iam.Group;
import io.keygate.iam.ManagedPolicy;
import io.keygate.iam.Role;
import io.keygate.iam.User;
import io.keygate.iam.action.PolicyHolders.Holder;
import io.keygate.iam.action.PolicyHolders.Kind;
import io.keygate.protocol.query.Page;
import io.keygate.protocol.query.QueryAction;
import io.keygate.protocol.query.QueryParams;
import io.keygate.protocol.query.ResultWriter;

/**
 * Attaching managed policies to users, groups and roles: Attach/Detach{User,Group,Role}Policy,
 * ListAttached{User,Group,Role}Policies and ListEntitiesForPolicy. The attachment is stored on the entity only.
 */
public final class AttachmentActions extends IamSupport {

    private static final Pattern ENTITY = Pattern.compile("User|Role|Group|LocalManagedPolicy|AWSManagedPolicy");

    private final PolicyHolders holders;

    public AttachmentActions(IamContext iam) {
        super(iam);
        this.holders = new PolicyHolders(iam);
    }

    public List<QueryAction<Caller>> actions() {
        List<QueryAction<Caller>> out = new ArrayList<>();
        for (Kind kind : holders.all()) {
            String w = kind.word();
            out.add(new IamAction("Attach" + w + "Policy", (p, c) -> attach(kind, p, c)));
            out.add(new IamAction("Detach" + w + "Policy", (p, c) -> detach(kind, p, c)));
            out.add(new IamAction("ListAttached" + w + "Policies", (p, c) -> listAttached(kind, p, c)));
        }
        out.add(new IamAction("ListEntitiesForPolicy", this::listEntities));
        return out;
    }

    ResultWriter attach(Kind kind, QueryParams p, Caller caller) {
        String name = kind.name(p);
        String arn = policyArn(p, "PolicyArn");
        validateArn(arn, "policyArn");
        kind.find(caller, "Attach" + kind.word() + "Policy", name, Map.of("iam:PolicyARN", List.of(arn)));
        ManagedPolicy policy = managedPolicy(caller, arn).orElseThrow(() -> noSuchPolicy(arn));
        int quota = kind.attachQuota();
        kind.updateAttached(caller, name, attached -> {
            if (!attached.contains(arn)) {
                if (attached.size() >= quota) {
                    throw limit("Cannot exceed quota for PoliciesPer" + kind.word() + ": " + quota);
                }
                attached.add(arn);
            }
            return attached;
        });
        // A concurrent DeletePolicy may have won: never leave an attachment to a deleted policy.
        if (!policy.isAwsManaged() && managedPolicy(caller, arn)
                .filter(mp -> mp.policyId().equals(policy.policyId())).isEmpty()) {
            kind.updateAttached(caller, name, attached -> {
                attached.remove(arn);
                return attached;
            });
            throw noSuchPolicy(arn);
        }
        return ResultWriter.EMPTY;
    }

    ResultWriter detach(Kind kind, QueryParams p, Caller caller) {
        String name = kind.name(p);
        String arn = policyArn(p, "PolicyArn");
        validateArn(arn, "policyArn");
        kind.find(caller, "Detach" + kind.word() + "Policy", name, Map.of("iam:PolicyARN", List.of(arn)));
        kind.updateAttached(caller, name, attached -> {
            if (!attached.remove(arn)) {
                throw new EntityException(AwsErrorCode.NoSuchEntity, "Policy " + echo(arn) + " was not found.");
            }
            return attached;
        });
        return ResultWriter.EMPTY;
    }

    ResultWriter listAttached(Kind kind, QueryParams p, Caller caller) {
        String name = kind.name(p);
        String prefix = pathPrefix(p);
        Holder holder = kind.find(caller, "ListAttached" + kind.word() + "Policies", name);
        List<String> arns = holder.attached().stream()
                .filter(a -> pathOf(a).startsWith(prefix))
                .sorted((a, b) -> nameOf(a).compareToIgnoreCase(nameOf(b)))
                .toList();
        Page<String> page = Page.of(arns, AttachmentActions::nameOf, p);
        return xml -> {
            writeAttached(xml, page.items());
            page.writeTail(xml);
        };
    }

    static String nameOf(String policyArn) {
        return policyArn.substring(policyArn.lastIndexOf('/') + 1);
    }

    static String pathOf(String policyArn) {
        int start = policyArn.indexOf(":policy/") + ":policy".length();
        return policyArn.substring(start, policyArn.lastIndexOf('/') + 1);
    }

    ResultWriter listEntities(QueryParams p, Caller caller) {
        String arn = policyArn(p, "PolicyArn");
        validateArn(arn, "policyArn");
        String filter = ManagedPolicyActions.enumParam(p, "EntityFilter", ENTITY, null,
                "[User, Role, Group, LocalManagedPolicy, AWSManagedPolicy]");
        String prefix = pathPrefix(p);
        boolean boundaries = "PermissionsBoundary".equals(p.raw("PolicyUsageFilter"));
        authorize(caller, "ListEntitiesForPolicy", arn);
        managedPolicy(caller, arn).orElseThrow(() -> noSuchPolicy(arn));
        record Row(String kind, String name, String id) {
        }
        List<Row> rows = new ArrayList<>();
        if (filter == null || filter.equals("Group")) {
            for (Group g : iam.groups().list(caller.accountId())) {
                if (!boundaries && g.attachedPolicies().contains(arn) && g.path().startsWith(prefix)) {
                    rows.add(new Row("Group", g.name(), g.groupId()));
                }
            }
        }
        if (filter == null || filter.equals("User")) {
            for (User u : iam.users().list(caller.accountId())) {
                boolean uses = boundaries ? arn.equals(u.permissionsBoundary()) : u.attachedPolicies().contains(arn);
                if (uses && u.path().startsWith(prefix)) {
                    rows.add(new Row("User", u.name(), u.userId()));
                }
            }
        }
        if (filter == null || filter.equals("Role")) {
            for (Role r : iam.roles().list(caller.accountId())) {
                boolean uses = boundaries ? arn.equals(r.permissionsBoundary()) : r.attachedPolicies().contains(arn);
                if (uses && r.path().startsWith(prefix)) {
                    rows.add(new Row("Role", r.name(), r.roleId()));
                }
            }
        }
        rows.sort(java.util.Comparator.comparing(r -> (r.kind() + "/" + r.name()).toLowerCase(java.util.Locale.ROOT)));
        Page<Row> page = Page.of(rows, r -> r.kind() + "/" + r.name(), p);
        return xml -> {
            for (String kind : List.of("Group", "User", "Role")) {
                xml.start("Policy" + kind + "s");
                page.items().stream().filter(r -> r.kind().equals(kind)).forEach(r -> xml.start("member")
                        .element(kind + "Name", r.name()).element(kind + "Id", r.id()).end());
                xml.end();
            }
            page.writeTail(xml);
        };
    }
}
