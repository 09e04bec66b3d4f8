package io.keygate.iam.action;

import java.util.List;
import java.util.Optional;

import io.keygate.auth.Caller;
import io.keygate.credentials.UniqueIdType;
import io.keygate.iam.EntityRepository;
import io.keygate.iam.Group;
import io.keygate.iam.GroupMembership;
import io.keygate.iam.User;
import io.keygate.protocol.query.Page;
import io.keygate.protocol.query.QueryAction;
import io.keygate.protocol.query.QueryParams;
import io.keygate.protocol.query.ResultWriter;

/**
 * Groups: Create/Get (with members)/Update/Delete/ListGroups, AddUserToGroup, RemoveUserFromGroup,
 * ListGroupsForUser. Membership is stored on the user (one atomic write per change) and the member list of a group
 * is computed from the users, so it can never disagree with them.
 */
public final class GroupActions extends IamSupport {

    public GroupActions(IamContext iam) {
        super(iam);
    }

    public List<QueryAction<Caller>> actions() {
        return List.of(
                new IamAction("CreateGroup", this::createGroup),
                new IamAction("GetGroup", this::getGroup),
                new IamAction("UpdateGroup", this::updateGroup),
                new IamAction("DeleteGroup", this::deleteGroup),
                new IamAction("ListGroups", this::listGroups),
                new IamAction("AddUserToGroup", this::addUser),
                new IamAction("RemoveUserFromGroup", this::removeUser),
                new IamAction("ListGroupsForUser", this::listGroupsForUser));
    }

    /** The users whose membership names this group (by unique id), sorted by name. */
    List<User> members(Group group) {
        return iam.users().list(group.accountId()).stream().filter(u -> u.isMemberOf(group.groupId())).toList();
    }

    /** The groups a user really belongs to: memberships of deleted groups are ignored. */
    List<Group> groupsOf(User user) {
        return user.groups().stream()
                .map(m -> iam.groups().find(user.accountId(), m.groupName())
                        .filter(g -> g.groupId().equals(m.groupId())))
                .flatMap(Optional::stream)
                .toList();
    }

    ResultWriter createGroup(QueryParams p, Caller caller) {
        String name = groupName(p, "GroupName");
        String path = path(p, "Path");
        authorize(caller, "CreateGroup", arnPrefix(caller) + "group" + path + name);
        Group group = new Group(caller.accountId(), iam.ids().uniqueId(UniqueIdType.GROUP), name, path,
                iam.clock().instant(), null, null);
        EntityRepository.Created created = iam.groups().create(group, caller.accountId(), iam.quotas().groups());
        if (created == EntityRepository.Created.OVER_QUOTA) {
            throw limit("Cannot exceed quota for GroupsPerAccount: " + iam.quotas().groups());
        }
        if (created == EntityRepository.Created.EXISTS) {
            throw exists("Group with name " + name + " already exists.");
        }
        return xml -> writeGroup(xml, "Group", group);
    }

    ResultWriter getGroup(QueryParams p, Caller caller) {
        String name = groupName(p, "GroupName");
        Group group = group(caller, "GetGroup", name);
        Page<User> page = Page.of(members(group), User::name, p);
        return xml -> {
            writeGroup(xml, "Group", group);
            xml.start("Users");
            page.items().forEach(u -> writeUser(xml, "member", u, false));
            xml.end();
            page.writeTail(xml);
        };
    }

    ResultWriter updateGroup(QueryParams p, Caller caller) {
        String name = groupName(p, "GroupName");
        String newName = p.string("NewGroupName", false, 1, 128, USER_NAME);
        String newPath = p.string("NewPath", false, 1, 512, PATH);
        Group group = group(caller, "UpdateGroup", name);
        String targetName = newName == null ? group.name() : newName;
        String targetPath = newPath == null ? group.path() : newPath;
        if (targetName.equalsIgnoreCase(group.name())) {
            iam.groups().update(caller.accountId(), name, g -> g.withName(targetName, targetPath))
                    .orElseThrow(() -> noSuchGroup(name));
        } else {
            authorize(caller, "UpdateGroup", arnPrefix(caller) + "group" + targetPath + targetName);
            if (!iam.groups().create(group.withName(targetName, targetPath))) {
                throw exists("Group with name " + targetName + " already exists.");
            }
            iam.groups().delete(caller.accountId(), name, g -> { });
        }
        // Memberships carry the group's name for listing: follow the rename (the unique id stays).
        for (User member : members(group)) {
            iam.users().update(caller.accountId(), member.name(), u -> u.withGroups(gs -> gs.stream()
                    .map(m -> m.groupId().equals(group.groupId()) ? new GroupMembership(targetName, m.groupId()) : m)
                    .toList()));
        }
        return ResultWriter.EMPTY;
    }

