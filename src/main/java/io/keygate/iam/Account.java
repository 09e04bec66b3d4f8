package io.keygate.iam;

import java.time.Instant;
import java.util.Objects;

/**
 * A tenant, like an AWS account: a 12-digit id that owns IAM entities and has a root principal.
 *
 * @param id      the 12-digit account id
 * @param alias   the account alias, or {@code null}
 * @param created when the account was created
 */
public record Account(String id, String alias, Instant created) {

    public Account {
        Objects.requireNonNull(id, "id");
        if (!isValidId(id)) {
            throw new IllegalArgumentException("Account id must be 12 digits");
        }
        Objects.requireNonNull(created, "created");
    }

    /** Whether {@code id} has the shape of an AWS account id: exactly 12 ASCII digits. */
    public static boolean isValidId(String id) {
        if (id == null || id.length() != 12) {
            return false;
        }
        for (int i = 0; i < 12; i++) {
            char c = id.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    public Account withAlias(String newAlias) {
        return new Account(id, newAlias, created);
    }

    /** The root principal's ARN, {@code arn:<partition>:iam::<id>:root}. */
    public String rootArn(Partition partition) {
        return "arn:" + partition.id() + ":iam::" + id + ":root";
    }
}
