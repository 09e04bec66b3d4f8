package io.keygate.iam.action;

import java.util.regex.Pattern;

import io.keygate.auth.Caller;
import io.keygate.credentials.AccessKeyId;
import io.keygate.credentials.AccountIds;
import io.keygate.error.AccessDeniedException;
import io.keygate.error.AwsErrorCode;
import io.keygate.error.EntityException;
import io.keygate.error.InvalidInputException;
import io.keygate.iam.AccessKey;
import io.keygate.iam.Account;

/**
 * Creates a new account (tenant) with its first root access key, for {@code POST /api/v1/accounts}. Only the root
 * of the bootstrap account may do so. The root key is written before the account, so an interrupted request leaves
 * at most an unusable key, never an account nobody can sign in to.
 */
public final class AccountProvisioner {

    private static final Pattern ALIAS = Pattern.compile("^[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]$");

    /** The new account and its root credentials (the secret is shown this once). */
    public record Created(String accountId, String accessKeyId, String secretAccessKey) {
        @Override
        public String toString() {
            return "Created[" + accountId + ", " + accessKeyId + "]";
        }
    }

    private final IamContext iam;

    public AccountProvisioner(IamContext iam) {
        this.iam = iam;
    }

    /**
     * @param bootstrapAccount the account whose root may create accounts
     * @param accountId        the wanted id (12 digits), or null for a random one
     * @param alias            the account alias, or null
     */
    public Created create(Caller caller, String bootstrapAccount, String accountId, String alias) {
        if (!caller.isRoot() || !caller.accountId().equals(bootstrapAccount) || caller.isTemporary()) {
            throw new AccessDeniedException(AwsErrorCode.AccessDenied, "User: " + caller.arn()
                    + " is not authorized to perform: keygate:CreateAccount: only the root user of the bootstrap "
                    + "account can create accounts");
        }
        if (accountId != null && !Account.isValidId(accountId)) {
            throw new InvalidInputException(AwsErrorCode.ValidationError, "1 validation error detected: Value '"
                    + (accountId.length() > 32 ? accountId.substring(0, 32) : accountId)
                    + "' at 'accountId' failed to satisfy constraint: Member must satisfy regular expression "
                    + "pattern: \\d{12}");
        }
        if (alias != null && (alias.length() < 3 || alias.length() > 63 || !ALIAS.matcher(alias).matches())) {
            throw new InvalidInputException(AwsErrorCode.ValidationError, "1 validation error detected: Value '"
                    + (alias.length() > 63 ? alias.substring(0, 63) : alias) + "' at 'alias' failed to satisfy "
                    + "constraint: Member must satisfy regular expression pattern: " + ALIAS.pattern());
        }
        String id = accountId != null ? accountId : AccountIds.random();
        if (iam.accounts().find(id).isPresent()) {
            throw new EntityException(AwsErrorCode.EntityAlreadyExists, "Account " + id + " already exists.");
        }
        AccessKeyId keyId = iam.ids().longTermAccessKeyId(id);
        String secret = iam.ids().secretAccessKey();
        iam.keys().create(new AccessKey(keyId.value(), id, null, null, iam.sealer().seal(keyId, secret),
                AccessKey.Status.Active, iam.clock().instant(), null));
        if (!iam.accounts().create(new Account(id, null, iam.clock().instant()))) {
            iam.keys().delete(keyId.value());
            throw new EntityException(AwsErrorCode.EntityAlreadyExists, "Account " + id + " already exists.");
        }
        if (alias != null && !iam.accounts().setAlias(id, alias)) {
            throw new EntityException(AwsErrorCode.EntityAlreadyExists, "The account alias " + alias
                    + " already exists; account " + id + " was created without an alias.");
        }
        return new Created(id, keyId.value(), secret);
    }
}
