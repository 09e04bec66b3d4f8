package io.keygate.iam.action;

import java.util.ArrayList;
import java.util.List;

import io.keygate.auth.Caller;
import io.keygate.error.AwsErrorCode;
import io.keygate.error.EntityException;
import io.keygate.iam.action.PolicyHolders.Holder;
import io.keygate.iam.action.PolicyHolders.Kind;
import io.keygate.policy.Policies;
import io.keygate.protocol.query.Page;
import io.keygate.protocol.query.QueryAction;
import io.keygate.protocol.query.QueryParams;
import io.keygate.protocol.query.ResultWriter;

/**
 * Inline policies of users, groups and roles: Put/Get/Delete/List{User,Group,Role}Policies. Documents are validated
 * by the policy engine; the aggregate size of an entity's inline policies is capped per kind (2,048 / 5,120 /
 * 10,240 characters, whitespace not counted) with {@code LimitExceeded}; documents are returned URL-encoded, as IAM
 * does.
 */
public final class InlinePolicyActions extends IamSupport {

    private final PolicyHolders holders;

    public InlinePolicyActions(IamContext iam) {
        super(iam);
        this.holders = new PolicyHolders(iam);
    }

    public List<QueryAction<Caller>> actions() {
        List<QueryAction<Caller>> out = new ArrayList<>();
        for (Kind kind : holders.all()) {
            String w = kind.word();
            out.add(new IamAction("Put" + w + "Policy", (p, c) -> put(kind, p, c)));
            out.add(new IamAction("Get" + w + "Policy", (p, c) -> get(kind, p, c)));
            out.add(new IamAction("Delete" + w + "Policy", (p, c) -> delete(kind, p, c)));
            out.add(new IamAction("List" + w + "Policies", (p, c) -> list(kind, p, c)));
        }
        return out;
    }

    ResultWriter put(Kind kind, QueryParams p, Caller caller) {
        String name = kind.name(p);
        String policyName = policyName(p);
        String document = document(p, "PolicyDocument");
        kind.find(caller, "Put" + kind.word() + "Policy", name);
        if (Policies.sizeOf(document) > kind.inlineQuota()) {
            // Alone over the aggregate quota: refused before it is parsed.
            throw limit("Maximum policy size of " + kind.inlineQuota() + " bytes exceeded for "
                    + kind.word().toLowerCase() + " " + name);
        }
        validate(document, kind.inlineType());
        kind.updateInline(caller, name, policies -> {
            policies.put(policyName, document);
            int size = policies.values().stream().mapToInt(Policies::sizeOf).sum();
            if (size > kind.inlineQuota()) {
                throw limit("Maximum policy size of " + kind.inlineQuota() + " bytes exceeded for "
                        + kind.word().toLowerCase() + " " + name);
            }
            return policies;
        });
        return ResultWriter.EMPTY;
    }

    private static EntityException noSuchPolicy(Kind kind, String policyName) {
        return new EntityException(AwsErrorCode.NoSuchEntity, "The " + kind.word().toLowerCase() + " policy with name "
                + policyName + " cannot be found.");
    }

    ResultWriter get(Kind kind, QueryParams p, Caller caller) {
        String name = kind.name(p);
        String policyName = policyName(p);
        Holder holder = kind.find(caller, "Get" + kind.word() + "Policy", name);
        String document = holder.inline().get(policyName);
        if (document == null) {
            throw noSuchPolicy(kind, policyName);
        }
        return xml -> xml.element(kind.parameter(), holder.name())
                .element("PolicyName", policyName)
                .element("PolicyDocument", urlEncode(document));
    }

    ResultWriter delete(Kind kind, QueryParams p, Caller caller) {
        String name = kind.name(p);
        String policyName = policyName(p);
        kind.find(caller, "Delete" + kind.word() + "Policy", name);
        kind.updateInline(caller, name, policies -> {
            if (policies.remove(policyName) == null) {
                throw noSuchPolicy(kind, policyName);
            }
            return policies;
        });
        return ResultWriter.EMPTY;
    }

    ResultWriter list(Kind kind, QueryParams p, Caller caller) {
        String name = kind.name(p);
        Holder holder = kind.find(caller, "List" + kind.word() + "Policies", name);
        List<String> names = holder.inline().keySet().stream().sorted(String.CASE_INSENSITIVE_ORDER).toList();
        Page<String> page = Page.of(names, n -> n, p);
        return xml -> {
            xml.start("PolicyNames");
            page.items().forEach(n -> xml.element("member", n));
            xml.end();
            page.writeTail(xml);
        };
    }
}
