package io.keygate.iam;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * An IAM role: an identity with permissions that trusted principals assume. The trust policy, the role's inline
 * policies, attached managed policy ARNs, tags and boundary live in this one record.
 *
 * @param assumeRolePolicyDocument the trust policy JSON
 * @param description              up to 1,000 characters, or {@code null}
 * @param maxSessionDuration       3,600–43,200 seconds
 * @param lastUsed                 last time the role was assumed, or {@code null}
 * @param lastUsedRegion           the region of that use, or {@code null}
 */
public record Role(String accountId, String roleId, String name, String path, Instant created,
                   String assumeRolePolicyDocument, String description, int maxSessionDuration,
                   Map<String, String> tags, String permissionsBoundary, Map<String, String> inlinePolicies,
                   List<String> attachedPolicies, Instant lastUsed, String lastUsedRegion) {

    public Role {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(roleId, "roleId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(assumeRolePolicyDocument, "assumeRolePolicyDocument");
        tags = Tags.copy(tags);
        inlinePolicies = Tags.copy(inlinePolicies);
        attachedPolicies = attachedPolicies == null ? List.of() : List.copyOf(attachedPolicies);
    }

    /** {@code arn:<partition>:iam::<account>:role/<path><name>}. */
    public String arn(Partition partition) {
        return "arn:" + partition.id() + ":iam::" + accountId + ":role" + path + name;
    }

    public Role withTrustPolicy(String document) {
        return new Role(accountId, roleId, name, path, created, document, description, maxSessionDuration, tags,
                permissionsBoundary, inlinePolicies, attachedPolicies, lastUsed, lastUsedRegion);
    }

    public Role withSettings(String newDescription, int newMaxSessionDuration) {
        return new Role(accountId, roleId, name, path, created, assumeRolePolicyDocument, newDescription,
                newMaxSessionDuration, tags, permissionsBoundary, inlinePolicies, attachedPolicies, lastUsed,
                lastUsedRegion);
    }

    public Role withTags(Map<String, String> newTags) {
        return new Role(accountId, roleId, name, path, created, assumeRolePolicyDocument, description,
                maxSessionDuration, newTags, permissionsBoundary, inlinePolicies, attachedPolicies, lastUsed,
                lastUsedRegion);
    }

    public Role withPermissionsBoundary(String arn) {
        return new Role(accountId, roleId, name, path, created, assumeRolePolicyDocument, description,
                maxSessionDuration, tags, arn, inlinePolicies, attachedPolicies, lastUsed, lastUsedRegion);
    }

    public Role withInlinePolicies(Function<Map<String, String>, Map<String, String>> change) {
        return new Role(accountId, roleId, name, path, created, assumeRolePolicyDocument, description,
                maxSessionDuration, tags, permissionsBoundary, change.apply(new TreeMap<>(inlinePolicies)),
                attachedPolicies, lastUsed, lastUsedRegion);
    }

    public Role withAttachedPolicies(Function<List<String>, List<String>> change) {
        return new Role(accountId, roleId, name, path, created, assumeRolePolicyDocument, description,
                maxSessionDuration, tags, permissionsBoundary, inlinePolicies,
                change.apply(new ArrayList<>(attachedPolicies)), lastUsed, lastUsedRegion);
    }

    public Role withLastUsed(Instant when, String region) {
        return new Role(accountId, roleId, name, path, created, assumeRolePolicyDocument, description,
                maxSessionDuration, tags, permissionsBoundary, inlinePolicies, attachedPolicies, when, region);
    }
}
