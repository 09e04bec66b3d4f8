package io.keygate.app;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;


import io.keygate.auth.Caller;
import io.keygate.iam.action.AccountFigures;
import io.keygate.iam.action.AccountProvisioner;
import io.keygate.iam.action.AccountStores;
import io.keygate.iam.action.CredentialStores;
import io.keygate.iam.action.CreateAccount;
import io.keygate.iam.action.ExportAccount;
import io.keygate.iam.action.PlanBootstrap;
import io.keygate.protocol.api.ApiEndpoint;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.keygate.auth.Authorizer;
import io.keygate.auth.Caller;
import io.keygate.auth.CompiledPolicies;
import io.keygate.auth.RequestAuthenticator;
import io.keygate.credentials.IdGenerator;
import io.keygate.credentials.PasswordHasher;
import io.keygate.credentials.SecretSealer;
import io.keygate.iam.AccessKeyRepository;
import io.keygate.iam.AccountRepository;
import io.keygate.iam.AccountSettingsRepository;
import io.keygate.iam.GroupRepository;
import io.keygate.iam.IamQuotas;
import io.keygate.iam.IdentityProviderCount;
import io.keygate.iam.InstanceProfileRepository;
import io.keygate.iam.ManagedPolicyRepository;
import io.keygate.iam.MfaDeviceUsage;
import io.keygate.iam.OidcProviderRepository;
import io.keygate.iam.SamlProviderRepository;
import io.keygate.iam.Partition;
import io.keygate.iam.PrincipalPolicies;
import io.keygate.iam.RepositoryPrincipalPolicies;
import io.keygate.iam.RoleRepository;
import io.keygate.iam.UserRepository;
import io.keygate.iam.action.AccessKeyActions;
import io.keygate.iam.action.AccountActions;
import io.keygate.iam.action.InstanceProfileActions;
import io.keygate.iam.action.PasswordActions;
import io.keygate.iam.action.AttachmentActions;
import io.keygate.iam.action.GroupActions;
import io.keygate.iam.action.InlinePolicyActions;
import io.keygate.iam.action.ManagedPolicyActions;
import io.keygate.iam.action.RoleActions;
import io.keygate.iam.action.IamContext;
import io.keygate.iam.action.SimulationActions;
import io.keygate.iam.action.UserActions;
import io.keygate.protocol.query.QueryAction;
import io.keygate.store.InfinispanStore;
import io.keygate.store.StoreAccountSettingsRepository;
import io.keygate.store.StoreGroupRepository;
import io.keygate.store.StoreInstanceProfileRepository;
import io.keygate.store.StoreManagedPolicyRepository;
import io.keygate.store.StoreRoleRepository;

/** Assembles the IAM actions over the store and contributes them to the Query endpoint. */
@ApplicationScoped
public class IamWiring {

    @Produces
    @Singleton
    GroupRepository groups(InfinispanStore store) {
        return new StoreGroupRepository(store);
    }

    @Produces
    @Singleton
    RoleRepository roles(InfinispanStore store) {
        return new StoreRoleRepository(store);
    }

    @Produces
    @Singleton
    ManagedPolicyRepository managedPolicies(InfinispanStore store) {
        return new StoreManagedPolicyRepository(store);
    }

    @Produces
    @Singleton
    InstanceProfileRepository instanceProfiles(InfinispanStore store) {
        return new StoreInstanceProfileRepository(store);
    }

    @Produces
    @Singleton
    AccountSettingsRepository accountSettings(InfinispanStore store) {
        return new StoreAccountSettingsRepository(store);
    }

    @Produces
    @Singleton
    PrincipalPolicies principalPolicies(Partition partition, UserRepository users, GroupRepository groups,
                                        RoleRepository roles, ManagedPolicyRepository policies) {
        return new RepositoryPrincipalPolicies(partition, users, groups, roles, policies);
    }

    @Produces
    @Singleton
    PasswordHasher passwordHasher() {
        return PasswordHasher.create();
    }

