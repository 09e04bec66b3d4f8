package io.keygate.iam.action;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.keygate.auth.Caller;
import io.keygate.error.AwsErrorCode;
import io.keygate.error.InvalidInputException;
import io.keygate.iam.EntityRepository;
import io.keygate.iam.AccessKey;
import io.keygate.iam.ManagedPolicy;
import io.keygate.iam.Tags;
import io.keygate.iam.User;
import io.keygate.credentials.UniqueIdType;
import io.keygate.protocol.query.Page;
import io.keygate.protocol.query.QueryAction;
import io.keygate.protocol.query.QueryParams;
import io.keygate.protocol.query.ResultWriter;

/**
 * Users: CreateUser, GetUser, UpdateUser, DeleteUser, ListUsers, Tag/Untag/ListUserTags and the user permissions
 * boundary. Names are unique per account case-insensitively; DeleteUser refuses while the user still has access
 * keys, an enabled MFA device, a login profile, groups or policies, as IAM does.
 */
public final class UserActions extends IamSupport {

    private final HeldCredentials held;

    /** Actions whose DeleteUser looks for no SSH keys, signing certificates or service credentials. */
    public UserActions(IamContext iam) {
        this(iam, HeldCredentials.NONE);
    }

    /** @param held the user's credentials in other stores, which DeleteUser refuses to leave behind */
    public UserActions(IamContext iam, HeldCredentials held) {
        super(iam);
        this.held = java.util.Objects.requireNonNull(held, "held");
    }

    public List<QueryAction<Caller>> actions() {
        return List.of(
                new IamAction("CreateUser", this::createUser),
                new IamAction("GetUser", this::getUser),
                new IamAction("UpdateUser", this::updateUser),
                new IamAction("DeleteUser", this::deleteUser),
                new IamAction("ListUsers", this::listUsers),
                new IamAction("TagUser", this::tagUser),
                new IamAction("UntagUser", this::untagUser),
                new IamAction("ListUserTags", this::listUserTags),
                new IamAction("PutUserPermissionsBoundary", this::putBoundary),
                new IamAction("DeleteUserPermissionsBoundary", this::deleteBoundary));
    }

    ResultWriter createUser(QueryParams p, Caller caller) {
        String name = userName(p, "UserName", true);
        String path = path(p, "Path");
        String boundary = p.string("PermissionsBoundary", false, 20, 2048, null);
        Map<String, String> tags = tags(p, 50);
        authorize(caller, "CreateUser", arnPrefix(caller) + "user" + path + name, requestContext(tags, boundary));
        if (boundary != null) {
            requireBoundary(caller, boundary);
        }
        User user = User.create(caller.accountId(), iam.ids().uniqueId(UniqueIdType.USER), name, path,
                iam.clock().instant(), tags, boundary);
        EntityRepository.Created created = iam.users().create(user, caller.accountId(), iam.quotas().users());
        if (created == EntityRepository.Created.OVER_QUOTA) {
            throw limit("Cannot exceed quota for UsersPerAccount: " + iam.quotas().users());
        }
        if (created == EntityRepository.Created.EXISTS) {
            throw exists("User with name " + name + " already exists.");
        }
        return xml -> writeUser(xml, "User", user, true);
    }

    ResultWriter getUser(QueryParams p, Caller caller) {
        String name = p.string("UserName", false, 1, 128, USER_NAME);
        if (name == null) {
            if (caller.isRoot()) {
                authorize(caller, "GetUser", caller.arn());
                return xml -> xml.start("User")
                        .element("UserId", caller.accountId())
                        .element("Arn", caller.arn())
                        .element("CreateDate", iam.accounts().find(caller.accountId())
                                .map(a -> a.created()).orElse(null))
                        .end();
            }
            if (caller.userName() == null) {
                throw new InvalidInputException(AwsErrorCode.ValidationError,
                        "Must specify userName when calling with non-User credentials");
            }
            name = caller.userName();
        }
        User user = user(caller, "GetUser", name);
        return xml -> writeUser(xml, "User", user, true);
    }

    ResultWriter updateUser(QueryParams p, Caller caller) {
        String name = userName(p, "UserName", true);
        String newName = userName(p, "NewUserName", false);
        String newPath = p.string("NewPath", false, 1, 512, PATH);
        User user = user(caller, "UpdateUser", name);
        String targetName = newName == null ? user.name() : newName;
        String targetPath = newPath == null ? user.path() : newPath;
        if (newName != null) {
            authorize(caller, "UpdateUser", arnPrefix(caller) + "user" + targetPath + targetName);
        }
        if (targetName.equalsIgnoreCase(user.name())) {
            iam.users().update(caller.accountId(), name, u -> u.withName(targetName, targetPath))
                    .orElseThrow(() -> noSuchUser(name));
            return ResultWriter.EMPTY;
        }
        rename(caller.accountId(), user, targetName, targetPath);
        return ResultWriter.EMPTY;
    }

