package io.keygate.bootstrap;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One YAML document of the bootstrap file: what should exist in one account. Keys are the IAM request parameters in
 * lower camel case; policy documents are YAML mappings or JSON strings; managed policies are named by ARN, or by name
 * (a policy of the same document, a customer managed policy of the account, or an AWS managed policy). Absent
 * collections are empty. Immutable.
 *
 * @param accountId the account (12 digits) that must already exist; null = the bootstrap account
 */
public record BootstrapDocument(String accountId, List<PolicySpec> policies, List<GroupSpec> groups,
                                List<UserSpec> users, List<RoleSpec> roles, List<OidcProviderSpec> oidcProviders,
                                List<SamlProviderSpec> samlProviders) {

    public BootstrapDocument {
        oidcProviders = copy(oidcProviders);
        samlProviders = copy(samlProviders);
        policies = copy(policies);
        groups = copy(groups);
        users = copy(users);
        roles = copy(roles);
    }

    /** A customer managed policy (CreatePolicy). */
    public record PolicySpec(String name, String path, String description, JsonNode document,
                             Map<String, String> tags) {
        public PolicySpec {
            tags = copy(tags);
        }
    }

    /** A group (CreateGroup) with its attached and inline policies. */
    public record GroupSpec(String name, String path, List<String> managedPolicies,
                            Map<String, JsonNode> inlinePolicies) {
        public GroupSpec {
            managedPolicies = copy(managedPolicies);
            inlinePolicies = copy(inlinePolicies);
        }
    }

    /** A user (CreateUser) with its groups, policies and optionally a login profile; never an access key. */
    public record UserSpec(String name, String path, Map<String, String> tags, String permissionsBoundary,
                           List<String> groups, List<String> managedPolicies, Map<String, JsonNode> inlinePolicies,
                           LoginProfileSpec loginProfile) {
        public UserSpec {
            tags = copy(tags);
            groups = copy(groups);
            managedPolicies = copy(managedPolicies);
            inlinePolicies = copy(inlinePolicies);
        }
    }

    /**
     * A console password (CreateLoginProfile). The password itself is never in the file: {@code passwordEnv} names
     * the environment variable that holds it.
     */
    public record LoginProfileSpec(String passwordEnv, Boolean passwordResetRequired) {
    }

    /** A role (CreateRole) with its trust policy, limits, tags and policies. */
    public record RoleSpec(String name, String path, String description, JsonNode assumeRolePolicyDocument,
                           Integer maxSessionDuration, String permissionsBoundary, Map<String, String> tags,
                           List<String> managedPolicies, Map<String, JsonNode> inlinePolicies) {
        public RoleSpec {
            tags = copy(tags);
            managedPolicies = copy(managedPolicies);
            inlinePolicies = copy(inlinePolicies);
        }
    }

    /**
     * An OpenID Connect provider (CreateOpenIDConnectProvider): its URL, the client ids (audiences) it accepts, and
     * the SHA-1 thumbprints of certificates trusted for its TLS besides the system CAs.
     */
    public record OidcProviderSpec(String url, List<String> clientIds, List<String> thumbprints,
                                   Map<String, String> tags) {
        public OidcProviderSpec {
            clientIds = copy(clientIds);
            thumbprints = copy(thumbprints);
            tags = copy(tags);
        }
    }

    /**
     * A SAML provider (CreateSAMLProvider): its name and the IdP's metadata, given inline ({@code metadataDocument})
     * or as a file ({@code metadataFile}, relative to the bootstrap file's directory; federation metadata of several
     * megabytes does not fit the 1 MiB bootstrap file); exactly one of the two. Never a private key: upload
     * decryption keys with UpdateSAMLProvider.
     *
     * @param assertionEncryptionMode {@code Required} or {@code Allowed}; null = {@code Allowed}
     */
    public record SamlProviderSpec(String name, String metadataDocument, String metadataFile,
                                   String assertionEncryptionMode, Map<String, String> tags) {
        public SamlProviderSpec {
            tags = copy(tags);
        }
    }

    private static <T> List<T> copy(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }

    /** Keeps the file's order (Map.copyOf would not). */
    private static <V> Map<String, V> copy(Map<String, V> map) {
        return map == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(map));
    }
}
