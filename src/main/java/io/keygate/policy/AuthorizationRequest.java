package io.keygate.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything {@link PolicyEvaluator} needs to decide one request: who, what action, on which resource, the request
 * context, and the policies of each layer. Session policies distinguish "none passed" (empty {@code Optional}) from
 * "passed" (a list, possibly empty, which then must allow). The resource account tells same-account from
 * cross-account access; when unknown it is taken to be the principal's account. Immutable; build with
 * {@link #builder()}.
 */
public final class AuthorizationRequest {

    private final Principal principal;
    private final String action;
    private final String resource;
    private final RequestContext context;
    private final List<Policy> identityPolicies;
    private final Policy permissionsBoundary;
    private final List<Policy> sessionPolicies;
    private final Policy resourcePolicy;
    private final String resourceAccount;
    private final SessionKind sessionKind;

    private AuthorizationRequest(Builder b) {
        this.principal = Objects.requireNonNull(b.principal, "principal");
        this.action = Objects.requireNonNull(b.action, "action");
        this.resource = Objects.requireNonNull(b.resource, "resource");
        RequestContext ctx = b.context == null ? RequestContext.empty() : b.context;
        if (!ctx.contains("aws:PrincipalType")) {
            ctx = ctx.toBuilder().principal(principal).build();
        }
        this.context = ctx;
        this.identityPolicies = List.copyOf(b.identityPolicies);
        this.permissionsBoundary = b.permissionsBoundary;
        this.sessionPolicies = b.sessionPolicies == null ? null : List.copyOf(b.sessionPolicies);
        this.resourcePolicy = b.resourcePolicy;
        this.resourceAccount = b.resourceAccount;
        this.sessionKind = b.sessionKind != null ? b.sessionKind : SessionKind.of(principal.type());
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    public Principal principal() {
        return principal;
    }

    /** The action, e.g. {@code s3:GetObject} (any case). */
    public String action() {
        return action;
    }

    /** The resource ARN, or {@code *} for actions without resource-level permissions. */
    public String resource() {
        return resource;
    }

    /** The request context; principal keys are filled from the principal when the caller did not set them. */
    public RequestContext context() {
        return context;
    }

    /** Identity-based policies: the user's inline and attached policies plus its groups', or the role's. */
    public List<Policy> identityPolicies() {
        return identityPolicies;
    }

    /** The permissions boundary, if the user or role has one. */
    public Optional<Policy> permissionsBoundary() {
        return Optional.ofNullable(permissionsBoundary);
    }

    /** The session policies (inline and managed), if any were passed when the session was created. */
    public Optional<List<Policy>> sessionPolicies() {
        return Optional.ofNullable(sessionPolicies);
    }

    /** The resource-based policy (or a role's trust policy), if the resource has one. */
    public Optional<Policy> resourcePolicy() {
        return Optional.ofNullable(resourcePolicy);
    }

    /** The account that owns the resource, if known. */
    public Optional<String> resourceAccount() {
        return Optional.ofNullable(resourceAccount);
    }

    public SessionKind sessionKind() {
        return sessionKind;
    }

    /** Builds an {@link AuthorizationRequest}; principal, action and resource are required. */
    public static final class Builder {
        private Principal principal;
        private String action;
        private String resource;
        private RequestContext context;
        private final List<Policy> identityPolicies = new ArrayList<>();
        private Policy permissionsBoundary;
        private List<Policy> sessionPolicies;
        private Policy resourcePolicy;
        private String resourceAccount;
        private SessionKind sessionKind;

        private Builder() {
        }

        public Builder principal(Principal principal) {
            this.principal = principal;
            return this;
        }

        public Builder action(String action) {
            this.action = action;
            return this;
        }

        public Builder resource(String resource) {
            this.resource = resource;
            return this;
        }

        public Builder context(RequestContext context) {
            this.context = context;
            return this;
        }

        /** Adds identity-based policies. */
        public Builder identityPolicies(List<Policy> policies) {
            this.identityPolicies.addAll(policies);
            return this;
        }

        /** Adds one identity-based policy. */
        public Builder identityPolicy(Policy policy) {
            this.identityPolicies.add(policy);
            return this;
        }

        public Builder permissionsBoundary(Policy boundary) {
            this.permissionsBoundary = boundary;
            return this;
        }

        /** Session policies passed at session creation; an empty list means "passed, allowing nothing". */
        public Builder sessionPolicies(List<Policy> policies) {
            this.sessionPolicies = policies == null ? null : List.copyOf(policies);
            return this;
        }

        /** The resource-based policy; a {@link PolicyType#TRUST} policy makes this a trust-policy check. */
        public Builder resourcePolicy(Policy policy) {
            this.resourcePolicy = policy;
            return this;
        }

        public Builder resourceAccount(String account) {
            this.resourceAccount = account;
            return this;
        }

        /** Overrides the session kind derived from the principal type. */
        public Builder sessionKind(SessionKind kind) {
            this.sessionKind = kind;
            return this;
        }

        public AuthorizationRequest build() {
            return new AuthorizationRequest(this);
        }
    }
}
