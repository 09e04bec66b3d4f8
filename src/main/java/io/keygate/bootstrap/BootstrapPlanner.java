package io.keygate.bootstrap;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.keygate.bootstrap.BootstrapDocument.GroupSpec;
import io.keygate.bootstrap.BootstrapDocument.OidcProviderSpec;
import io.keygate.bootstrap.BootstrapDocument.PolicySpec;
import io.keygate.bootstrap.BootstrapDocument.RoleSpec;
import io.keygate.bootstrap.BootstrapDocument.SamlProviderSpec;
import io.keygate.bootstrap.BootstrapDocument.UserSpec;
import io.keygate.bootstrap.Plan.Entity;
import io.keygate.bootstrap.Plan.Step;
import io.keygate.iam.AwsManagedPolicies;
import io.keygate.iam.GroupMembership;
import io.keygate.iam.ManagedPolicy;
import io.keygate.iam.OidcProvider;
import io.keygate.iam.Role;
import io.keygate.iam.SamlProvider;
import io.keygate.iam.SamlProviderRepository;
import io.keygate.iam.User;
import io.keygate.iam.action.IamContext;
import io.keygate.iam.action.SamlProviderActions;

/**
 * Turns bootstrap documents into a {@link Plan}: the IAM requests that create each entity the store lacks, and a
 * drift note for each entity that exists with other content (left as it is: the file never overwrites). Checks only
 * what the IAM actions cannot (the account exists, each entity is named, policy references resolve, the password
 * variable is set); every IAM rule is left to the actions themselves. Reads the store, never writes it.
 *
 * <p>In policy documents and policy ARNs, {@code ${AWS::AccountId}} and {@code ${AWS::Partition}} (CloudFormation's
 * pseudo parameters) stand for the document's account and Keygate's partition, so one file fits any account.
 */
final class BootstrapPlanner {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final IamContext iam;
    private final SamlProviderRepository samlProviders;
    private final Function<String, String> environment;

    /**
     * @param samlProviders the store's SAML providers, or null where they cannot be declared
     * @param environment   reads an environment variable (null when unset)
     */
    BootstrapPlanner(IamContext iam, SamlProviderRepository samlProviders, Function<String, String> environment) {
        this.iam = iam;
        this.samlProviders = samlProviders;
        this.environment = environment;
    }

    /** @param source the bootstrap file; relative {@code metadataFile}s are read from its directory */
    Plan plan(String source, List<BootstrapDocument> documents, String defaultAccount) {
        List<Entity> entities = new ArrayList<>();
        List<String> drift = new ArrayList<>();
        for (int i = 0; i < documents.size(); i++) {
            BootstrapDocument document = documents.get(i);
            String where = "Bootstrap file " + source + ", document " + (i + 1);
            String account = document.accountId() == null ? defaultAccount : document.accountId();
            if (iam.accounts().find(account).isEmpty()) {
                throw new BootstrapFileException(where + ", field accountId: account " + account
                        + " does not exist; create it first (POST /api/v1/accounts)");
            }
            new DocumentPlan(where, account, document, entities, drift, directoryOf(source)).build();
        }
        return new Plan(entities, drift);
    }

    /** The directory of the bootstrap file named {@code source}: where relative file references point. */
    private static Path directoryOf(String source) {
        Path parent = Path.of(source).toAbsolutePath().getParent();
        return parent == null ? Path.of("").toAbsolutePath() : parent;
    }

    /** The plan of one document. */
    private final class DocumentPlan {
        private final String where;
        private final String account;
        private final BootstrapDocument document;
        private final List<Entity> entities;
        private final List<String> drift;
        private final Path base;

        DocumentPlan(String where, String account, BootstrapDocument document, List<Entity> entities,
                     List<String> drift, Path base) {
            this.where = where;
            this.account = account;
            this.document = document;
            this.entities = entities;
            this.drift = drift;
            this.base = base;
        }

