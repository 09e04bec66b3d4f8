package io.keygate.app;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * IAM quotas ({@code keygate.iam.quotas.*}), AWS's defaults unless set (IAM User Guide, "IAM and AWS STS quotas").
 * Exceeding one is {@code LimitExceeded}.
 */
@ConfigMapping(prefix = "keygate.iam")
public interface IamConfig {

    /** Account-wide quotas. */
    Quotas quotas();

    /** The quotas; each applies per account or per entity as its name says. */
    interface Quotas {
        /** Users per account. */
        @WithDefault("5000")
        int users();

        /** Groups per account. */
        @WithDefault("300")
        int groups();

        /** Roles per account. */
        @WithDefault("1000")
        int roles();

        /** Customer managed policies per account. */
        @WithDefault("1500")
        int policies();

        /** Instance profiles per account. */
        @WithDefault("1000")
        int instanceProfiles();

        /** Groups a user can belong to. */
        @WithDefault("10")
        int groupsPerUser();

        /** Managed policies attached to one user. */
        @WithDefault("10")
        int attachedPoliciesPerUser();

        /** Managed policies attached to one group. */
        @WithDefault("10")
        int attachedPoliciesPerGroup();

        /** Managed policies attached to one role. */
        @WithDefault("10")
        int attachedPoliciesPerRole();

        /** Access keys per user (and for the root). */
        @WithDefault("2")
        int accessKeysPerUser();

        /** Versions kept per managed policy. */
        @WithDefault("5")
        int versionsPerPolicy();

        /** Roles per instance profile. */
        @WithDefault("1")
        int rolesPerInstanceProfile();

        /** Tags per entity. */
        @WithDefault("50")
        int tagsPerEntity();

        /** Aggregate size of a user's inline policies (characters, whitespace not counted). */
        @WithDefault("2048")
        int userPolicySize();

        /** Aggregate size of a group's inline policies. */
        @WithDefault("5120")
        int groupPolicySize();

        /** Aggregate size of a role's inline policies. */
        @WithDefault("10240")
        int rolePolicySize();

        /** Size of a role trust policy. */
        @WithDefault("2048")
        int assumeRolePolicySize();

        /** Size of a managed policy version. */
        @WithDefault("6144")
        int policySize();
    }
}
