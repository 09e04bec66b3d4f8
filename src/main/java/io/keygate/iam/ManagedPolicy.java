package io.keygate.iam;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A managed policy: customer managed (owned by an account) or AWS managed ({@code accountId} = {@code aws},
 * predefined by Keygate and unmodifiable). All versions live inside this one record, so creating a version and
 * changing the default version are single atomic writes. Attachments are kept on the users, groups and roles and
 * counted when asked ({@code AttachmentCount}), never stored twice.
 *
 * @param versions          at most five versions, oldest first
 * @param defaultVersionId  the version that is in force
 * @param nextVersionNumber the number the next version gets (never reused, as in IAM)
 */
public record ManagedPolicy(String accountId, String policyId, String name, String path, String description,
                            Instant created, Instant updated, List<PolicyVersion> versions, String defaultVersionId,
                            int nextVersionNumber, Map<String, String> tags) {

    /** The pseudo account of AWS managed policies ({@code arn:aws:iam::aws:policy/…}). */
    public static final String AWS = "aws";

    public ManagedPolicy {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(policyId, "policyId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(updated, "updated");
        Objects.requireNonNull(defaultVersionId, "defaultVersionId");
        versions = List.copyOf(versions);
        tags = Tags.copy(tags);
    }

    /** {@code arn:<partition>:iam::<account or aws>:policy/<path><name>}. */
    public String arn(Partition partition) {
        return "arn:" + partition.id() + ":iam::" + accountId + ":policy" + path + name;
    }

    public boolean isAwsManaged() {
        return AWS.equals(accountId);
    }

    public Optional<PolicyVersion> version(String versionId) {
        return versions.stream().filter(v -> v.versionId().equals(versionId)).findFirst();
    }

    /** The default version (always present). */
    public PolicyVersion defaultVersion() {
        return version(defaultVersionId).orElseThrow();
    }

    public ManagedPolicy withVersion(PolicyVersion version, boolean setAsDefault, Instant now) {
        List<PolicyVersion> all = new ArrayList<>(versions);
        all.add(version);
        return new ManagedPolicy(accountId, policyId, name, path, description, created, now, all,
                setAsDefault ? version.versionId() : defaultVersionId, nextVersionNumber + 1, tags);
    }

    public ManagedPolicy withoutVersion(String versionId) {
        List<PolicyVersion> all = new ArrayList<>(versions);
        all.removeIf(v -> v.versionId().equals(versionId));
        return new ManagedPolicy(accountId, policyId, name, path, description, created, updated, all,
                defaultVersionId, nextVersionNumber, tags);
    }

    public ManagedPolicy withDefaultVersion(String versionId, Instant now) {
        return new ManagedPolicy(accountId, policyId, name, path, description, created, now, versions, versionId,
                nextVersionNumber, tags);
    }

    public ManagedPolicy withTags(Map<String, String> newTags) {
        return new ManagedPolicy(accountId, policyId, name, path, description, created, updated, versions,
                defaultVersionId, nextVersionNumber, newTags);
    }
}