        void build() {
            for (int i = 0; i < document.policies().size(); i++) {
                policy("policies[" + i + "]", document.policies().get(i));
            }
            for (int i = 0; i < document.groups().size(); i++) {
                group("groups[" + i + "]", document.groups().get(i));
            }
            for (int i = 0; i < document.users().size(); i++) {
                user("users[" + i + "]", document.users().get(i));
            }
            for (int i = 0; i < document.samlProviders().size(); i++) {
                samlProvider("samlProviders[" + i + "]", document.samlProviders().get(i));
            }
            for (int i = 0; i < document.roles().size(); i++) {
                role("roles[" + i + "]", document.roles().get(i));
            }
            for (int i = 0; i < document.oidcProviders().size(); i++) {
                oidcProvider("oidcProviders[" + i + "]", document.oidcProviders().get(i));
            }
        }

        private void oidcProvider(String at, OidcProviderSpec spec) {
            if (spec.url() == null || spec.url().isBlank()) {
                throw new BootstrapFileException(where + ", field " + at + ".url: a provider URL is required");
            }
            String label = "OIDC provider '" + spec.url() + "'";
            Optional<OidcProvider> existing = iam.oidcProviders().find(account, OidcProvider.idOf(spec.url()));
            if (existing.isPresent()) {
                OidcProvider o = existing.get();
                note(label, differences(
                        "clientIds", Set.copyOf(o.clientIds()).equals(Set.copyOf(spec.clientIds())),
                        "thumbprints", lower(o.thumbprints()).equals(lower(spec.thumbprints())),
                        "tags", o.tags().equals(tagsOf(spec.tags()))));
                return;
            }
            Request create = new Request("CreateOpenIDConnectProvider", at)
                    .param("Url", spec.url(), at + ".url")
                    .tags(spec.tags(), at + ".tags");
            for (int i = 0; i < spec.clientIds().size(); i++) {
                create.param("ClientIDList.member." + (i + 1), spec.clientIds().get(i), at + ".clientIds");
            }
            for (int i = 0; i < spec.thumbprints().size(); i++) {
                create.param("ThumbprintList.member." + (i + 1), spec.thumbprints().get(i), at + ".thumbprints");
            }
            entities.add(new Entity(where, label, account, List.of(create.step())));
        }

        private void samlProvider(String at, SamlProviderSpec spec) {
            String label = "SAML provider '" + named(at, spec.name()) + "'";
            if (samlProviders == null) {
                throw error(label, at, "SAML providers cannot be declared here");
            }
            String metadata = metadata(label, at, spec);
            String mode = spec.assertionEncryptionMode() == null ? "Allowed" : spec.assertionEncryptionMode();
            Optional<SamlProvider> existing = samlProviders.find(account, spec.name());
            if (existing.isPresent()) {
                SamlProvider sp = existing.get();
                note(label, differences(
                        "metadata", sp.metadataDocument().equals(metadata),
                        "assertionEncryptionMode", sp.assertionEncryptionMode().equals(mode),
                        "tags", sp.tags().equals(tagsOf(spec.tags()))));
                return;
            }
            String metadataField = at + (spec.metadataFile() != null ? ".metadataFile" : ".metadataDocument");
            Request create = new Request("CreateSAMLProvider", at)
                    .param("Name", spec.name(), at + ".name")
                    .param("SAMLMetadataDocument", metadata, metadataField)
                    .param("AssertionEncryptionMode", spec.assertionEncryptionMode(), at + ".assertionEncryptionMode")
                    .tags(spec.tags(), at + ".tags");
            entities.add(new Entity(where, label, account, List.of(create.step())));
        }

