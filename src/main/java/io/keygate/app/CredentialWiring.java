package io.keygate.app;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.keygate.auth.Caller;
import io.keygate.iam.AccountPreferences;
import io.keygate.iam.DeletionTask;
import io.keygate.iam.PrincipalPolicies;
import io.keygate.iam.ServerCertificate;
import io.keygate.iam.ServiceSpecificCredential;
import io.keygate.iam.SigningCertificate;
import io.keygate.iam.SshPublicKey;
import io.keygate.iam.action.AccountPreferenceActions;
import io.keygate.iam.action.AccountStores;
import io.keygate.iam.action.CredentialStores;
import io.keygate.iam.action.InstanceProfileTagActions;
import io.keygate.iam.action.MfaDeviceActions;
import io.keygate.iam.action.ServiceAccessActions;
import io.keygate.iam.action.ServiceLinkedRoleActions;
import io.keygate.iam.action.IamContext;
import io.keygate.iam.action.ServerCertificateActions;
import io.keygate.iam.action.ServiceSpecificCredentialActions;
import io.keygate.iam.action.SigningCertificateActions;
import io.keygate.iam.action.SshPublicKeyActions;
import io.keygate.mfa.MfaDeviceRepository;
import io.keygate.protocol.query.QueryAction;
import io.keygate.store.InfinispanStore;
import io.keygate.store.StoreEntities;

/**
 * The rest of the IAM API (issue #13): SSH public keys, signing and server certificates, service-specific
 * credentials, service-linked roles, account preferences, ListPoliciesGrantingServiceAccess, GetMFADevice and the
 * tags of instance profiles and MFA devices, over caches of their own.
 */
@ApplicationScoped
public class CredentialWiring {

    @Produces
    @Singleton
    CredentialStores credentialStores(InfinispanStore store) {
        return new CredentialStores(
                StoreEntities.repository(store, "ssh-public-keys", SshPublicKey.class, SshPublicKey::accountId,
                        SshPublicKey::sshPublicKeyId),
                StoreEntities.repository(store, "signing-certificates", SigningCertificate.class,
                        SigningCertificate::accountId, SigningCertificate::certificateId),
                StoreEntities.repository(store, "server-certificates", ServerCertificate.class,
                        ServerCertificate::accountId, ServerCertificate::name),
                StoreEntities.repository(store, "service-specific-credentials", ServiceSpecificCredential.class,
                        ServiceSpecificCredential::accountId, ServiceSpecificCredential::serviceSpecificCredentialId));
    }

    @Produces
    @Singleton
    AccountStores accountStores(InfinispanStore store) {
        return new AccountStores(
                StoreEntities.repository(store, "account-preferences", AccountPreferences.class,
                        AccountPreferences::accountId, AccountPreferences::name),
                StoreEntities.repository(store, "deletion-tasks", DeletionTask.class, DeletionTask::accountId,
                        DeletionTask::deletionTaskId));
    }

    @Produces
    @Singleton
    ActionSet moreIamActions(IamContext iam, AccountStores stores, PrincipalPolicies principals,
                             MfaDeviceRepository mfaDevices) {
        List<QueryAction<Caller>> actions = new ArrayList<>();
        actions.addAll(new ServiceLinkedRoleActions(iam, stores).actions());
        actions.addAll(new AccountPreferenceActions(iam, stores).actions());
        actions.addAll(new ServiceAccessActions(iam, principals).actions());
        actions.addAll(InstanceProfileTagActions.actions(iam));
        actions.addAll(new MfaDeviceActions(iam, mfaDevices).actions());
        return new ActionSet(actions);
    }

    @Produces
    @Singleton
    ActionSet credentialActions(IamContext iam, CredentialStores stores) {
        List<QueryAction<Caller>> actions = new ArrayList<>();
        actions.addAll(new SshPublicKeyActions(iam, stores).actions());
        actions.addAll(new SigningCertificateActions(iam, stores).actions());
        actions.addAll(new ServerCertificateActions(iam, stores).actions());
        actions.addAll(new ServiceSpecificCredentialActions(iam, stores).actions());
        return new ActionSet(actions);
    }
}
