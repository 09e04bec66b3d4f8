package io.keygate.iam.action;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.keygate.auth.AccessDecision;
import io.keygate.auth.Authorizer;
import io.keygate.auth.Caller;
import io.keygate.iam.PasswordPolicy;
import io.keygate.policy.EvalDecision;
import io.keygate.policy.PolicyLayer;

/**
 * Whether an IAM user may change their own password, the AWS way: {@code iam:ChangePassword} on their own user
 * allowed by their policies, or the account password policy's {@code AllowUsersToChangePassword}, which IAM applies
 * at account level as if every user had an identity policy allowing it (IAM API Reference, {@code PasswordPolicy}).
 * That grant fills only the identity layer: an explicit deny, a permissions boundary or a session policy that does
 * not allow the action, or a refusal before evaluation (GetSessionToken credentials without MFA) still refuse.
 * An account without a password policy of its own ({@link PasswordPolicy#NONE}) grants nothing: the setting is
 * part of a custom policy only, so there the user needs {@code iam:ChangePassword} (e.g. the AWS managed policy
 * {@code IAMUserChangePassword}). Used by the {@code ChangePassword} action and by console sign-in before it offers a forced password change.
 *
 * <p>Thread-safe.
 */
public final class ChangePasswordPermission {

    static final String ACTION = "iam:ChangePassword";

    private final Authorizer authorizer;

    public ChangePasswordPermission(Authorizer authorizer) {
        this.authorizer = Objects.requireNonNull(authorizer, "authorizer");
    }

    /**
     * @param caller  the user (or a session of the user) changing their own password
     * @param userArn the user's ARN
     * @param policy  the account password policy, {@link PasswordPolicy#NONE} when none is set
     * @return empty when allowed, else the AccessDenied message in AWS's words
     */
    public Optional<String> refusal(Caller caller, String userArn, PasswordPolicy policy) {
        AccessDecision decision = authorizer.decide(caller, ACTION, userArn, Map.of());
        boolean accountGrant = policy != PasswordPolicy.NONE && policy.allowUsersToChangePassword();
        if (decision.allowed() || accountGrant && grantedByAccount(decision)) {
            return Optional.empty();
        }
        return decision.deniedMessage();
    }

    /** Only the identity layer lacked an allow: the account-level grant supplies it. */
    private static boolean grantedByAccount(AccessDecision decision) {
        var d = decision.decision();
        return d.effect() == EvalDecision.IMPLICIT_DENY && d.deniedBy().equals(Optional.of(PolicyLayer.IDENTITY));
    }
}