        /** The metadata written inline, or read from {@code metadataFile} (relative to the bootstrap file). */
        private String metadata(String label, String at, SamlProviderSpec spec) {
            boolean inline = spec.metadataDocument() != null && !spec.metadataDocument().isBlank();
            boolean file = spec.metadataFile() != null && !spec.metadataFile().isBlank();
            if (inline == file) {
                throw error(label, at, "give the IdP metadata either inline (metadataDocument) or as a file "
                        + "(metadataFile), exactly one of them");
            }
            if (inline) {
                return spec.metadataDocument();
            }
            Path path = base.resolve(spec.metadataFile());
            String field = at + ".metadataFile";
            try {
                // UTF-8 takes at most 4 bytes a character: a larger file cannot be within the IAM limit.
                if (Files.size(path) > 4L * SamlProviderActions.MAX_METADATA) {
                    throw error(label, field, path + " is larger than the " + SamlProviderActions.MAX_METADATA
                            + " characters a SAML metadata document may have");
                }
                return Files.readString(path, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                throw error(label, field, path + " does not exist");
            } catch (IOException e) {
                throw error(label, field, path + " cannot be read: " + e.getMessage());
            }
        }

        private void policy(String at, PolicySpec spec) {
            String label = "managed policy '" + named(at, spec.name()) + "'";
            String document = text(spec.document());
            Optional<ManagedPolicy> existing = iam.policies().find(account, spec.name());
            if (existing.isPresent()) {
                ManagedPolicy p = existing.get();
                note(label, differences(
                        "path", Objects.equals(p.path(), pathOf(spec.path())),
                        "description", Objects.equals(p.description(), spec.description()),
                        "document", sameJson(p.defaultVersion().document(), document),
                        "tags", p.tags().equals(tagsOf(spec.tags()))));
                return;
            }
            Request create = new Request("CreatePolicy", at)
                    .param("PolicyName", spec.name(), at + ".name")
                    .param("Path", spec.path(), at + ".path")
                    .param("PolicyDocument", document, at + ".document")
                    .param("Description", spec.description(), at + ".description")
                    .tags(spec.tags(), at + ".tags");
            entities.add(new Entity(where, label, account, List.of(create.step())));
        }

        private void group(String at, GroupSpec spec) {
            String label = "group '" + named(at, spec.name()) + "'";
            List<String> attached = arns(label, at + ".managedPolicies", spec.managedPolicies());
            var existing = iam.groups().find(account, spec.name());
            if (existing.isPresent()) {
                var g = existing.get();
                note(label, differences(
                        "path", Objects.equals(g.path(), pathOf(spec.path())),
                        "managedPolicies", Set.copyOf(g.attachedPolicies()).equals(Set.copyOf(attached)),
                        "inlinePolicies", sameInline(g.inlinePolicies(), spec.inlinePolicies())));
                return;
            }
            List<Step> steps = new ArrayList<>();
            steps.add(new Request("CreateGroup", at)
                    .param("GroupName", spec.name(), at + ".name")
                    .param("Path", spec.path(), at + ".path").step());
            policies(steps, "Group", "GroupName", spec.name(), at, attached, spec.inlinePolicies());
            entities.add(new Entity(where, label, account, steps));
        }

        private void user(String at, UserSpec spec) {
            String label = "user '" + named(at, spec.name()) + "'";
            List<String> attached = arns(label, at + ".managedPolicies", spec.managedPolicies());
            String boundary = spec.permissionsBoundary() == null ? null
                    : arn(label, at + ".permissionsBoundary", spec.permissionsBoundary());
            Optional<User> existing = iam.users().find(account, spec.name());
            if (existing.isPresent()) {
                User u = existing.get();
                note(label, differences(
                        "path", Objects.equals(u.path(), pathOf(spec.path())),
                        "tags", u.tags().equals(tagsOf(spec.tags())),
                        "permissionsBoundary", Objects.equals(u.permissionsBoundary(), boundary),
                        "groups", lower(u.groups().stream().map(GroupMembership::groupName).toList())
                                .equals(lower(spec.groups())),
                        "managedPolicies", Set.copyOf(u.attachedPolicies()).equals(Set.copyOf(attached)),
                        "inlinePolicies", sameInline(u.inlinePolicies(), spec.inlinePolicies()),
                        "loginProfile", (u.loginProfile() != null) == (spec.loginProfile() != null)));
                return;
            }
            List<Step> steps = new ArrayList<>();
            steps.add(new Request("CreateUser", at)
                    .param("UserName", spec.name(), at + ".name")
                    .param("Path", spec.path(), at + ".path")
                    .param("PermissionsBoundary", boundary, at + ".permissionsBoundary")
                    .tags(spec.tags(), at + ".tags").step());
            for (int i = 0; i < spec.groups().size(); i++) {
                steps.add(new Request("AddUserToGroup", at + ".groups[" + i + "]")
                        .param("GroupName", spec.groups().get(i), null)
                        .param("UserName", spec.name(), null).step());
            }
            policies(steps, "User", "UserName", spec.name(), at, attached, spec.inlinePolicies());
            if (spec.loginProfile() != null) {
                String field = at + ".loginProfile.passwordEnv";
                String variable = spec.loginProfile().passwordEnv();
                if (variable == null || variable.isBlank()) {
                    throw error(label, field, "name the environment variable that holds the password "
                            + "(passwords are never written in the file)");
                }
                String password = environment.apply(variable);
                if (password == null || password.isEmpty()) {
                    throw error(label, field, "environment variable " + variable + " is not set");
                }
                Boolean reset = spec.loginProfile().passwordResetRequired();
                steps.add(new Request("CreateLoginProfile", field)
                        .param("UserName", spec.name(), null)
                        .param("Password", password, null)
                        .param("PasswordResetRequired", reset == null ? null : reset.toString(),
                                at + ".loginProfile.passwordResetRequired").step());
            }
            entities.add(new Entity(where, label, account, steps));
        }

        private void role(String at, RoleSpec spec) {
            String label = "role '" + named(at, spec.name()) + "'";
            List<String> attached = arns(label, at + ".managedPolicies", spec.managedPolicies());
            String boundary = spec.permissionsBoundary() == null ? null
                    : arn(label, at + ".permissionsBoundary", spec.permissionsBoundary());
            String trust = text(spec.assumeRolePolicyDocument());
            Optional<Role> existing = iam.roles().find(account, spec.name());
            if (existing.isPresent()) {
                Role r = existing.get();
                int maxSession = spec.maxSessionDuration() == null ? 3600 : spec.maxSessionDuration();
                note(label, differences(
                        "path", Objects.equals(r.path(), pathOf(spec.path())),
                        "description", Objects.equals(r.description(), spec.description()),
                        "assumeRolePolicyDocument", sameJson(r.assumeRolePolicyDocument(), trust),
                        "maxSessionDuration", r.maxSessionDuration() == maxSession,
                        "permissionsBoundary", Objects.equals(r.permissionsBoundary(), boundary),
                        "tags", r.tags().equals(tagsOf(spec.tags())),
                        "managedPolicies", Set.copyOf(r.attachedPolicies()).equals(Set.copyOf(attached)),
                        "inlinePolicies", sameInline(r.inlinePolicies(), spec.inlinePolicies())));
                return;
            }
            List<Step> steps = new ArrayList<>();
            steps.add(new Request("CreateRole", at)
                    .param("RoleName", spec.name(), at + ".name")
                    .param("Path", spec.path(), at + ".path")
                    .param("AssumeRolePolicyDocument", trust, at + ".assumeRolePolicyDocument")
                    .param("Description", spec.description(), at + ".description")
                    .param("MaxSessionDuration", spec.maxSessionDuration() == null ? null
                            : spec.maxSessionDuration().toString(), at + ".maxSessionDuration")
                    .param("PermissionsBoundary", boundary, at + ".permissionsBoundary")
                    .tags(spec.tags(), at + ".tags").step());
            policies(steps, "Role", "RoleName", spec.name(), at, attached, spec.inlinePolicies());
            entities.add(new Entity(where, label, account, steps));
        }

        /** Attach{Kind}Policy for each managed policy, then Put{Kind}Policy for each inline policy. */
        private void policies(List<Step> steps, String kind, String parameter, String name, String at,
                              List<String> attached, Map<String, JsonNode> inline) {
            for (int i = 0; i < attached.size(); i++) {
                steps.add(new Request("Attach" + kind + "Policy", at + ".managedPolicies[" + i + "]")
                        .param(parameter, name, null)
                        .param("PolicyArn", attached.get(i), null).step());
            }
            for (Map.Entry<String, JsonNode> e : inline.entrySet()) {
                String field = at + ".inlinePolicies." + e.getKey();
                steps.add(new Request("Put" + kind + "Policy", field)
                        .param(parameter, name, null)
                        .param("PolicyName", e.getKey(), field)
                        .param("PolicyDocument", text(e.getValue()), field).step());
            }
        }

        // ------------------------------------------------------------ policy references

        private List<String> arns(String label, String at, List<String> references) {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < references.size(); i++) {
                out.add(arn(label, at + "[" + i + "]", references.get(i)));
            }
            return out;
        }

