package io.keygate.iam.action;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.keygate.auth.Caller;
import io.keygate.credentials.UniqueIdType;
import io.keygate.error.AwsErrorCode;
import io.keygate.error.EntityException;
import io.keygate.iam.EntityRepository;
import io.keygate.iam.Role;
import io.keygate.iam.Tags;
import io.keygate.policy.PolicyType;
import io.keygate.protocol.query.Page;
import io.keygate.protocol.query.QueryAction;
import io.keygate.protocol.query.QueryParams;
import io.keygate.protocol.query.ResultWriter;

/**
 * Roles: Create/Get/Update/Delete/ListRoles, UpdateRoleDescription, UpdateAssumeRolePolicy (the trust policy is
 * validated by the policy engine as a trust document), MaxSessionDuration 3,600–43,200, tags and the role
 * permissions boundary.
 */
public final class RoleActions extends IamSupport {

    public RoleActions(IamContext iam) {
        super(iam);
    }

    public List<QueryAction<Caller>> actions() {
        return List.of(
                new IamAction("CreateRole", this::createRole),
                new IamAction("GetRole", this::getRole),
                new IamAction("UpdateRole", this::updateRole),
                new IamAction("UpdateRoleDescription", this::updateDescription),
                new IamAction("UpdateAssumeRolePolicy", this::updateTrust),
                new IamAction("DeleteRole", this::deleteRole),
                new IamAction("ListRoles", this::listRoles),
                new IamAction("TagRole", this::tagRole),
                new IamAction("UntagRole", this::untagRole),
                new IamAction("ListRoleTags", this::listRoleTags),
                new IamAction("PutRolePermissionsBoundary", this::putBoundary),
                new IamAction("DeleteRolePermissionsBoundary", this::deleteBoundary));
    }

    ResultWriter createRole(QueryParams p, Caller caller) {
        String name = roleName(p, "RoleName");
        String path = path(p, "Path");
        String trust = document(p, "AssumeRolePolicyDocument");
        String description = p.string("Description", false, 0, 1000, DESCRIPTION);
        int maxSession = p.integer("MaxSessionDuration", 3600, 43_200, 3600);
        String boundary = p.string("PermissionsBoundary", false, 20, 2048, null);
        Map<String, String> tags = tags(p, 50);
        authorize(caller, "CreateRole", arnPrefix(caller) + "role" + path + name, requestContext(tags, boundary));
        checkSize(trust, iam.quotas().assumeRolePolicySize(), "ACLSizePerRole");
        validate(trust, PolicyType.TRUST);
        if (boundary != null) {
            requireBoundary(caller, boundary);
        }
        Role role = new Role(caller.accountId(), iam.ids().uniqueId(UniqueIdType.ROLE), name, path,
                iam.clock().instant(), trust, description, maxSession, tags, boundary, null, null, null, null);
        EntityRepository.Created created = iam.roles().create(role, caller.accountId(), iam.quotas().roles());
        if (created == EntityRepository.Created.OVER_QUOTA) {
            throw limit("Cannot exceed quota for RolesPerAccount: " + iam.quotas().roles());
        }
        if (created == EntityRepository.Created.EXISTS) {
            throw exists("Role with name " + name + " already exists.");
        }
        return xml -> writeRole(xml, "Role", role, RoleView.CREATED);
    }

    ResultWriter getRole(QueryParams p, Caller caller) {
        Role role = role(caller, "GetRole", roleName(p, "RoleName"));
        return xml -> writeRole(xml, "Role", role, RoleView.FULL);
    }

    ResultWriter updateRole(QueryParams p, Caller caller) {
        String name = roleName(p, "RoleName");
        String description = p.string("Description", false, 0, 1000, DESCRIPTION);
        Integer maxSession = p.integer("MaxSessionDuration", 3600, 43_200, null);
        role(caller, "UpdateRole", name);
        iam.roles().update(caller.accountId(), name, r -> r.withSettings(
                description == null ? r.description() : description,
                maxSession == null ? r.maxSessionDuration() : maxSession)).orElseThrow(() -> noSuchRole(name));
        return ResultWriter.NO_MEMBERS;
    }

    ResultWriter updateDescription(QueryParams p, Caller caller) {
        String name = roleName(p, "RoleName");
        String description = p.string("Description", true, 0, 1000, DESCRIPTION);
        role(caller, "UpdateRoleDescription", name);
        Role updated = iam.roles().update(caller.accountId(), name,
                r -> r.withSettings(description, r.maxSessionDuration())).orElseThrow(() -> noSuchRole(name));
        return xml -> writeRole(xml, "Role", updated, RoleView.FULL);
    }

