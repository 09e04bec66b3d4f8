package io.keygate.iam.action;

import java.util.regex.Pattern;

import io.keygate.auth.Caller;
import io.keygate.error.AwsErrorCode;
import io.keygate.error.InvalidInputException;
import io.keygate.iam.AccessKey;
import io.keygate.iam.User;
import io.keygate.protocol.query.QueryParams;

/** What the actions on a user's SSH keys, signing certificates and service-specific credentials share. */
abstract class UserCredentialSupport extends IamSupport {

    static final Pattern ID = Pattern.compile("[\\w]+");
    static final Pattern STATUS = Pattern.compile("Active|Inactive|Expired");

    final CredentialStores stores;

    UserCredentialSupport(IamContext iam, CredentialStores stores) {
        super(iam);
        this.stores = stores;
    }

    /**
     * The user named by {@code UserName}, or the calling IAM user when it is absent, after authorizing
     * {@code iam:<action>} on it; {@code ValidationError} when neither names a user.
     */
    User targetUser(QueryParams p, Caller caller, String action, boolean required, int maxLength) {
        String name = p.string("UserName", required, 1, maxLength, USER_NAME);
        if (name == null) {
            name = caller.userName();
        }
        if (name == null) {
            throw new InvalidInputException(AwsErrorCode.ValidationError,
                    "Must specify userName when calling with non-User credentials");
        }
        return user(caller, action, name);
    }

    /** {@code Status}: Active or Inactive (the model also lists Expired, which only IAM itself sets). */
    static AccessKey.Status status(QueryParams p, String what) {
        String status = p.required("Status");
        if (!STATUS.matcher(status).matches()) {
            throw QueryParams.constraint("Status", status,
                    "Member must satisfy enum value set: [Active, Inactive, Expired]");
        }
        if (status.equals("Expired")) {
            throw new InvalidInputException(AwsErrorCode.InvalidInput,
                    what + " can only be set to Active or Inactive.");
        }
        return AccessKey.Status.valueOf(status);
    }
}