        /**
         * An ARN as written, or the ARN of the policy with that name: one of this document, a customer managed
         * policy of the account, or an AWS managed policy, in that order.
         */
        private String arn(String label, String at, String reference) {
            if (reference == null || reference.isBlank()) {
                throw error(label, at, "a managed policy name or ARN is required");
            }
            if (reference.startsWith("arn:")) {
                return substitute(reference);
            }
            String partition = iam.partition().id();
            for (PolicySpec p : document.policies()) {
                if (reference.equalsIgnoreCase(p.name())) {
                    return "arn:" + partition + ":iam::" + account + ":policy" + pathOf(p.path()) + p.name();
                }
            }
            return iam.policies().find(account, reference)
                    .or(() -> AwsManagedPolicies.find(reference))
                    .map(p -> p.arn(iam.partition()))
                    .orElseThrow(() -> error(label, at, "no managed policy is named " + reference
                            + " (in this document, in account " + account + " or among the AWS managed policies)"));
        }

        // ------------------------------------------------------------ helpers

        /** A document of this account: {@code ${AWS::AccountId}} and {@code ${AWS::Partition}} substituted. */
        private String text(JsonNode document) {
            return substitute(BootstrapPlanner.text(document));
        }

        private String substitute(String value) {
            return value == null ? null : value.replace("${AWS::AccountId}", account)
                    .replace("${AWS::Partition}", iam.partition().id());
        }

