package io.keygate.iam.action;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.keygate.auth.CompiledPolicies;
import io.keygate.iam.ManagedPolicy;
import io.keygate.iam.StoredPolicy;
import io.keygate.policy.AuthorizationRequest;
import io.keygate.policy.Decision;
import io.keygate.policy.Policies;
import io.keygate.policy.Policy;
import io.keygate.policy.PolicyEvaluator;
import io.keygate.policy.PolicyType;
import io.keygate.policy.Principal;
import io.keygate.policy.RequestContext;

/**
 * The evaluation half of IAM's policy simulator: a simulated principal, its identity policies, an optional
 * permissions boundary and resource-based policy, evaluated by {@link PolicyEvaluator} for every action × resource
 * with the caller's {@code ContextEntries}. Remembers, for each policy, the {@code SourcePolicyId} and
 * {@code SourcePolicyType} that the simulator reports. Stored policies come from the shared {@link CompiledPolicies};
 * documents passed in the request are compiled for this request only, so they never displace the policies that
 * decide real requests.
 *
 * <p>Not thread-safe: one per simulation request.
 */
final class PolicySimulator {

    /** How a matched statement's policy is named in the result. */
    record Source(String id, String type) {
    }

    /** One evaluated pair. */
    record Result(String action, String resource, Decision decision) {
    }

    private final CompiledPolicies compiled;
    private final PolicyEvaluator evaluator;
    private final Clock clock;
    private final Map<String, Source> sources = new LinkedHashMap<>();
    private final List<Policy> identity = new ArrayList<>();
    private Policy boundary;
    private Policy resourcePolicy;
    private String resourceAccount;

    PolicySimulator(CompiledPolicies compiled, PolicyEvaluator evaluator, Clock clock) {
        this.compiled = compiled;
        this.evaluator = evaluator;
        this.clock = clock;
    }

    /** Adds a stored identity policy of the simulated entity. */
    void storedIdentity(StoredPolicy stored) {
        identity.add(compiled.compile(stored));
        sources.put(stored.id(), sourceOf(stored));
    }

    /** Sets the entity's stored permissions boundary (a {@code PermissionsBoundaryPolicyInputList} replaces it). */
    void storedBoundary(StoredPolicy stored) {
        boundary = compiled.compile(stored);
        sources.put(stored.id(), managedSource(stored.id()));
    }

    /** Adds {@code PolicyInputList.n}. */
    void inputIdentity(int n, String document) {
        String id = "PolicyInputList." + n;
        identity.add(Policies.parse(id, document, PolicyType.IDENTITY_INLINE_ROLE));
        sources.put(id, new Source(id, "none"));
    }

    /** Sets {@code PermissionsBoundaryPolicyInputList.1}. */
    void inputBoundary(String document) {
        String id = "PermissionsBoundaryPolicyInputList.1";
        boundary = Policies.parse(id, document, PolicyType.BOUNDARY);
        sources.put(id, new Source(id, "none"));
    }

    /** Sets the resource-based policy and the account that owns the simulated resources. */
    void resourcePolicy(String document, String ownerAccount) {
        if (document != null) {
            resourcePolicy = Policies.parse("ResourcePolicy", document, PolicyType.RESOURCE);
            sources.put("ResourcePolicy", new Source("ResourcePolicy", "resource"));
        }
        resourceAccount = ownerAccount;
    }

    boolean hasBoundary() {
        return boundary != null;
    }

    boolean hasResourcePolicy() {
        return resourcePolicy != null;
    }

    Source source(String policyId) {
        return sources.getOrDefault(policyId, new Source(policyId, "none"));
    }

    /**
     * Evaluates every action on every resource.
     *
     * @param principal     the simulated caller
     * @param principalKeys the principal keys to set ({@code aws:username}, …); empty to leave them to the entries
     * @param entries       {@code ContextEntries}, set last
     */
    List<Result> run(Principal principal, Map<String, String> principalKeys, List<String> actions,
                     List<String> resources, Map<String, List<String>> entries, Map<String, Boolean> multiValued) {
        RequestContext.Builder base = RequestContext.builder().currentTime(clock.instant());
        base.put("aws:PrincipalType", principal.type().wireName());
        principalKeys.forEach(base::put);
        entries.forEach((k, v) -> {
            if (Boolean.TRUE.equals(multiValued.get(k))) {
                base.put(k, v);
            } else {
                base.put(k, v.get(0));
            }
        });
        RequestContext context = base.build();
        List<Result> out = new ArrayList<>();
        for (String action : actions) {
            for (String resource : resources) {
                AuthorizationRequest.Builder request = AuthorizationRequest.builder()
                        .principal(principal).action(action).resource(resource).context(context)
                        .identityPolicies(identity);
                if (boundary != null) {
                    request.permissionsBoundary(boundary);
                }
                if (resourcePolicy != null) {
                    request.resourcePolicy(resourcePolicy);
                }
                if (resourceAccount != null) {
                    request.resourceAccount(resourceAccount);
                }
                out.add(new Result(action, resource, evaluator.evaluate(request.build())));
            }
        }
        return out;
    }

    private static Source sourceOf(StoredPolicy stored) {
        String id = stored.id();
        return switch (stored.kind()) {
            case USER_INLINE -> new Source(afterInline(id), "user");
            case GROUP_INLINE -> new Source(afterInline(id), "group");
            case ROLE_INLINE -> new Source(afterInline(id), "role");
            default -> managedSource(id);
        };
    }

    /** {@code arn:aws:iam::aws:policy/job-function/ViewOnlyAccess:v1} → (ViewOnlyAccess, aws-managed). */
    private static Source managedSource(String id) {
        String arn = id.replaceFirst(":v\\d+$", "");
        String name = arn.substring(arn.lastIndexOf('/') + 1);
        String[] parts = arn.split(":", 6);
        boolean aws = parts.length == 6 && Objects.equals(parts[4], ManagedPolicy.AWS);
        return new Source(name, aws ? "aws-managed" : "user-managed");
    }

    private static String afterInline(String id) {
        return id.substring(id.lastIndexOf("/inline/") + "/inline/".length());
    }
}
