package io.keygate.iam;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A server certificate (UploadServerCertificate): the certificate, its chain and its private key. The private key
 * is kept only sealed under the key ring and is never returned.
 *
 * @param sealedPrivateKey the PEM private key, sealed with the server certificate id as context
 * @param chain            the PEM chain, or {@code null}
 * @param expiration       the certificate's notAfter
 */
public record ServerCertificate(String accountId, String serverCertificateId, String name, String path,
                                String body, String chain, String sealedPrivateKey, Instant uploaded,
                                Instant expiration, Map<String, String> tags) {

    public ServerCertificate {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(serverCertificateId, "serverCertificateId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(sealedPrivateKey, "sealedPrivateKey");
        Objects.requireNonNull(uploaded, "uploaded");
        tags = Tags.copy(tags);
    }

    /** {@code arn:<partition>:iam::<account>:server-certificate<path><name>}. */
    public String arn(Partition partition) {
        return "arn:" + partition.id() + ":iam::" + accountId + ":server-certificate" + path + name;
    }

    public ServerCertificate renamed(String newName, String newPath) {
        return new ServerCertificate(accountId, serverCertificateId, newName, newPath, body, chain, sealedPrivateKey,
                uploaded, expiration, tags);
    }

    public ServerCertificate withTags(Map<String, String> newTags) {
        return new ServerCertificate(accountId, serverCertificateId, name, path, body, chain, sealedPrivateKey,
                uploaded, expiration, newTags);
    }

    @Override
    public String toString() {
        return "ServerCertificate[" + serverCertificateId + ", " + path + name + "]";
    }
}
