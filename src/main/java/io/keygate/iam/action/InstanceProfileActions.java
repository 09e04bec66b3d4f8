package io.keygate.iam.action;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.keygate.auth.Caller;
import io.keygate.credentials.UniqueIdType;
import io.keygate.error.AwsErrorCode;
import io.keygate.error.EntityException;
import io.keygate.iam.EntityRepository;
import io.keygate.iam.InstanceProfile;
import io.keygate.iam.Role;
import io.keygate.protocol.query.Page;
import io.keygate.protocol.query.QueryAction;
import io.keygate.protocol.query.QueryParams;
import io.keygate.protocol.query.ResultWriter;
import io.keygate.protocol.query.XmlWriter;

/**
 * Instance profiles: Create/Get/Delete/ListInstanceProfiles, Add/RemoveRoleToInstanceProfile (one role per profile;
 * adding needs {@code iam:PassRole} on the role, as in AWS), ListInstanceProfilesForRole.
 */
public final class InstanceProfileActions extends IamSupport {

    public InstanceProfileActions(IamContext iam) {
        super(iam);
    }

    public List<QueryAction<Caller>> actions() {
        return List.of(
                new IamAction("CreateInstanceProfile", this::create),
                new IamAction("GetInstanceProfile", this::get),
                new IamAction("DeleteInstanceProfile", this::delete),
                new IamAction("ListInstanceProfiles", this::list),
                new IamAction("AddRoleToInstanceProfile", this::addRole),
                new IamAction("RemoveRoleFromInstanceProfile", this::removeRole),
                new IamAction("ListInstanceProfilesForRole", this::listForRole));
    }

    static String profileName(QueryParams p) {
        return p.string("InstanceProfileName", true, 1, 128, USER_NAME);
    }

    static EntityException noSuchProfile(String name) {
        return new EntityException(AwsErrorCode.NoSuchEntity, "Instance Profile " + name + " cannot be found.");
    }

    InstanceProfile profile(Caller caller, String action, String name) {
        Optional<InstanceProfile> found = iam.instanceProfiles().find(caller.accountId(), name);
        authorize(caller, action, found.map(ip -> ip.arn(iam.partition()))
                .orElse(arnPrefix(caller) + "instance-profile/" + name));
        return found.orElseThrow(() -> noSuchProfile(name));
    }

    void writeProfile(XmlWriter xml, String element, InstanceProfile ip) {
        xml.start(element)
                .element("Path", ip.path())
                .element("InstanceProfileName", ip.name())
                .element("InstanceProfileId", ip.instanceProfileId())
                .element("Arn", ip.arn(iam.partition()))
                .element("CreateDate", ip.created());
        xml.start("Roles");
        ip.roleNames().forEach(r -> iam.roles().find(ip.accountId(), r)
                .ifPresent(role -> writeRole(xml, "member", role, RoleView.LISTED)));
        xml.end();
        writeTags(xml, ip.tags());
        xml.end();
    }

    ResultWriter create(QueryParams p, Caller caller) {
        String name = profileName(p);
        String path = path(p, "Path");
        Map<String, String> tags = tags(p, 50);
        authorize(caller, "CreateInstanceProfile", arnPrefix(caller) + "instance-profile" + path + name,
                requestContext(tags, null));
        InstanceProfile ip = new InstanceProfile(caller.accountId(), iam.ids().uniqueId(UniqueIdType.INSTANCE_PROFILE),
                name, path, iam.clock().instant(), List.of(), tags);
        EntityRepository.Created created = iam.instanceProfiles().create(ip, caller.accountId(), iam.quotas().instanceProfiles());
        if (created == EntityRepository.Created.OVER_QUOTA) {
            throw limit("Cannot exceed quota for InstanceProfilesPerAccount: " + iam.quotas().instanceProfiles());
        }
        if (created == EntityRepository.Created.EXISTS) {
            throw exists("Instance Profile " + name + " already exists.");
        }
        return xml -> writeProfile(xml, "InstanceProfile", ip);
    }

    ResultWriter get(QueryParams p, Caller caller) {
        InstanceProfile ip = profile(caller, "GetInstanceProfile", profileName(p));
        return xml -> writeProfile(xml, "InstanceProfile", ip);
    }

