package io.keygate.pool;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.keygate.error.AccessDeniedException;
import io.keygate.error.AwsErrorCode;

/**
 * Which role a signed-in identity gets (Cognito Identity "role-based access control"): without a role mapping for
 * its provider, the pool's authenticated role; with a {@code Token} mapping, the role named by the custom role ARN
 * when the token lists it in {@code cognito:roles}, else {@code cognito:preferred_role}, else the only role of
 * {@code cognito:roles}; with a {@code Rules} mapping, the role of the first rule whose claim matches (a list claim
 * matches when one of its values does). When nothing follows, {@code AmbiguousRoleResolution} decides: the
 * authenticated role, or a refusal. Stateless.
 */
public final class RoleChoice {

    public static final String ROLES_CLAIM = "cognito:roles";
    public static final String PREFERRED_ROLE_CLAIM = "cognito:preferred_role";

    private RoleChoice() {
    }

    /**
     * @param pool     the pool
     * @param provider the login provider's name (the key of its role mapping)
     * @param claims   the verified token's claims
     * @param custom   the {@code CustomRoleArn} asked for, or null
     * @return the role ARN
     */
    public static String role(IdentityPool pool, String provider, Map<String, Object> claims, String custom) {
        String authenticated = pool.roles().get("authenticated");
        RoleMapping mapping = pool.roleMappings().get(provider);
        String chosen = null;
        if (mapping == null) {
            chosen = authenticated;
        } else if (mapping.type().equals("Token")) {
            List<String> roles = values(claims.get(ROLES_CLAIM));
            String preferred = claims.get(PREFERRED_ROLE_CLAIM) instanceof String s ? s : null;
            if (custom != null) {
                if (roles.contains(custom) || custom.equals(preferred)) {
                    return custom;
                }
                throw notAuthorized("The CustomRoleArn is not one of the roles the login token lists.");
            }
            chosen = preferred != null ? preferred : roles.size() == 1 ? roles.get(0) : null;
        } else {
            for (RoleMapping.Rule rule : mapping.rules()) {
                List<String> values = values(claims.get(rule.claim()));
                if (values.stream().anyMatch(rule::matches)) {
                    chosen = rule.roleArn();
                    break;
                }
            }
        }
        if (chosen == null && mapping != null) {
            if (!"AuthenticatedRole".equals(mapping.ambiguousRoleResolution())) {
                throw notAuthorized("No role could be chosen for the login of " + provider
                        + " and the role mapping's AmbiguousRoleResolution is Deny.");
            }
            chosen = authenticated;
        }
        if (chosen == null) {
            throw noRole();
        }
        if (custom != null && !custom.equals(chosen)) {
            throw notAuthorized("The CustomRoleArn is not the role the identity pool gives this login.");
        }
        return chosen;
    }

    /** The unauthenticated role of the pool (guests). */
    public static String guestRole(IdentityPool pool, String custom) {
        String role = pool.roles().get("unauthenticated");
        if (role == null) {
            throw noRole();
        }
        if (custom != null && !custom.equals(role)) {
            throw notAuthorized("The CustomRoleArn is not the role the identity pool gives guests.");
        }
        return role;
    }

    private static List<String> values(Object claim) {
        List<String> out = new ArrayList<>();
        if (claim instanceof String s) {
            out.add(s);
        } else if (claim instanceof List<?> list) {
            list.forEach(v -> out.add(String.valueOf(v)));
        } else if (claim != null) {
            out.add(String.valueOf(claim));
        }
        return out;
    }

    static AccessDeniedException noRole() {
        return new AccessDeniedException(AwsErrorCode.InvalidIdentityPoolConfigurationException,
                "Invalid identity pool configuration. Check assigned IAM roles for this pool.");
    }

    static AccessDeniedException notAuthorized(String message) {
        return new AccessDeniedException(AwsErrorCode.NotAuthorizedException, message);
    }
}
