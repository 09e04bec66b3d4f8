package io.keygate.iam;

import java.time.Instant;
import java.util.Objects;

/**
 * The outcome of a DeleteServiceLinkedRole request, read back with GetServiceLinkedRoleDeletionStatus.
 *
 * @param deletionTaskId {@code task/aws-service-role/<service>/<role name>/<uuid>}
 * @param status         SUCCEEDED or FAILED (Keygate deletes at once, so a task is never pending)
 * @param reason         why it failed, or {@code null}
 */
public record DeletionTask(String accountId, String deletionTaskId, String status, String reason, Instant created) {

    public DeletionTask {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(deletionTaskId, "deletionTaskId");
        Objects.requireNonNull(status, "status");
    }
}