    ResultWriter deleteGroup(QueryParams p, Caller caller) {
        String name = groupName(p, "GroupName");
        Group group = group(caller, "DeleteGroup", name);
        if (!members(group).isEmpty()) {
            throw conflict("Cannot delete entity, must remove users from group first.");
        }
        iam.groups().delete(caller.accountId(), name, g -> {
            if (!g.inlinePolicies().isEmpty()) {
                throw conflict("Cannot delete entity, must delete policies first.");
            }
            if (!g.attachedPolicies().isEmpty()) {
                throw conflict("Cannot delete entity, must detach all policies first.");
            }
        }).orElseThrow(() -> noSuchGroup(name));
        return ResultWriter.EMPTY;
    }

    ResultWriter listGroups(QueryParams p, Caller caller) {
        String prefix = pathPrefix(p);
        authorize(caller, "ListGroups", arnPrefix(caller) + "group" + prefix);
        List<Group> all = iam.groups().list(caller.accountId()).stream()
                .filter(g -> g.path().startsWith(prefix)).toList();
        Page<Group> page = Page.of(all, Group::name, p);
        return xml -> {
            xml.start("Groups");
            page.items().forEach(g -> writeGroup(xml, "member", g));
            xml.end();
            page.writeTail(xml);
        };
    }

    ResultWriter addUser(QueryParams p, Caller caller) {
        String groupName = groupName(p, "GroupName");
        String userName = p.string("UserName", true, 1, 64, USER_NAME);
        Group group = group(caller, "AddUserToGroup", groupName);
        iam.users().find(caller.accountId(), userName).orElseThrow(() -> noSuchUser(userName));
        int quota = iam.quotas().groupsPerUser();
        iam.users().update(caller.accountId(), userName, u -> {
            if (u.isMemberOf(group.groupId())) {
                return u;
            }
            List<Group> live = groupsOf(u);
            if (live.size() >= quota) {
                throw limit("Cannot exceed quota for GroupsPerUser: " + quota);
            }
            return u.withGroups(gs -> {
                gs.removeIf(m -> live.stream().noneMatch(g -> g.groupId().equals(m.groupId())));
                gs.add(new GroupMembership(group.name(), group.groupId()));
                return gs;
            });
        }).orElseThrow(() -> noSuchUser(userName));
        // A concurrent DeleteGroup may have won: then the membership must not stay.
        if (iam.groups().find(caller.accountId(), groupName).filter(g -> g.groupId().equals(group.groupId()))
                .isEmpty()) {
            iam.users().update(caller.accountId(), userName,
                    u -> u.withGroups(gs -> gs.stream().filter(m -> !m.groupId().equals(group.groupId())).toList()));
            throw noSuchGroup(groupName);
        }
        return ResultWriter.EMPTY;
    }

    ResultWriter removeUser(QueryParams p, Caller caller) {
        String groupName = groupName(p, "GroupName");
        String userName = p.string("UserName", true, 1, 64, USER_NAME);
        Group group = group(caller, "RemoveUserFromGroup", groupName);
        User user = iam.users().find(caller.accountId(), userName).orElseThrow(() -> noSuchUser(userName));
        if (!user.isMemberOf(group.groupId())) {
            throw noSuchUser(userName);
        }
        iam.users().update(caller.accountId(), userName,
                u -> u.withGroups(gs -> gs.stream().filter(m -> !m.groupId().equals(group.groupId())).toList()));
        return ResultWriter.EMPTY;
    }

    ResultWriter listGroupsForUser(QueryParams p, Caller caller) {
        String userName = p.string("UserName", true, 1, 128, USER_NAME);
        User user = user(caller, "ListGroupsForUser", userName);
        List<Group> groups = groupsOf(user).stream()
                .sorted((a, b) -> a.name().compareToIgnoreCase(b.name())).toList();
        Page<Group> page = Page.of(groups, Group::name, p);
        return xml -> {
            xml.start("Groups");
            page.items().forEach(g -> writeGroup(xml, "member", g));
            xml.end();
            page.writeTail(xml);
        };
    }
}
