package io.keygate.iam;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An IAM SAML provider: an identity provider's metadata registered in an account, the trust anchor for
 * AssumeRoleWithSAML ({@code Federated} principal {@code arn:<partition>:iam::<account>:saml-provider/<name>}).
 *
 * @param uuid                    {@code SAMLProviderUUID}: 22+ characters of {@code [A-Z0-9]}, new for each provider
 * @param metadataDocument        the metadata as uploaded (up to 10,000,000 characters)
 * @param entityId                the IdP entity id read from it
 * @param validUntil              the metadata's {@code validUntil}, or null
 * @param assertionEncryptionMode {@code Required} or {@code Allowed}
 * @param privateKeys             uploaded decryption keys, sealed at rest, at most two
 */
public record SamlProvider(String accountId, String name, String uuid, Instant created, String metadataDocument,
                           String entityId, Instant validUntil, String assertionEncryptionMode,
                           List<PrivateKey> privateKeys, Map<String, String> tags) {

    /** The most uploaded private keys a provider holds (one current, one next, for rotation). */
    public static final int MAX_PRIVATE_KEYS = 2;

    /**
     * An uploaded private key.
     *
     * @param keyId     the {@code KeyId} GetSAMLProvider lists
     * @param timestamp when it was added
     * @param sealed    the PEM text sealed with the key ring; never returned
     */
    public record PrivateKey(String keyId, Instant timestamp, String sealed) {

        public PrivateKey {
            Objects.requireNonNull(keyId, "keyId");
            Objects.requireNonNull(timestamp, "timestamp");
            Objects.requireNonNull(sealed, "sealed");
        }

        @Override
        public String toString() {
            return "PrivateKey[" + keyId + ", " + timestamp + "]";
        }
    }

    public SamlProvider {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(metadataDocument, "metadataDocument");
        Objects.requireNonNull(entityId, "entityId");
        Objects.requireNonNull(assertionEncryptionMode, "assertionEncryptionMode");
        privateKeys = privateKeys == null ? List.of() : List.copyOf(privateKeys);
        tags = Tags.copy(tags);
    }

    /** {@code arn:<partition>:iam::<account>:saml-provider/<name>}. */
    public String arn(Partition partition) {
        return "arn:" + partition.id() + ":iam::" + accountId + ":saml-provider/" + name;
    }

    public boolean encryptionRequired() {
        return "Required".equals(assertionEncryptionMode);
    }

    public SamlProvider withMetadata(String document, String newEntityId, Instant newValidUntil) {
        return new SamlProvider(accountId, name, uuid, created, document, newEntityId, newValidUntil,
                assertionEncryptionMode, privateKeys, tags);
    }

    public SamlProvider withEncryptionMode(String mode) {
        return new SamlProvider(accountId, name, uuid, created, metadataDocument, entityId, validUntil, mode,
                privateKeys, tags);
    }

    public SamlProvider withPrivateKeys(List<PrivateKey> keys) {
        return new SamlProvider(accountId, name, uuid, created, metadataDocument, entityId, validUntil,
                assertionEncryptionMode, keys, tags);
    }

    public SamlProvider withTags(Map<String, String> newTags) {
        return new SamlProvider(accountId, name, uuid, created, metadataDocument, entityId, validUntil,
                assertionEncryptionMode, privateKeys, newTags);
    }

    @Override
    public String toString() {
        return "SamlProvider[" + accountId + "/" + name + ", entityId=" + entityId + ", " + privateKeys.size()
                + " private keys]";
    }
}
