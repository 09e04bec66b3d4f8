package io.keygate.iam.action;

import java.time.Clock;
import java.util.function.Consumer;

import io.keygate.auth.Authorizer;
import io.keygate.credentials.IdGenerator;
import io.keygate.credentials.PasswordHasher;
import io.keygate.credentials.SecretSealer;
import io.keygate.iam.AccessKeyRepository;
import io.keygate.iam.AccountRepository;
import io.keygate.iam.AccountSettingsRepository;
import io.keygate.iam.GroupRepository;
import io.keygate.iam.IamQuotas;
import io.keygate.iam.InstanceProfileRepository;
import io.keygate.iam.ManagedPolicyRepository;
import io.keygate.iam.MfaDeviceUsage;
import io.keygate.iam.OidcProviderRepository;
import io.keygate.iam.Partition;
import io.keygate.iam.RoleRepository;
import io.keygate.iam.UserRepository;

/**
 * Everything the IAM actions share: the store ports, the authorizer, id and secret generation, quotas and time.
 *
 * @param mfa       which users have an enabled MFA device (DeleteUser, GetAccountSummary, credential report)
 * @param oidcProviders the account's OpenID Connect providers
 * @param forgetKey tells the authenticator to drop what it cached about an access key (deleted or changed)
 */
public record IamContext(Partition partition, Clock clock, IdGenerator ids, Authorizer authorizer,
                         UserRepository users, GroupRepository groups, RoleRepository roles,
                         ManagedPolicyRepository policies, InstanceProfileRepository instanceProfiles,
                         AccessKeyRepository keys, AccountRepository accounts, AccountSettingsRepository settings,
                         SecretSealer sealer, PasswordHasher hasher, IamQuotas quotas, MfaDeviceUsage mfa,
                         Consumer<String> forgetKey, OidcProviderRepository oidcProviders) {
}
