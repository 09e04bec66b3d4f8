package io.keygate.auth;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.keygate.iam.StoredPolicy;
import io.keygate.policy.Policies;
import io.keygate.policy.Policy;
import io.keygate.policy.PolicyType;

/**
 * Stored policy documents compiled once: keyed by (type, id, SHA-256 of the text), so a changed document is compiled
 * again and an unchanged one never is. Shared by request authorization, the decision API and the policy simulator.
 * Bounded: when full, the cache is dropped and refilled by use.
 *
 * <p>Thread-safe.
 */
public final class CompiledPolicies {

    private static final int LIMIT = 20_000;

    private final Map<Key, Policy> compiled = new ConcurrentHashMap<>();

    /** The type a stored document of this kind is validated as. */
    public static PolicyType typeOf(StoredPolicy.Kind kind) {
        return switch (kind) {
            case USER_INLINE -> PolicyType.IDENTITY_INLINE_USER;
            case GROUP_INLINE -> PolicyType.IDENTITY_INLINE_GROUP;
            case ROLE_INLINE -> PolicyType.IDENTITY_INLINE_ROLE;
            case MANAGED -> PolicyType.MANAGED;
            case TRUST -> PolicyType.TRUST;
            case BOUNDARY -> PolicyType.BOUNDARY;
        };
    }

    /**
     * The compiled form of {@code stored}, validated as its kind's type.
     *
     * @throws io.keygate.error.InvalidInputException {@code MalformedPolicyDocument} if the engine refuses it
     */
    public Policy compile(StoredPolicy stored) {
        return compile(stored, typeOf(stored.kind()));
    }

    /** As {@link #compile(StoredPolicy)}, validated as {@code type}. */
    public Policy compile(StoredPolicy stored, PolicyType type) {
        // Keyed by the text itself: stored documents and token claims are reused instances (memoized records,
        // cached tokens), so the String hash is computed once and equality is an identity check on the hot path.
        Key key = new Key(type, stored.id(), stored.document());
        Policy policy = compiled.get(key);
        if (policy == null) {
            policy = Policies.parse(stored.id(), stored.document(), type);
            if (compiled.size() >= LIMIT) {
                compiled.clear();
            }
            compiled.put(key, policy);
        }
        return policy;
    }

    private record Key(PolicyType type, String id, String document) {
    }

    /** The number of compiled policies held (tests, diagnostics). */
    public int size() {
        return compiled.size();
    }
}
