package io.keygate.iam;

import java.time.Instant;
import java.util.Objects;

/**
 * An X.509 signing certificate of an IAM user or of the account's root (UploadSigningCertificate).
 *
 * @param userId        the owning user's unique id, or {@code null} for the root
 * @param certificateId derived from the certificate (a certificate belongs to one principal of the account)
 */
public record SigningCertificate(String accountId, String userId, String certificateId, String body,
                                 AccessKey.Status status, Instant uploaded) {

    public SigningCertificate {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(certificateId, "certificateId");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(uploaded, "uploaded");
    }

    public SigningCertificate withStatus(AccessKey.Status newStatus) {
        return new SigningCertificate(accountId, userId, certificateId, body, newStatus, uploaded);
    }
}
