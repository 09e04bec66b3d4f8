package io.keygate.auth;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.keygate.iam.StoredPolicy;
import io.keygate.policy.Policies;
import io.keygate.policy.Policy;
import io.keygate.policy.PolicyType;

/**
 * Stored policy documents compiled once: keyed by (type, id, SHA-256 of the text), so a changed document is compiled
 * again and an unchanged one never is. Shared by request authorization, the decision API and the policy simulator.
 * Bounded by entries and by bytes: each compiled policy is weighed at {@link #BYTES_PER_CHAR} bytes per character
 * of its text (compiling holds memory linear in the text whatever characters it holds; see
 * {@link io.keygate.policy.match.Glob#footprint()}), and when either bound would be passed the cache is dropped and
 * refilled by use.
 *
 * <p>Thread-safe.
 */
public final class CompiledPolicies {

    private static final int LIMIT = 20_000;
    /** Weight of a compiled policy per character of its text: an upper estimate of what the compiled form holds. */
    public static final int BYTES_PER_CHAR = 64;
    /** Default byte budget: 64 MiB. */
    public static final long DEFAULT_BUDGET = 64L << 20;

    private final Map<Key, Policy> compiled = new ConcurrentHashMap<>();
    private final AtomicLong weight = new AtomicLong();
    private final long budget;

    /** A cache of at most {@link #DEFAULT_BUDGET} bytes. */
    public CompiledPolicies() {
        this(DEFAULT_BUDGET);
    }

    /** A cache of at most {@code budget} bytes (estimated as above). */
    public CompiledPolicies(long budget) {
        this.budget = budget;
    }

    /** The weight of one compiled document of {@code length} characters. */
    static long weigh(int length) {
        return 256L + (long) BYTES_PER_CHAR * length;
    }

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
            long w = weigh(stored.document().length());
            if (compiled.size() >= LIMIT || weight.get() + w > budget) {
                compiled.clear();
                weight.set(0);
            }
            if (w <= budget && compiled.put(key, policy) == null) {
                weight.addAndGet(w);
            }
        }
        return policy;
    }

    private record Key(PolicyType type, String id, String document) {
    }

    /** The estimated bytes held (tests, diagnostics). */
    public long bytes() {
        return weight.get();
    }

    /** The number of compiled policies held (tests, diagnostics). */
    public int size() {
        return compiled.size();
    }
}
