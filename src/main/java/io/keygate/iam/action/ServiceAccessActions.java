package io.keygate.iam.action;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import io.keygate.auth.Caller;
import io.keygate.error.AwsErrorCode;
import io.keygate.error.EntityException;
import io.keygate.error.InvalidInputException;
import io.keygate.iam.PrincipalPolicies;
import io.keygate.iam.StoredPolicy;
import io.keygate.policy.ServiceAccess;
import io.keygate.protocol.query.QueryAction;
import io.keygate.protocol.query.QueryParams;
import io.keygate.protocol.query.ResultWriter;
import io.keygate.protocol.query.XmlWriter;

/**
 * ListPoliciesGrantingServiceAccess: for a user (its own and its groups' policies), group or role, and each service
 * namespace asked for, the stored inline and managed policies that allow some action of that service
 * ({@link ServiceAccess}). Boundaries, trust and resource policies do not count, as in IAM.
 */
public final class ServiceAccessActions extends IamSupport {

    static final Pattern NAMESPACE = Pattern.compile("[\\w-]*");

    private final PrincipalPolicies principals;

    public ServiceAccessActions(IamContext iam, PrincipalPolicies principals) {
        super(iam);
        this.principals = principals;
    }

    public List<QueryAction<Caller>> actions() {
        return List.of(new IamAction("ListPoliciesGrantingServiceAccess", this::list));
    }

    /** One policy of the answer. */
    record Granting(String name, String type, String arn, String entityType, String entityName) {
    }

    ResultWriter list(QueryParams p, Caller caller) {
        String arn = p.string("Arn", true, 20, 2048, null);
        List<String> namespaces = p.list("ServiceNamespaces", 200);
        if (namespaces.isEmpty()) {
            p.required("ServiceNamespaces.member.1");
        }
        namespaces.forEach(n -> check("serviceNamespaces.member", n, 1, 64, NAMESPACE));
        p.string("Marker", false, 1, 320, null);
        String prefix = arnPrefix(caller);
        if (!arn.startsWith(prefix)) {
            throw new InvalidInputException(AwsErrorCode.InvalidInput, "ARN " + echo(arn) + " is not valid.");
        }
        String resource = arn.substring(prefix.length());
        String kind = resource.contains("/") ? resource.substring(0, resource.indexOf('/')) : resource;
        String name = resource.substring(resource.lastIndexOf('/') + 1);
        authorize(caller, "ListPoliciesGrantingServiceAccess", arn);
        Optional<PrincipalPolicies.Applicable> applicable = switch (kind) {
            case "user" -> principals.forUser(caller.accountId(), name);
            case "group" -> principals.forGroup(caller.accountId(), name);
            case "role" -> principals.forRole(caller.accountId(), name);
            default -> throw new InvalidInputException(AwsErrorCode.InvalidInput,
                    "ARN " + echo(arn) + " is not the ARN of a user, group or role.");
        };
        List<StoredPolicy> policies = applicable.orElseThrow(() -> new EntityException(AwsErrorCode.NoSuchEntity,
                "The " + kind + " with name " + name + " cannot be found.")).identity();
        return xml -> {
            xml.start("PoliciesGrantingServiceAccess");
            for (String ns : namespaces) {
                xml.start("member").element("ServiceNamespace", ns).start("Policies");
                for (StoredPolicy policy : policies) {
                    if (ServiceAccess.grants(policy.document(), ns)) {
                        write(xml, describe(policy));
                    }
                }
                xml.end().end();
            }
            xml.end();
            xml.element("IsTruncated", false);
        };
    }

    /** Names a stored policy: {@code <policy arn>:<version>} or {@code <owner arn>/inline/<name>}. */
    static Granting describe(StoredPolicy policy) {
        String id = policy.id();
        int inline = id.indexOf("/inline/");
        if (inline >= 0) {
            String owner = id.substring(0, inline);
            String ownerResource = owner.substring(owner.lastIndexOf(':') + 1);
            String entityType = ownerResource.substring(0, ownerResource.indexOf('/')).toUpperCase(java.util.Locale.ROOT);
            return new Granting(id.substring(inline + "/inline/".length()), "INLINE", null, entityType,
                    owner.substring(owner.lastIndexOf('/') + 1));
        }
        String arn = id.substring(0, id.lastIndexOf(':'));
        return new Granting(arn.substring(arn.lastIndexOf('/') + 1), "MANAGED", arn, null, null);
    }

    static void write(XmlWriter xml, Granting g) {
        xml.start("member")
                .element("PolicyName", g.name())
                .element("PolicyType", g.type())
                .element("PolicyArn", g.arn())
                .element("EntityType", g.entityType())
                .element("EntityName", g.entityName())
                .end();
    }
}
