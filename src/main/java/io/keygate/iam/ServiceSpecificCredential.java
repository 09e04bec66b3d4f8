package io.keygate.iam;

import java.time.Instant;
import java.util.Objects;

/**
 * A service-specific credential of an IAM user (CreateServiceSpecificCredential): a user name and password for one
 * service. Only a hash of the password is kept; the password is shown once, at creation or reset.
 *
 * @param userId     the owning user's unique id
 * @param expiration when the credential expires ({@code CredentialAgeDays}), or {@code null}
 */
public record ServiceSpecificCredential(String accountId, String userId, String serviceSpecificCredentialId,
                                        String serviceName, String serviceUserName, String passwordHash,
                                        AccessKey.Status status, Instant created, Instant expiration) {

    public ServiceSpecificCredential {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(serviceSpecificCredentialId, "serviceSpecificCredentialId");
        Objects.requireNonNull(serviceName, "serviceName");
        Objects.requireNonNull(passwordHash, "passwordHash");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(created, "created");
    }

    public ServiceSpecificCredential withStatus(AccessKey.Status newStatus) {
        return new ServiceSpecificCredential(accountId, userId, serviceSpecificCredentialId, serviceName,
                serviceUserName, passwordHash, newStatus, created, expiration);
    }

    public ServiceSpecificCredential withPasswordHash(String hash) {
        return new ServiceSpecificCredential(accountId, userId, serviceSpecificCredentialId, serviceName,
                serviceUserName, hash, status, created, expiration);
    }

    @Override
    public String toString() {
        return "ServiceSpecificCredential[" + serviceSpecificCredentialId + ", " + serviceName + "]";
    }
}