    /**
     * A rename moves the record to a new key: create the new record from the current one, remove the old one only if
     * it did not change meanwhile (else undo and retry), then update the name hint of the user's access keys. Keys
     * and MFA devices belong to the user by its unique id, so they stay the user's throughout, and a user created
     * meanwhile under the old name never gets them.
     */
    private void rename(String account, User read, String newName, String newPath) {
        User current = read;
        while (true) {
            User moved = current.withName(newName, newPath);
            if (!iam.users().create(moved)) {
                throw exists("User with name " + newName + " already exists.");
            }
            User expected = current;
            Optional<User> removed;
            try {
                removed = iam.users().delete(account, current.name(), u -> {
                    if (!u.equals(expected)) {
                        throw new ConcurrentChange();
                    }
                });
            } catch (ConcurrentChange e) {
                iam.users().delete(account, newName);
                current = iam.users().find(account, read.name()).orElseThrow(() -> noSuchUser(read.name()));
                continue;
            }
            if (removed.isEmpty()) {
                iam.users().delete(account, newName);
                throw noSuchUser(read.name());
            }
            break;
        }
        for (AccessKey key : iam.keys().listFor(current)) {
            for (AccessKey k = key; k != null; ) {
                AccessKey latest = k;
                k = iam.keys().replace(latest, latest.withUserName(newName)) ? null
                        : iam.keys().find(latest.accessKeyId()).orElse(null);
            }
            iam.forgetKey().accept(key.accessKeyId());
        }
    }

    /** Signals that an entity changed between read and conditional write. */
    static final class ConcurrentChange extends RuntimeException {
        ConcurrentChange() {
            super(null, null, false, false);
        }
    }

    ResultWriter deleteUser(QueryParams p, Caller caller) {
        String name = userName(p, "UserName", true);
        User user = user(caller, "DeleteUser", name);
        if (!iam.keys().listFor(user).isEmpty()) {
            throw conflict("Cannot delete entity, must delete access keys first.");
        }
        if (iam.mfa().isEnabledFor(user)) {
            throw conflict("Cannot delete entity, must delete MFA device first.");
        }
        held.conflict(user).ifPresent(text -> {
            throw conflict(text);
        });
        iam.users().delete(caller.accountId(), name, u -> {
            if (u.loginProfile() != null) {
                throw conflict("Cannot delete entity, must delete login profile first.");
            }
            if (u.groups().stream().anyMatch(g -> iam.groups().find(caller.accountId(), g.groupName())
                    .filter(gr -> gr.groupId().equals(g.groupId())).isPresent())) {
                throw conflict("Cannot delete entity, must remove user from all groups first.");
            }
            if (!u.inlinePolicies().isEmpty()) {
                throw conflict("Cannot delete entity, must delete policies first.");
            }
            if (!u.attachedPolicies().isEmpty()) {
                throw conflict("Cannot delete entity, must detach all policies first.");
            }
        }).orElseThrow(() -> noSuchUser(name));
        return ResultWriter.EMPTY;
    }

    ResultWriter listUsers(QueryParams p, Caller caller) {
        String prefix = pathPrefix(p);
        authorize(caller, "ListUsers", arnPrefix(caller) + "user" + prefix);
        List<User> all = iam.users().list(caller.accountId()).stream()
                .filter(u -> u.path().startsWith(prefix)).toList();
        Page<User> page = Page.of(all, User::name, p);
        return xml -> {
            xml.start("Users");
            page.items().forEach(u -> writeUser(xml, "member", u, false));
            xml.end();
            page.writeTail(xml);
        };
    }

    ResultWriter tagUser(QueryParams p, Caller caller) {
        String name = userName(p, "UserName", true);
        Map<String, String> tags = tags(p, 50);
        if (tags.isEmpty()) {
            p.required("Tags.member.1.Key");
        }
        Optional<User> found = iam.users().find(caller.accountId(), name);
        authorize(caller, "TagUser", userArn(caller, name, found), requestContext(tags, null));
        found.orElseThrow(() -> noSuchUser(name));
        iam.users().update(caller.accountId(), name, u -> {
            Map<String, String> merged = Tags.merge(u.tags(), tags);
            checkTagQuota(merged);
            return u.withTags(merged);
        }).orElseThrow(() -> noSuchUser(name));
        return ResultWriter.EMPTY;
    }

    ResultWriter untagUser(QueryParams p, Caller caller) {
        String name = userName(p, "UserName", true);
        List<String> keys = tagKeys(p);
        user(caller, "UntagUser", name);
        iam.users().update(caller.accountId(), name, u -> u.withTags(Tags.remove(u.tags(), keys)))
                .orElseThrow(() -> noSuchUser(name));
        return ResultWriter.EMPTY;
    }

    ResultWriter listUserTags(QueryParams p, Caller caller) {
        String name = userName(p, "UserName", true);
        User user = user(caller, "ListUserTags", name);
        return tagPage(user.tags(), p);
    }

    ResultWriter putBoundary(QueryParams p, Caller caller) {
        String name = userName(p, "UserName", true);
        String boundary = p.string("PermissionsBoundary", true, 20, 2048, null);
        Optional<User> found = iam.users().find(caller.accountId(), name);
        authorize(caller, "PutUserPermissionsBoundary", userArn(caller, name, found),
                Map.of("iam:PermissionsBoundary", List.of(boundary)));
        found.orElseThrow(() -> noSuchUser(name));
        requireBoundary(caller, boundary);
        iam.users().update(caller.accountId(), name, u -> u.withPermissionsBoundary(boundary))
                .orElseThrow(() -> noSuchUser(name));
        return ResultWriter.EMPTY;
    }

    ResultWriter deleteBoundary(QueryParams p, Caller caller) {
        String name = userName(p, "UserName", true);
        User user = user(caller, "DeleteUserPermissionsBoundary", name);
        if (user.permissionsBoundary() == null) {
            throw new io.keygate.error.EntityException(AwsErrorCode.NoSuchEntity,
                    "The user with name " + name + " does not have a permissions boundary.");
        }
        iam.users().update(caller.accountId(), name, u -> u.withPermissionsBoundary(null));
        return ResultWriter.EMPTY;
    }
}
