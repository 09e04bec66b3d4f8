package io.keygate.iam;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Store port: the policies that apply to an IAM principal right now, read at request time so that a change to a
 * user's, group's or role's policies applies at once to every credential derived from it.
 */
public interface PrincipalPolicies {

    /**
     * What applies to an IAM user or role.
     *
     * @param principalArn the user or role ARN
     * @param uniqueId     its unique id ({@code AIDA…}/{@code AROA…})
     * @param identity     inline and attached policies of the user and all its groups, or of the role
     * @param boundary     the permissions boundary's document, if one is set
     * @param tags         the principal's tags ({@code aws:PrincipalTag/*})
     */
    record Applicable(String principalArn, String uniqueId, List<StoredPolicy> identity,
                      Optional<StoredPolicy> boundary, Map<String, String> tags) {

        public Applicable {
            identity = List.copyOf(identity);
            tags = Map.copyOf(tags);
        }
    }

    /** The user's policies (its own and its groups'); empty if the user does not exist. */
    Optional<Applicable> forUser(String accountId, String userName);

    /** The role's permission policies, boundary and tags; empty if the role does not exist. */
    Optional<Applicable> forRole(String accountId, String roleName);

    /**
     * The group's inline and attached policies (no boundary, no tags: groups have neither); empty if the group does
     * not exist. The policy simulator uses it for a group {@code PolicySourceArn}.
     */
    default Optional<Applicable> forGroup(String accountId, String groupName) {
        return Optional.empty();
    }

    /** A managed policy's default version document (for {@code PolicyArns} session policies). */
    Optional<StoredPolicy> managedPolicy(String policyArn);
}