    ResultWriter updateTrust(QueryParams p, Caller caller) {
        String name = roleName(p, "RoleName");
        String trust = document(p, "PolicyDocument");
        ServiceLinkedRoleActions.protect(role(caller, "UpdateAssumeRolePolicy", name));
        checkSize(trust, iam.quotas().assumeRolePolicySize(), "ACLSizePerRole");
        validate(trust, PolicyType.TRUST);
        iam.roles().update(caller.accountId(), name, r -> r.withTrustPolicy(trust))
                .orElseThrow(() -> noSuchRole(name));
        return ResultWriter.EMPTY;
    }

    ResultWriter deleteRole(QueryParams p, Caller caller) {
        String name = roleName(p, "RoleName");
        Role role = role(caller, "DeleteRole", name);
        ServiceLinkedRoleActions.protect(role);
        boolean inProfile = iam.instanceProfiles().list(caller.accountId()).stream()
                .anyMatch(ip -> ip.roleNames().stream().anyMatch(r -> r.equalsIgnoreCase(role.name())));
        if (inProfile) {
            throw conflict("Cannot delete entity, must remove roles from instance profile first.");
        }
        iam.roles().delete(caller.accountId(), name, r -> {
            if (!r.inlinePolicies().isEmpty()) {
                throw conflict("Cannot delete entity, must delete policies first.");
            }
            if (!r.attachedPolicies().isEmpty()) {
                throw conflict("Cannot delete entity, must detach all policies first.");
            }
        }).orElseThrow(() -> noSuchRole(name));
        return ResultWriter.EMPTY;
    }

    ResultWriter listRoles(QueryParams p, Caller caller) {
        String prefix = pathPrefix(p);
        authorize(caller, "ListRoles", arnPrefix(caller) + "role" + prefix);
        List<Role> all = iam.roles().list(caller.accountId()).stream()
                .filter(r -> r.path().startsWith(prefix)).toList();
        Page<Role> page = Page.of(all, Role::name, p);
        return xml -> {
            xml.start("Roles");
            page.items().forEach(r -> writeRole(xml, "member", r, RoleView.LISTED));
            xml.end();
            page.writeTail(xml);
        };
    }

    ResultWriter tagRole(QueryParams p, Caller caller) {
        String name = roleName(p, "RoleName");
        Map<String, String> tags = tags(p, 50);
        if (tags.isEmpty()) {
            p.required("Tags.member.1.Key");
        }
        role(caller, "TagRole", name, requestContext(tags, null));
        iam.roles().update(caller.accountId(), name, r -> {
            Map<String, String> merged = Tags.merge(r.tags(), tags);
            checkTagQuota(merged);
            return r.withTags(merged);
        }).orElseThrow(() -> noSuchRole(name));
        return ResultWriter.EMPTY;
    }

    ResultWriter untagRole(QueryParams p, Caller caller) {
        String name = roleName(p, "RoleName");
        List<String> keys = tagKeys(p);
        role(caller, "UntagRole", name);
        iam.roles().update(caller.accountId(), name, r -> r.withTags(Tags.remove(r.tags(), keys)))
                .orElseThrow(() -> noSuchRole(name));
        return ResultWriter.EMPTY;
    }

    ResultWriter listRoleTags(QueryParams p, Caller caller) {
        Role role = role(caller, "ListRoleTags", roleName(p, "RoleName"));
        return tagPage(role.tags(), p);
    }

    ResultWriter putBoundary(QueryParams p, Caller caller) {
        String name = roleName(p, "RoleName");
        String boundary = p.string("PermissionsBoundary", true, 20, 2048, null);
        role(caller, "PutRolePermissionsBoundary", name, Map.of("iam:PermissionsBoundary", List.of(boundary)));
        requireBoundary(caller, boundary);
        iam.roles().update(caller.accountId(), name, r -> r.withPermissionsBoundary(boundary))
                .orElseThrow(() -> noSuchRole(name));
        return ResultWriter.EMPTY;
    }

    ResultWriter deleteBoundary(QueryParams p, Caller caller) {
        String name = roleName(p, "RoleName");
        Role role = role(caller, "DeleteRolePermissionsBoundary", name);
        if (role.permissionsBoundary() == null) {
            throw new EntityException(AwsErrorCode.NoSuchEntity,
                    "The role with name " + name + " does not have a permissions boundary.");
        }
        iam.roles().update(caller.accountId(), name, r -> r.withPermissionsBoundary(null));
        return ResultWriter.EMPTY;
    }

    Optional<Role> find(Caller caller, String name) {
        return iam.roles().find(caller.accountId(), name);
    }
}
