package io.keygate.federation.saml;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * What the pipeline trusts for one registered SAML provider. Immutable; holds private keys, so never logged.
 *
 * @param providerArn        {@code arn:<partition>:iam::<account>:saml-provider/<name>}
 * @param accountId          the provider's account
 * @param providerName       the provider's name (for {@code saml:doc} and {@code NameQualifier})
 * @param entityId           the IdP's entity id from its metadata: the Issuer assertions must carry
 * @param certificates       the signing certificates from its metadata; only their keys verify signatures
 * @param encryptionRequired {@code AssertionEncryptionMode=Required}: a plain Assertion is refused
 * @param decryptionKeys     keys that may decrypt an EncryptedAssertion: the provider's uploaded private keys when it
 *                           has any, else Keygate's SP keys (newest first)
 */
public record SamlTrust(String providerArn, String accountId, String providerName, String entityId,
                        List<X509Certificate> certificates, boolean encryptionRequired,
                        List<PrivateKey> decryptionKeys) {

    public SamlTrust {
        Objects.requireNonNull(providerArn, "providerArn");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(providerName, "providerName");
        Objects.requireNonNull(entityId, "entityId");
        certificates = List.copyOf(certificates);
        decryptionKeys = List.copyOf(decryptionKeys);
    }

    @Override
    public String toString() {
        return "SamlTrust[" + providerArn + ", entityId=" + entityId + ", " + certificates.size() + " certificates, "
                + decryptionKeys.size() + " decryption keys]";
    }
}
