package io.keygate.iam;

import java.time.Instant;
import java.util.Objects;

/**
 * An SSH public key of an IAM user (UploadSSHPublicKey), used by services such as CodeCommit.
 *
 * @param userId      the owning user's unique id (stable across renames; a new user of the same name owns nothing)
 * @param body        the key in SSH encoding ({@code ssh-rsa AAAA…})
 * @param fingerprint MD5 of the key blob, colon-separated hex
 */
public record SshPublicKey(String accountId, String userId, String sshPublicKeyId, String body, String fingerprint,
                           AccessKey.Status status, Instant uploaded) {

    public SshPublicKey {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(sshPublicKeyId, "sshPublicKeyId");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(uploaded, "uploaded");
    }

    public SshPublicKey withStatus(AccessKey.Status newStatus) {
        return new SshPublicKey(accountId, userId, sshPublicKeyId, body, fingerprint, newStatus, uploaded);
    }
}
