package io.keygate.iam;

import java.time.Instant;
import java.util.Objects;

/**
 * A long-term access key of a root principal or an IAM user. The secret is kept only sealed (encrypted under the
 * key ring); the clear secret is returned once, when the key is created.
 *
 * @param accessKeyId  the {@code AKIA…} id
 * @param accountId    the owning account
 * @param userName     the owning IAM user's name when last renamed (a lookup hint), or {@code null} for the root
 * @param userId       the owning IAM user's unique id ({@code AIDA…}), which decides ownership (see
 *                     {@link User#owns}); null for the root and for keys stored before it was recorded
 * @param sealedSecret the secret access key encrypted at rest
 * @param status       Active or Inactive
 * @param created      creation time
 * @param lastUsed     last successful authentication, or {@code null}
 */
public record AccessKey(String accessKeyId, String accountId, String userName, String userId, String sealedSecret,
                        Status status, Instant created, LastUsed lastUsed) {

    /** The states AWS defines for an access key. */
    public enum Status { Active, Inactive }

    /** When, where and for which service a key was last used. */
    public record LastUsed(Instant date, String serviceName, String region) {
    }

    public AccessKey {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(sealedSecret, "sealedSecret");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(created, "created");
    }

    public boolean isRoot() {
        return userName == null;
    }

    /** Whether this is a key of {@code user} (by its unique id, see {@link User#owns}). */
    public boolean belongsTo(User user) {
        return userName != null && accountId.equals(user.accountId()) && user.owns(userId, userName, created);
    }

    public boolean isActive() {
        return status == Status.Active;
    }

    public AccessKey withStatus(Status newStatus) {
        return new AccessKey(accessKeyId, accountId, userName, userId, sealedSecret, newStatus, created, lastUsed);
    }

    public AccessKey withUserName(String newUserName) {
        return new AccessKey(accessKeyId, accountId, newUserName, userId, sealedSecret, status, created, lastUsed);
    }

    public AccessKey withLastUsed(LastUsed used) {
        return new AccessKey(accessKeyId, accountId, userName, userId, sealedSecret, status, created, used);
    }

    @Override
    public String toString() {
        return "AccessKey[" + accessKeyId + ", account=" + accountId + ", user=" + userName + ", " + status + "]";
    }
}