    @Produces
    @Singleton
    IamQuotas quotas(IamConfig config) {
        IamConfig.Quotas q = config.quotas();
        return new IamQuotas(q.users(), q.groups(), q.roles(), q.policies(), q.instanceProfiles(), q.groupsPerUser(),
                q.attachedPoliciesPerUser(), q.attachedPoliciesPerGroup(), q.attachedPoliciesPerRole(),
                q.accessKeysPerUser(), q.versionsPerPolicy(), q.rolesPerInstanceProfile(), q.tagsPerEntity(),
                q.userPolicySize(), q.groupPolicySize(), q.rolePolicySize(), q.assumeRolePolicySize(),
                q.policySize());
    }

    @Produces
    @Singleton
    IamContext iamContext(Partition partition, Clock clock, IdGenerator ids, Authorizer authorizer,
                          UserRepository users, GroupRepository groups, RoleRepository roles,
                          ManagedPolicyRepository policies, InstanceProfileRepository profiles,
                          AccessKeyRepository keys, AccountRepository accounts, AccountSettingsRepository settings,
                          SecretSealer sealer, PasswordHasher hasher, IamQuotas quotas,
                          MfaDeviceUsage mfa, RequestAuthenticator authenticator,
                          OidcProviderRepository oidcProviders) {
        return new IamContext(partition, clock, ids, authorizer, users, groups, roles, policies, profiles, keys,
                accounts, settings, sealer, hasher, quotas, mfa, authenticator::forget, oidcProviders);
    }

    @Produces
    @Singleton
    ActionSet iamActions(IamContext iam, Instance<IdentityProviderCount> providers, CredentialStores credentials,
                         AccountStores accountStores, io.keygate.audit.AuditTrail audit,
                         io.keygate.expiry.ExpiringEntries expiring) {
        List<QueryAction<Caller>> actions = new ArrayList<>();
        actions.addAll(new UserActions(iam, credentials).actions());
        actions.addAll(new AccessKeyActions(iam).actions());
        actions.addAll(new io.keygate.iam.action.LastAccessedActions(iam, () -> audit.log().events(), expiring)
                .actions());
        actions.addAll(new GroupActions(iam).actions());
        actions.addAll(new RoleActions(iam).actions());
        actions.addAll(new ManagedPolicyActions(iam).actions());
        actions.addAll(new AttachmentActions(iam).actions());
        actions.addAll(new InlinePolicyActions(iam).actions());
        actions.addAll(new InstanceProfileActions(iam).actions());
        actions.addAll(new PasswordActions(iam).actions());
        actions.addAll(new AccountActions(iam, providers.stream().toList(),
                AccountFigures.of(credentials, accountStores)).actions());
        return new ActionSet(actions);
    }

    /** The bootstrap account: the configured one, else the oldest. */
    @Produces
    @Singleton
    ApiEndpoint<Caller> createAccount(IamContext iam, AccountRepository accounts, KeygateConfig config) {
        return new CreateAccount(new AccountProvisioner(iam), () -> Bootstrap.accountId(config, accounts));
    }

    /** {@code GET /api/v1/accounts/{id}/export}: the account's IAM as bootstrap YAML. */
    @Produces
    @Singleton
    ApiEndpoint<Caller> exportAccount(IamContext iam, SamlProviderRepository samlProviders) {
        return new ExportAccount(iam, samlProviders);
    }

    /** {@code POST /api/v1/accounts/{id}/plan}: what applying a bootstrap document would do, writing nothing. */
    @Produces
    @Singleton
    ApiEndpoint<Caller> planBootstrap(IamContext iam, SamlProviderRepository samlProviders) {
        return new PlanBootstrap(iam, samlProviders);
    }

    /** The policy simulator: SimulatePrincipalPolicy, SimulateCustomPolicy and the GetContextKeys actions. */
    @Produces
    @Singleton
    ActionSet simulationActions(IamContext iam, PrincipalPolicies principals, CompiledPolicies compiled) {
        return new ActionSet(new SimulationActions(iam, principals, compiled).actions());
    }
}
