package io.keygate.policy;

import java.util.Set;

/**
 * The compiled {@code Principal}/{@code NotPrincipal} element of a statement, following the IAM User Guide page
 * "AWS JSON policy elements: Principal": {@code "*"} is everyone; an account id or {@code arn:aws:iam::<acct>:root}
 * is every principal of that account (delegation to its identity policies); a user, role, assumed-role session or
 * federated-user ARN names that principal (a role ARN covers its sessions); {@code Federated} names an identity
 * provider; {@code Service} a service principal. Immutable and thread-safe.
 */
final class PrincipalMatcher {

    /** How a principal was named; a higher value is a more direct grant. */
    static final int NONE = 0;
    /** Through its account (account id or root ARN). */
    static final int ACCOUNT = 1;
    /** Through the identity a session derives from: the role ARN, or the IAM user behind a federated user. */
    static final int SOURCE = 2;
    /** The principal itself: its own ARN, {@code *}, its identity provider or its service name. */
    static final int DIRECT = 3;

    private final boolean any;
    private final Set<String> accounts;
    private final Set<String> arns;
    private final Set<String> federated;
    private final Set<String> services;
    private final Set<String> canonicalUsers;

    PrincipalMatcher(boolean any, Set<String> accounts, Set<String> arns, Set<String> federated, Set<String> services,
            Set<String> canonicalUsers) {
        this.any = any;
        this.accounts = Set.copyOf(accounts);
        this.arns = Set.copyOf(arns);
        this.federated = Set.copyOf(federated);
        this.services = Set.copyOf(services);
        this.canonicalUsers = Set.copyOf(canonicalUsers);
    }

    /** How directly {@code p} is named by this element ({@link #NONE} if not at all). */
    int match(Principal p) {
        if (any) {
            return DIRECT;
        }
        switch (p.type()) {
            case SERVICE:
                return services.contains(p.arn()) ? DIRECT : NONE;
            case WEB_IDENTITY:
                return federated.contains(p.federatedProvider()) ? DIRECT : NONE;
            case ANONYMOUS:
                return NONE;
            default:
                if (arns.contains(p.arn())) {
                    return DIRECT;
                }
                if (p.sourceArn() != null && arns.contains(p.sourceArn())) {
                    return SOURCE;
                }
                if (p.account() != null && accounts.contains(p.account())) {
                    return p.type() == PrincipalType.ACCOUNT ? DIRECT : ACCOUNT;
                }
                return canonicalUsers.contains(p.userId()) ? DIRECT : NONE;
        }
    }

    /**
     * For {@code NotPrincipal}: whether {@code p} is one of the listed exceptions. An account entry excepts only the
     * account itself (root), not every principal in it, which is why AWS asks to list the account together with
     * the user or session to spare.
     */
    boolean excepts(Principal p) {
        int m = match(p);
        return m == DIRECT || m == SOURCE;
    }
}
