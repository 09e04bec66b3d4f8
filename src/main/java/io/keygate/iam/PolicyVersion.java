package io.keygate.iam;

import java.time.Instant;
import java.util.Objects;

/** One version of a managed policy: {@code v1}, {@code v2}, … with its JSON document. */
public record PolicyVersion(String versionId, String document, Instant created) {

    public PolicyVersion {
        Objects.requireNonNull(versionId, "versionId");
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(created, "created");
    }
}
