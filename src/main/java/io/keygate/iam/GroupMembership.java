package io.keygate.iam;

import java.util.Objects;

/**
 * A user's membership of a group, kept in the user record. The group's unique id makes a membership of a deleted
 * group (or of a later group with the same name) recognisably stale.
 */
public record GroupMembership(String groupName, String groupId) {

    public GroupMembership {
        Objects.requireNonNull(groupName, "groupName");
        Objects.requireNonNull(groupId, "groupId");
    }
}
