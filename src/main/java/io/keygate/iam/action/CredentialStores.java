package io.keygate.iam.action;

import io.keygate.iam.EntityRepository;
import io.keygate.iam.ServerCertificate;
import io.keygate.iam.ServiceSpecificCredential;
import io.keygate.iam.SigningCertificate;
import io.keygate.iam.SshPublicKey;

/**
 * Store ports of the IAM credentials other than access keys and passwords. SSH keys, signing certificates and
 * service-specific credentials are named by their id within the account; server certificates by their name.
 */
public record CredentialStores(EntityRepository<SshPublicKey> sshKeys,
                               EntityRepository<SigningCertificate> signingCertificates,
                               EntityRepository<ServerCertificate> serverCertificates,
                               EntityRepository<ServiceSpecificCredential> serviceCredentials) {
}
