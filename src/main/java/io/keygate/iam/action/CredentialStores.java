package io.keygate.iam.action;

import java.util.Optional;

import io.keygate.iam.EntityRepository;
import io.keygate.iam.ServerCertificate;
import io.keygate.iam.ServiceSpecificCredential;
import io.keygate.iam.SigningCertificate;
import io.keygate.iam.SshPublicKey;
import io.keygate.iam.User;

/**
 * Store ports of the IAM credentials other than access keys and passwords. SSH keys, signing certificates and
 * service-specific credentials are named by their id within the account; server certificates by their name.
 */
public record CredentialStores(EntityRepository<SshPublicKey> sshKeys,
                               EntityRepository<SigningCertificate> signingCertificates,
                               EntityRepository<ServerCertificate> serverCertificates,
                               EntityRepository<ServiceSpecificCredential> serviceCredentials)
        implements HeldCredentials {

    /** DeleteUser's refusal while the user holds SSH public keys, signing certificates or service credentials. */
    @Override
    public Optional<String> conflict(User user) {
        String account = user.accountId();
        String id = user.userId();
        if (sshKeys.list(account).stream().anyMatch(k -> k.userId().equals(id))) {
            return Optional.of("Cannot delete entity, must delete SSH public keys first.");
        }
        if (signingCertificates.list(account).stream().anyMatch(c -> id.equals(c.userId()))) {
            return Optional.of("Cannot delete entity, must delete signing certificates first.");
        }
        if (serviceCredentials.list(account).stream().anyMatch(c -> c.userId().equals(id))) {
            return Optional.of("Cannot delete entity, must delete service-specific credentials first.");
        }
        return Optional.empty();
    }
}
