package io.keygate.iam.action;

import java.util.Map;

import io.keygate.auth.Caller;
import io.keygate.error.AccessDeniedException;
import io.keygate.error.AwsErrorCode;

/** The account an {@code /api/v1/accounts/:id/…} call names, which must be the caller's own. */
final class OwnAccount {

    private OwnAccount() {
    }

    /**
     * The {@code id} path parameter, when it is the caller's account.
     *
     * @param doing   what the call does, as the refusal says it ("export account", "plan for account")
     * @param onlyOwn why it is refused ("an account exports only itself")
     * @throws AccessDeniedException for any other account (an id that is not 12 digits is not echoed)
     */
    static String of(Caller caller, Map<String, String> pathParameters, String doing, String onlyOwn) {
        String account = pathParameters.getOrDefault("id", "");
        if (!account.equals(caller.accountId())) {
            throw new AccessDeniedException(AwsErrorCode.AccessDenied, "User: " + caller.arn()
                    + " is not authorized to " + doing + " " + (account.matches("\\d{12}") ? account : "?")
                    + ": " + onlyOwn + ".");
        }
        return account;
    }
}
