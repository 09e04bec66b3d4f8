package io.keygate.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.keygate.error.AccessDeniedException;
import io.keygate.error.AwsErrorCode;

/** The role a login gets: the authenticated role, Token mappings, Rules mappings and AmbiguousRoleResolution. */
class RoleChoiceTest {

    private static final String PROVIDER = "idp.example/realms/Corp";
    private static final String AUTH = "arn:aws:iam::111122223333:role/user";
    private static final String ADMIN = "arn:aws:iam::111122223333:role/admin";
    private static final String READER = "arn:aws:iam::111122223333:role/reader";

    private static IdentityPool pool(Map<String, String> roles, Map<String, RoleMapping> mappings) {
        return new IdentityPool("111122223333", "us-east-1:0f0e", "p", true, false, Map.of(PROVIDER, "app"), null,
                List.of(), Map.of(), roles, mappings, Instant.EPOCH, Map.of());
    }

    @Test
    void roleWhenNoMappingThenAuthenticatedRoleAndWhenNoneThenInvalidConfiguration() {
        assertThat(RoleChoice.role(pool(Map.of("authenticated", AUTH), Map.of()), PROVIDER, Map.of(), null))
                .isEqualTo(AUTH);
        assertThatThrownBy(() -> RoleChoice.role(pool(Map.of(), Map.of()), PROVIDER, Map.of(), null))
                .isInstanceOfSatisfying(AccessDeniedException.class, e -> assertThat(e.code())
                        .isEqualTo(AwsErrorCode.InvalidIdentityPoolConfigurationException));
        assertThatThrownBy(() -> RoleChoice.role(pool(Map.of("authenticated", AUTH), Map.of()), PROVIDER, Map.of(),
                ADMIN)).isInstanceOfSatisfying(AccessDeniedException.class,
                        e -> assertThat(e.code()).isEqualTo(AwsErrorCode.NotAuthorizedException));
    }

    @Test
    void roleWhenTokenMappingThenPreferredRoleOrListedCustomRole() {
        IdentityPool pool = pool(Map.of("authenticated", AUTH),
                Map.of(PROVIDER, new RoleMapping("Token", "Deny", List.of())));
        Map<String, Object> claims = Map.of("cognito:roles", List.of(ADMIN, READER),
                "cognito:preferred_role", READER);
        assertThat(RoleChoice.role(pool, PROVIDER, claims, null)).isEqualTo(READER);
        assertThat(RoleChoice.role(pool, PROVIDER, claims, ADMIN)).isEqualTo(ADMIN);
        assertThat(RoleChoice.role(pool, PROVIDER, Map.of("cognito:roles", List.of(ADMIN)), null)).isEqualTo(ADMIN);
        assertThatThrownBy(() -> RoleChoice.role(pool, PROVIDER, claims, AUTH))
                .isInstanceOf(AccessDeniedException.class);
        // Two roles and no preference: ambiguous, and Deny refuses.
        assertThatThrownBy(() -> RoleChoice.role(pool, PROVIDER, Map.of("cognito:roles", List.of(ADMIN, READER)),
                null)).isInstanceOfSatisfying(AccessDeniedException.class,
                        e -> assertThat(e.code()).isEqualTo(AwsErrorCode.NotAuthorizedException));
    }

    @Test
    void roleWhenRulesMappingThenFirstMatchingRuleElseAmbiguousResolution() {
        List<RoleMapping.Rule> rules = List.of(
                new RoleMapping.Rule("groups", "Contains", "admins", ADMIN),
                new RoleMapping.Rule("email", "StartsWith", "reader@", READER));
        IdentityPool fallBack = pool(Map.of("authenticated", AUTH),
                Map.of(PROVIDER, new RoleMapping("Rules", "AuthenticatedRole", rules)));
        assertThat(RoleChoice.role(fallBack, PROVIDER, Map.of("groups", List.of("staff", "admins"),
                "email", "reader@example.com"), null)).isEqualTo(ADMIN);
        assertThat(RoleChoice.role(fallBack, PROVIDER, Map.of("email", "reader@example.com"), null))
                .isEqualTo(READER);
        assertThat(RoleChoice.role(fallBack, PROVIDER, Map.of("email", "someone@example.com"), null))
                .isEqualTo(AUTH);
        IdentityPool deny = pool(Map.of("authenticated", AUTH),
                Map.of(PROVIDER, new RoleMapping("Rules", "Deny", rules)));
        assertThatThrownBy(() -> RoleChoice.role(deny, PROVIDER, Map.of("email", "x@example.com"), null))
                .isInstanceOfSatisfying(AccessDeniedException.class,
                        e -> assertThat(e.code()).isEqualTo(AwsErrorCode.NotAuthorizedException));
        assertThat(new RoleMapping.Rule("sub", "NotEqual", "a", AUTH).matches("b")).isTrue();
        assertThat(new RoleMapping.Rule("sub", "Equals", "a", AUTH).matches("b")).isFalse();
    }

    @Test
    void guestRoleWhenPoolHasNoUnauthenticatedRoleThenInvalidConfiguration() {
        assertThat(RoleChoice.guestRole(pool(Map.of("unauthenticated", READER), Map.of()), null)).isEqualTo(READER);
        assertThatThrownBy(() -> RoleChoice.guestRole(pool(Map.of("authenticated", AUTH), Map.of()), null))
                .isInstanceOfSatisfying(AccessDeniedException.class, e -> assertThat(e.code())
                        .isEqualTo(AwsErrorCode.InvalidIdentityPoolConfigurationException));
    }
}
