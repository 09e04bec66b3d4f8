package io.keygate.sts;

import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.keygate.credentials.SecretSealer;
import io.keygate.federation.saml.PemKeys;
import io.keygate.federation.saml.SamlMetadata;
import io.keygate.federation.saml.SamlTrust;
import io.keygate.iam.Partition;
import io.keygate.iam.SamlProvider;
import io.keygate.iam.SamlProviderRepository;

/**
 * Turns a registered {@link SamlProvider} into what the SAML pipeline trusts ({@link SamlTrust}): the signing
 * certificates of its metadata, its encryption mode, and the keys that decrypt its assertions (its uploaded keys,
 * opened with the key ring, else Keygate's SP keys). Parsed metadata is remembered per provider version (a
 * 10,000,000-character document is not parsed per request), and each uploaded key once opened is remembered by its
 * sealed text and the context it is bound to (an AES-GCM open and a PKCS#8 decode are not repeated per request;
 * a removed key is no longer listed by the provider and so no longer used, a re-uploaded or resealed one has a new
 * sealed text); both bounded caches. Thread-safe.
 */
public final class SamlTrusts {

    private static final int CACHE_LIMIT = 1_000;

    private final SamlProviderRepository providers;
    private final SecretSealer sealer;
    private final Supplier<List<PrivateKey>> spKeys;
    private final ConcurrentHashMap<String, SamlMetadata> parsed = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<OpenedKey, PrivateKey> opened = new ConcurrentHashMap<>();

    /** An uploaded key as sealed at rest: the sealing context ({@code <provider arn>#<key id>}) and the sealed text. */
    private record OpenedKey(String context, String sealed) {
    }

    /**
     * @param spKeys Keygate's SP decryption keys, newest first (created on first use)
     */
    public SamlTrusts(SamlProviderRepository providers, SecretSealer sealer, Supplier<List<PrivateKey>> spKeys) {
        this.providers = providers;
        this.sealer = sealer;
        this.spKeys = spKeys;
    }

    /** The provider {@code providerArn} names in {@code partition}, if it is registered. */
    public Optional<SamlTrust> forArn(String providerArn, Partition partition) {
        String[] p = providerArn.split(":", 6);
        if (p.length != 6 || !p[0].equals("arn") || !p[1].equals(partition.id()) || !p[2].equals("iam")
                || !p[5].startsWith("saml-provider/")) {
            return Optional.empty();
        }
        return providers.find(p[4], p[5].substring("saml-provider/".length()))
                .filter(sp -> sp.arn(partition).equals(providerArn))
                .map(sp -> trust(sp, partition));
    }

    private SamlTrust trust(SamlProvider sp, Partition partition) {
        String version = sp.arn(partition) + "#" + sp.uuid() + "#" + sp.metadataDocument().length() + "#"
                + sp.metadataDocument().hashCode();
        SamlMetadata metadata = parsed.get(version);
        if (metadata == null) {
            metadata = SamlMetadata.parse(sp.metadataDocument());
            if (parsed.size() >= CACHE_LIMIT) {
                parsed.clear();
            }
            parsed.put(version, metadata);
        }
        List<PrivateKey> keys = new ArrayList<>();
        for (SamlProvider.PrivateKey k : sp.privateKeys()) {
            keys.add(open(new OpenedKey(sp.arn(partition) + "#" + k.keyId(), k.sealed())));
        }
        if (keys.isEmpty()) {
            keys.addAll(spKeys.get());
        }
        return new SamlTrust(sp.arn(partition), sp.accountId(), sp.name(), metadata.entityId(),
                metadata.signingCertificates(), sp.encryptionRequired(), keys);
    }

    /** The uploaded key, opened with the key ring the first time (a key that does not open is never remembered). */
    private PrivateKey open(OpenedKey sealed) {
        PrivateKey key = opened.get(sealed);
        if (key == null) {
            key = PemKeys.privateKey(sealer.open(sealed.context(), sealed.sealed()));
            if (opened.size() >= CACHE_LIMIT) {
                opened.clear();
            }
            opened.put(sealed, key);
        }
        return key;
    }
}