        private boolean sameInline(Map<String, String> stored, Map<String, JsonNode> wanted) {
            if (stored.size() != wanted.size()) {
                return false;
            }
            for (Map.Entry<String, JsonNode> e : wanted.entrySet()) {
                if (!sameJson(stored.get(e.getKey()), text(e.getValue()))) {
                    return false;
                }
            }
            return true;
        }

        private String named(String at, String name) {
            if (name == null || name.isBlank()) {
                throw new BootstrapFileException(where + ", field " + at + ".name: a name is required");
            }
            return name;
        }

        private void note(String label, List<String> differing) {
            if (!differing.isEmpty()) {
                drift.add(where + ": " + label + " exists and differs from the file in "
                        + String.join(", ", differing) + "; left as it is");
            }
        }

        private BootstrapFileException error(String label, String field, String message) {
            return new BootstrapFileException(where + ", " + label + ", field " + field + ": " + message);
        }
    }

    /** One IAM request being built from YAML fields. */
    private static final class Request {
        private final String action;
        private final String field;
        private final Map<String, String> params = new LinkedHashMap<>();
        private final Map<String, String> fields = new LinkedHashMap<>();

        Request(String action, String field) {
            this.action = action;
            this.field = field;
        }

        Request param(String name, String value, String yamlField) {
            if (value != null) {
                params.put(name, value);
            }
            if (yamlField != null) {
                fields.put(name, yamlField);
            }
            return this;
        }

        Request tags(Map<String, String> tags, String yamlField) {
            int i = 1;
            for (Map.Entry<String, String> t : tags.entrySet()) {
                params.put("Tags.member." + i + ".Key", t.getKey());
                params.put("Tags.member." + i + ".Value", t.getValue() == null ? "" : t.getValue());
                i++;
            }
            fields.put("Tags", yamlField);
            return this;
        }

        Step step() {
            return new Step(action, params, field, fields);
        }
    }

    private static List<String> differences(Object... nameAndSame) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < nameAndSame.length; i += 2) {
            if (!(Boolean) nameAndSame[i + 1]) {
                out.add((String) nameAndSame[i]);
            }
        }
        return out;
    }

    /** A policy document as the IAM API takes it: a JSON string as written, or a YAML mapping as JSON. */
    static String text(JsonNode document) {
        if (document == null || document.isNull()) {
            return null;
        }
        if (document.isTextual()) {
            return document.asText();
        }
        try {
            return JSON.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean sameJson(String stored, String wanted) {
        if (stored == null || wanted == null) {
            return stored == wanted;
        }
        try {
            return JSON.readTree(stored).equals(JSON.readTree(wanted));
        } catch (JsonProcessingException e) {
            return stored.equals(wanted);
        }
    }

    private static String pathOf(String path) {
        return path == null ? "/" : path;
    }

    private static Map<String, String> tagsOf(Map<String, String> tags) {
        Map<String, String> out = new LinkedHashMap<>();
        tags.forEach((k, v) -> out.put(k, v == null ? "" : v));
        return out;
    }

    private static Set<String> lower(List<String> names) {
        return names.stream().map(n -> n.toLowerCase(Locale.ROOT)).collect(Collectors.toCollection(TreeSet::new));
    }
}
