package io.keygate.iam.action;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.keygate.auth.Caller;
import io.keygate.credentials.Base32;
import io.keygate.error.AwsErrorCode;
import io.keygate.error.EntityException;
import io.keygate.error.InvalidInputException;
import io.keygate.federation.saml.PemKeys;
import io.keygate.federation.saml.SamlMetadata;
import io.keygate.iam.SamlProvider;
import io.keygate.iam.SamlProviderRepository;
import io.keygate.iam.Tags;
import io.keygate.protocol.query.QueryAction;
import io.keygate.protocol.query.QueryParams;
import io.keygate.protocol.query.ResultWriter;

/**
 * SAML providers (IAM API reference): Create/Update/Get/List/DeleteSAMLProvider, Tag/UntagSAMLProvider and
 * ListSAMLProviderTags. The metadata (1,000–10,000,000 characters) is parsed with the hardened parser and must name
 * an entity id and at least one signing certificate ({@link SamlMetadata}). {@code AssertionEncryptionMode}
 * ({@code Required}/{@code Allowed}, default {@code Allowed}) and up to two uploaded private keys
 * ({@code AddPrivateKey}/{@code RemovePrivateKey}), sealed with the key ring at once and never returned:
 * GetSAMLProvider lists only their {@code KeyId} and {@code Timestamp}. At most 100 providers per account.
 */
public final class SamlProviderActions extends IamSupport {

    /** AWS's fixed quota of SAML providers per account. */
    public static final int MAX_PROVIDERS = 100;
    static final Pattern NAME = Pattern.compile("[\\w._-]+");
    static final Pattern PRIVATE_KEY = Pattern.compile("[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+");
    static final Pattern KEY_ID = Pattern.compile("[A-Z0-9]+");
    private static final Set<String> MODES = Set.of("Required", "Allowed");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SamlProviderRepository providers;

    public SamlProviderActions(IamContext iam, SamlProviderRepository providers) {
        super(iam);
        this.providers = providers;
    }

    public List<QueryAction<Caller>> actions() {
        return List.of(
                new IamAction("CreateSAMLProvider", this::create),
                new IamAction("UpdateSAMLProvider", this::update),
                new IamAction("GetSAMLProvider", this::get),
                new IamAction("ListSAMLProviders", this::list),
                new IamAction("DeleteSAMLProvider", this::delete),
                new IamAction("TagSAMLProvider", this::tag),
                new IamAction("UntagSAMLProvider", this::untag),
                new IamAction("ListSAMLProviderTags", this::listTags));
    }

    /** The actions whose request body may exceed the usual Query limit: they carry a metadata document. */
    public static final Set<String> LARGE_BODY_ACTIONS = Set.of("CreateSAMLProvider", "UpdateSAMLProvider");

    /** The longest metadata document, in characters (AWS). */
    public static final int MAX_METADATA = 10_000_000;

    ResultWriter create(QueryParams p, Caller caller) {
        String name = p.string("Name", true, 1, 128, NAME);
        String document = p.string("SAMLMetadataDocument", true, 1000, MAX_METADATA, null);
        String mode = mode(p);
        String pem = p.string("AddPrivateKey", false, 1, 16384, PRIVATE_KEY);
        Map<String, String> tags = tags(p, 50);
        String arn = arnPrefix(caller) + "saml-provider/" + name;
        authorize(caller, "CreateSAMLProvider", arn, requestContext(tags, null));
        SamlMetadata metadata = SamlMetadata.parse(document);
        List<SamlProvider.PrivateKey> keys = pem == null ? List.of() : List.of(sealed(arn, pem));
        if (providers.list(caller.accountId()).size() >= MAX_PROVIDERS) {
            throw limit("Cannot exceed quota for SAMLProvidersPerAccount: " + MAX_PROVIDERS);
        }
        SamlProvider provider = new SamlProvider(caller.accountId(), name, keyId(), iam.clock().instant(), document,
                metadata.entityId(), metadata.validUntil(), mode == null ? "Allowed" : mode, keys, tags);
        if (!providers.create(provider)) {
            throw exists("SAMLProvider " + name + " already exists.");
        }
        return xml -> {
            xml.element("SAMLProviderArn", arn);
            writeTags(xml, tags);
        };
    }

    ResultWriter update(QueryParams p, Caller caller) {
        String arn = providerArn(p);
        String document = p.string("SAMLMetadataDocument", false, 1000, MAX_METADATA, null);
        String mode = mode(p);
        String pem = p.string("AddPrivateKey", false, 1, 16384, PRIVATE_KEY);
        String remove = p.string("RemovePrivateKey", false, 22, 64, KEY_ID);
        if (document == null && mode == null && pem == null && remove == null) {
            throw new InvalidInputException(AwsErrorCode.InvalidInput, "Nothing to update: pass "
                    + "SAMLMetadataDocument, AssertionEncryptionMode, AddPrivateKey or RemovePrivateKey.");
        }
        provider(caller, "UpdateSAMLProvider", arn);
        SamlMetadata metadata = document == null ? null : SamlMetadata.parse(document);
        SamlProvider.PrivateKey added = pem == null ? null : sealed(arn, pem);
        providers.update(caller.accountId(), nameOf(arn), sp -> {
            SamlProvider next = sp;
            if (metadata != null) {
                next = next.withMetadata(document, metadata.entityId(), metadata.validUntil());
            }
            if (mode != null) {
                next = next.withEncryptionMode(mode);
            }
            List<SamlProvider.PrivateKey> keys = new ArrayList<>(next.privateKeys());
            if (remove != null && !keys.removeIf(k -> k.keyId().equals(remove))) {
                throw new EntityException(AwsErrorCode.NoSuchEntity, "The private key " + remove
                        + " does not belong to this SAML provider.");
            }
            if (added != null) {
                if (keys.size() >= SamlProvider.MAX_PRIVATE_KEYS) {
                    throw limit("A SAML provider holds at most " + SamlProvider.MAX_PRIVATE_KEYS
                            + " private keys: remove one first.");
                }
                keys.add(added);
            }
            // Required without uploaded keys is allowed: Keygate's SP key decrypts then.
            return next.withPrivateKeys(keys);
        }).orElseThrow(() -> noSuchProvider(arn));
        return xml -> xml.element("SAMLProviderArn", arn);
    }

