package io.keygate.pool;

import java.util.List;
import java.util.Objects;

/**
 * How the role of a user signed in with one provider is chosen (Cognito Identity {@code RoleMapping}). Immutable.
 *
 * @param type                    {@code Token} (the token's {@code cognito:preferred_role} / {@code cognito:roles}) or
 *                                {@code Rules} (the first matching {@link Rule})
 * @param ambiguousRoleResolution {@code AuthenticatedRole} (fall back to the pool's authenticated role) or
 *                                {@code Deny}, when no role follows from the token
 * @param rules                   the rules in order ({@code Rules} only)
 */
public record RoleMapping(String type, String ambiguousRoleResolution, List<Rule> rules) {

    public RoleMapping {
        Objects.requireNonNull(type, "type");
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    /**
     * One rule: the claim's value compared with {@code value} by {@code matchType} ({@code Equals},
     * {@code Contains}, {@code StartsWith}, {@code NotEqual}) selects {@code roleArn}.
     */
    public record Rule(String claim, String matchType, String value, String roleArn) {

        public Rule {
            Objects.requireNonNull(claim, "claim");
            Objects.requireNonNull(matchType, "matchType");
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(roleArn, "roleArn");
        }

        /** Whether the claim value (null when absent) satisfies this rule. */
        public boolean matches(String claimValue) {
            if (claimValue == null) {
                return false;
            }
            return switch (matchType) {
                case "Equals" -> claimValue.equals(value);
                case "NotEqual" -> !claimValue.equals(value);
                case "StartsWith" -> claimValue.startsWith(value);
                case "Contains" -> claimValue.contains(value);
                default -> false;
            };
        }
    }
}