    ResultWriter delete(QueryParams p, Caller caller) {
        String name = profileName(p);
        profile(caller, "DeleteInstanceProfile", name);
        iam.instanceProfiles().delete(caller.accountId(), name, ip -> {
            if (!ip.roleNames().isEmpty()) {
                throw conflict("Cannot delete entity, must remove roles from instance profile first.");
            }
        }).orElseThrow(() -> noSuchProfile(name));
        return ResultWriter.EMPTY;
    }

    ResultWriter list(QueryParams p, Caller caller) {
        String prefix = pathPrefix(p);
        authorize(caller, "ListInstanceProfiles", arnPrefix(caller) + "instance-profile" + prefix);
        List<InstanceProfile> all = iam.instanceProfiles().list(caller.accountId()).stream()
                .filter(ip -> ip.path().startsWith(prefix)).toList();
        Page<InstanceProfile> page = Page.of(all, InstanceProfile::name, p);
        return xml -> {
            xml.start("InstanceProfiles");
            page.items().forEach(ip -> writeProfile(xml, "member", ip));
            xml.end();
            page.writeTail(xml);
        };
    }

    ResultWriter addRole(QueryParams p, Caller caller) {
        String name = profileName(p);
        String roleName = roleName(p, "RoleName");
        profile(caller, "AddRoleToInstanceProfile", name);
        Role role = iam.roles().find(caller.accountId(), roleName).orElseThrow(() -> noSuchRole(roleName));
        authorize(caller, "PassRole", role.arn(iam.partition()),
                Map.of("iam:PassedToService", List.of("ec2.amazonaws.com")));
        int quota = iam.quotas().rolesPerInstanceProfile();
        iam.instanceProfiles().update(caller.accountId(), name, ip -> {
            if (ip.roleNames().stream().anyMatch(r -> r.equalsIgnoreCase(role.name()))) {
                return ip;
            }
            if (ip.roleNames().size() >= quota) {
                throw limit("Cannot exceed quota for InstanceSessionsPerInstanceProfile: " + quota);
            }
            List<String> roles = new java.util.ArrayList<>(ip.roleNames());
            roles.add(role.name());
            return ip.withRoles(roles);
        }).orElseThrow(() -> noSuchProfile(name));
        // A concurrent DeleteRole may have won: never keep a role that is gone.
        if (iam.roles().find(caller.accountId(), roleName).filter(r -> r.roleId().equals(role.roleId())).isEmpty()) {
            iam.instanceProfiles().update(caller.accountId(), name, ip -> ip.withRoles(ip.roleNames().stream()
                    .filter(r -> !r.equalsIgnoreCase(role.name())).toList()));
            throw noSuchRole(roleName);
        }
        return ResultWriter.EMPTY;
    }

    ResultWriter removeRole(QueryParams p, Caller caller) {
        String name = profileName(p);
        String roleName = roleName(p, "RoleName");
        profile(caller, "RemoveRoleFromInstanceProfile", name);
        iam.instanceProfiles().update(caller.accountId(), name, ip -> {
            if (ip.roleNames().stream().noneMatch(r -> r.equalsIgnoreCase(roleName))) {
                throw noSuchRole(roleName);
            }
            return ip.withRoles(ip.roleNames().stream().filter(r -> !r.equalsIgnoreCase(roleName)).toList());
        }).orElseThrow(() -> noSuchProfile(name));
        return ResultWriter.EMPTY;
    }

    ResultWriter listForRole(QueryParams p, Caller caller) {
        String roleName = roleName(p, "RoleName");
        role(caller, "ListInstanceProfilesForRole", roleName);
        List<InstanceProfile> all = iam.instanceProfiles().list(caller.accountId()).stream()
                .filter(ip -> ip.roleNames().stream().anyMatch(r -> r.equalsIgnoreCase(roleName))).toList();
        Page<InstanceProfile> page = Page.of(all, InstanceProfile::name, p);
        return xml -> {
            xml.start("InstanceProfiles");
            page.items().forEach(ip -> writeProfile(xml, "member", ip));
            xml.end();
            page.writeTail(xml);
        };
    }
}