    ResultWriter get(QueryParams p, Caller caller) {
        SamlProvider sp = provider(caller, "GetSAMLProvider", providerArn(p));
        return xml -> {
            xml.element("SAMLProviderUUID", sp.uuid())
                    .element("SAMLMetadataDocument", sp.metadataDocument())
                    .element("CreateDate", sp.created())
                    .element("ValidUntil", sp.validUntil())
                    .element("AssertionEncryptionMode", sp.assertionEncryptionMode());
            xml.start("PrivateKeyList");
            sp.privateKeys().forEach(k -> xml.start("member").element("KeyId", k.keyId())
                    .element("Timestamp", k.timestamp()).end());
            xml.end();
            writeTags(xml, sp.tags());
        };
    }

    ResultWriter list(QueryParams p, Caller caller) {
        authorize(caller, "ListSAMLProviders", "*");
        List<SamlProvider> all = providers.list(caller.accountId());
        return xml -> {
            xml.start("SAMLProviderList");
            all.forEach(sp -> xml.start("member").element("Arn", sp.arn(iam.partition()))
                    .element("ValidUntil", sp.validUntil()).element("CreateDate", sp.created()).end());
            xml.end();
        };
    }

    ResultWriter delete(QueryParams p, Caller caller) {
        String arn = providerArn(p);
        provider(caller, "DeleteSAMLProvider", arn);
        providers.delete(caller.accountId(), nameOf(arn), sp -> { }).orElseThrow(() -> noSuchProvider(arn));
        return ResultWriter.EMPTY;
    }

    ResultWriter tag(QueryParams p, Caller caller) {
        String arn = providerArn(p);
        Map<String, String> tags = tags(p, 50);
        if (tags.isEmpty()) {
            p.required("Tags.member.1.Key");
        }
        provider(caller, "TagSAMLProvider", arn, requestContext(tags, null));
        providers.update(caller.accountId(), nameOf(arn), sp -> {
            Map<String, String> merged = Tags.merge(sp.tags(), tags);
            checkTagQuota(merged);
            return sp.withTags(merged);
        }).orElseThrow(() -> noSuchProvider(arn));
        return ResultWriter.EMPTY;
    }

    ResultWriter untag(QueryParams p, Caller caller) {
        String arn = providerArn(p);
        List<String> keys = tagKeys(p);
        provider(caller, "UntagSAMLProvider", arn);
        providers.update(caller.accountId(), nameOf(arn), sp -> sp.withTags(Tags.remove(sp.tags(), keys)))
                .orElseThrow(() -> noSuchProvider(arn));
        return ResultWriter.EMPTY;
    }

    ResultWriter listTags(QueryParams p, Caller caller) {
        SamlProvider sp = provider(caller, "ListSAMLProviderTags", providerArn(p));
        return tagPage(sp.tags(), p);
    }

    // ----------------------------------------------------------------------------------------------------------

    private static String mode(QueryParams p) {
        String mode = p.raw("AssertionEncryptionMode");
        if (mode != null && !MODES.contains(mode)) {
            throw QueryParams.constraint("assertionEncryptionMode", mode,
                    "Member must satisfy enum value set: [Required, Allowed]");
        }
        return mode;
    }

    private static String providerArn(QueryParams p) {
        String arn = p.string("SAMLProviderArn", true, 20, 2048, null);
        validateArn(arn, "SAMLProviderArn");
        return arn;
    }

    private static String nameOf(String arn) {
        return arn.substring(arn.lastIndexOf('/') + 1);
    }

    private SamlProvider provider(Caller caller, String action, String arn) {
        return provider(caller, action, arn, Map.of());
    }

    private SamlProvider provider(Caller caller, String action, String arn, Map<String, List<String>> context) {
        authorize(caller, action, arn, context);
        String prefix = arnPrefix(caller) + "saml-provider/";
        if (!arn.startsWith(prefix) || !NAME.matcher(nameOf(arn)).matches()) {
            throw noSuchProvider(arn);
        }
        return providers.find(caller.accountId(), nameOf(arn)).orElseThrow(() -> noSuchProvider(arn));
    }

    private SamlProvider.PrivateKey sealed(String arn, String pem) {
        PemKeys.privateKey(pem); // refuses what is not a usable key, before anything is stored
        String keyId = keyId();
        return new SamlProvider.PrivateKey(keyId, iam.clock().instant(), iam.sealer().seal(arn + "#" + keyId, pem));
    }

    /** 26 characters of {@code [A-Z2-7]}: 130 random bits, the {@code [A-Z0-9]{22,64}} shape AWS gives ids. */
    private static String keyId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base32.encode(bytes).replace("=", "").toUpperCase(Locale.ROOT);
    }

    static EntityException noSuchProvider(String arn) {
        return new EntityException(AwsErrorCode.NoSuchEntity, "Manifest not found for arn " + echo(arn));
    }
}
