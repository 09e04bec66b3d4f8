package io.keygate.iam;

import java.util.Objects;

/**
 * A policy document as IAM stores it, before the policy engine compiles it.
 *
 * @param id       where it comes from, as the evaluation result will name it: a managed policy ARN (with
 *                 {@code :vN} version suffix where useful) or {@code user/<name>/inline/<policy>} style ids for
 *                 inline policies
 * @param kind     what kind of document it is (decides size limits and grammar)
 * @param document the JSON text
 */
public record StoredPolicy(String id, Kind kind, String document) {

    /** The document kinds IAM keeps. */
    public enum Kind { USER_INLINE, GROUP_INLINE, ROLE_INLINE, MANAGED, TRUST, BOUNDARY }

    public StoredPolicy {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(document, "document");
    }
}
