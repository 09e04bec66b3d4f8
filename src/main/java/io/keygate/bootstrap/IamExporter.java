package io.keygate.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

import io.keygate.bootstrap.BootstrapDocument.GroupSpec;
import io.keygate.bootstrap.BootstrapDocument.OidcProviderSpec;
import io.keygate.bootstrap.BootstrapDocument.PolicySpec;
import io.keygate.bootstrap.BootstrapDocument.RoleSpec;
import io.keygate.bootstrap.BootstrapDocument.SamlProviderSpec;
import io.keygate.bootstrap.BootstrapDocument.UserSpec;
import io.keygate.iam.GroupMembership;
import io.keygate.iam.ManagedPolicy;
import io.keygate.iam.OidcProvider;
import io.keygate.iam.Partition;
import io.keygate.iam.SamlProvider;
import io.keygate.iam.SamlProviderRepository;
import io.keygate.iam.action.IamContext;

/**
 * Exports an account's IAM as a bootstrap document (docs/bootstrap.md): customer managed policies (default
 * version), groups, users and roles with their paths, tags, boundaries, group memberships, attached and inline
 * policies, OpenID Connect providers (URL, client ids, thumbprints, tags) and SAML providers (metadata inline,
 * assertion encryption mode, tags). Never a secret: no access key, no password (a login profile is not exported), no
 * SAML provider private key (AddPrivateKey; the YAML says so in a comment, they must be uploaded again). Managed
 * policies of the account are named by name, AWS managed policies by ARN, so that the document applies to another
 * account or a fresh broker and exports back to the same text.
 *
 * <p>Thread-safe; reads the store.
 */
public final class IamExporter {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS))
            .setDefaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_EMPTY,
                    JsonInclude.Include.NON_EMPTY))
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    /** Heads every export: what it leaves out on purpose. A comment, so the document itself stays the same. */
    static final String HEADER = "# Keygate IAM export (docs/bootstrap.md). Secrets are never exported: access keys,"
            + " console passwords\n# and SAML provider private keys (AddPrivateKey) must be added again after"
            + " applying this file.\n";

    private final IamContext iam;
    private final SamlProviderRepository samlProviders;

    /** @param samlProviders the store's SAML providers, or null where there are none to export */
    public IamExporter(IamContext iam, SamlProviderRepository samlProviders) {
        this.iam = iam;
        this.samlProviders = samlProviders;
    }

    /** The account's IAM as one bootstrap document. */
    public BootstrapDocument export(String accountId) {
        Partition partition = iam.partition();
        String ownPolicies = "arn:" + partition.id() + ":iam::" + accountId + ":policy/";
        List<PolicySpec> policies = new ArrayList<>();
        for (ManagedPolicy p : iam.policies().list(accountId)) {
            policies.add(new PolicySpec(p.name(), defaultPath(p.path()), p.description(),
                    json(p.defaultVersion().document()), p.tags()));
        }
        List<GroupSpec> groups = iam.groups().list(accountId).stream()
                .map(g -> new GroupSpec(g.name(), defaultPath(g.path()), names(g.attachedPolicies(), ownPolicies),
                        inline(g.inlinePolicies())))
                .toList();
        List<UserSpec> users = iam.users().list(accountId).stream()
                .map(u -> new UserSpec(u.name(), defaultPath(u.path()), u.tags(), u.permissionsBoundary(),
                        u.groups().stream().map(GroupMembership::groupName).sorted().toList(),
                        names(u.attachedPolicies(), ownPolicies), inline(u.inlinePolicies()), null))
                .toList();
        List<RoleSpec> roles = iam.roles().list(accountId).stream()
                .filter(r -> !r.path().startsWith("/aws-service-role/"))
                .map(r -> new RoleSpec(r.name(), defaultPath(r.path()), r.description(),
                        json(r.assumeRolePolicyDocument()),
                        r.maxSessionDuration() == 3600 ? null : r.maxSessionDuration(), r.permissionsBoundary(),
                        r.tags(), names(r.attachedPolicies(), ownPolicies), inline(r.inlinePolicies())))
                .toList();
        List<OidcProviderSpec> oidcProviders = iam.oidcProviders().list(accountId).stream()
                .sorted(Comparator.comparing(OidcProvider::url))
                .map(o -> new OidcProviderSpec(o.url(), o.clientIds(), o.thumbprints(), o.tags()))
                .toList();
        List<SamlProviderSpec> samlProviderSpecs = samlProviders == null ? List.of()
                : samlProviders.list(accountId).stream()
                        .sorted(Comparator.comparing(SamlProvider::name))
                        .map(IamExporter::samlProvider)
                        .toList();
        return new BootstrapDocument(accountId, policies, groups, users, roles, oidcProviders, samlProviderSpecs);
    }

    /** The provider without its private keys: the file may declare none (they are secrets). */
    private static SamlProviderSpec samlProvider(SamlProvider p) {
        String mode = p.encryptionRequired() ? p.assertionEncryptionMode() : null;
        return new SamlProviderSpec(p.name(), p.metadataDocument(), null, mode, p.tags());
    }

    /** The document as bootstrap YAML. */
    public static String yaml(BootstrapDocument document) {
        try {
            return HEADER + YAML.writeValueAsString(document);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the export", e);
        }
    }

    private static String defaultPath(String path) {
        return path == null || path.equals("/") ? null : path;
    }

    /** Policies of the account by name (their ARN names this account), others (AWS managed) by ARN; sorted. */
    private static List<String> names(List<String> arns, String ownPrefix) {
        return arns.stream().map(a -> a.startsWith(ownPrefix) && a.indexOf('/', ownPrefix.length()) < 0
                ? a.substring(ownPrefix.length()) : a).sorted().toList();
    }

    private static Map<String, JsonNode> inline(Map<String, String> policies) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        policies.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> out.put(e.getKey(), json(e.getValue())));
        return out;
    }

    private static JsonNode json(String document) {
        try {
            return JSON.readTree(document);
        } catch (IOException e) {
            throw new UncheckedIOException("A stored policy document is not JSON", e);
        }
    }
}
