package io.keygate.iam.action;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import io.keygate.auth.Caller;
import io.keygate.credentials.AccessKeyId;
import io.keygate.error.AwsErrorCode;
import io.keygate.error.EntityException;
import io.keygate.error.InvalidInputException;
import io.keygate.iam.AccessKey;
import io.keygate.iam.User;
import io.keygate.protocol.query.Page;
import io.keygate.protocol.query.QueryAction;
import io.keygate.protocol.query.QueryParams;
import io.keygate.protocol.query.ResultWriter;

/**
 * Long-term access keys: CreateAccessKey (the secret is returned once and kept only sealed), UpdateAccessKey,
 * DeleteAccessKey, ListAccessKeys, GetAccessKeyLastUsed. At most two keys per user. Without {@code UserName} the
 * action applies to the caller itself (an IAM user, or the account's root).
 */
public final class AccessKeyActions extends IamSupport {

    private static final Pattern ACCESS_KEY_ID = Pattern.compile("[\\w]+");
    private static final Pattern STATUS = Pattern.compile("Active|Inactive|Expired");

    public AccessKeyActions(IamContext iam) {
        super(iam);
    }

    public List<QueryAction<Caller>> actions() {
        return List.of(
                new IamAction("CreateAccessKey", this::create),
                new IamAction("UpdateAccessKey", this::update),
                new IamAction("DeleteAccessKey", this::delete),
                new IamAction("ListAccessKeys", this::list),
                new IamAction("GetAccessKeyLastUsed", this::lastUsed));
    }

    /** The user the request is about: named, or the caller (null user = the root). */
    private record Target(User user, String arn) {

        String userName() {
            return user == null ? null : user.name();
        }
    }

    /** The target's keys: the root's, or the user's by unique id (a rename keeps them, a namesake never has them). */
    private List<AccessKey> keysOf(Target target, Caller caller) {
        return target.user() == null ? iam.keys().listFor(caller.accountId(), null) : iam.keys().listFor(target.user());
    }

    private Target target(QueryParams p, Caller caller, String action) {
        String name = p.string("UserName", false, 1, 128, USER_NAME);
        if (name == null) {
            if (caller.isRoot()) {
                authorize(caller, action, caller.arn());
                return new Target(null, caller.arn());
            }
            if (caller.userName() == null) {
                throw new InvalidInputException(AwsErrorCode.ValidationError,
                        "Must specify userName when calling with non-User credentials");
            }
            name = caller.userName();
        }
        User user = user(caller, action, name);
        return new Target(user, user.arn(iam.partition()));
    }

    ResultWriter create(QueryParams p, Caller caller) {
        Target target = target(p, caller, "CreateAccessKey");
        int quota = iam.quotas().accessKeysPerUser();
        if (keysOf(target, caller).size() >= quota) {
            throw limit("Cannot exceed quota for AccessKeysPerUser: " + quota);
        }
        AccessKeyId id = iam.ids().longTermAccessKeyId(caller.accountId());
        String secret = iam.ids().secretAccessKey();
        AccessKey key = new AccessKey(id.value(), caller.accountId(), target.userName(),
                target.user() == null ? null : target.user().userId(), iam.sealer().seal(id, secret), AccessKey.Status.Active, iam.clock().instant(), null);
        if (!iam.keys().create(key)) {
            throw new IllegalStateException("access key id collision");
        }
        // Concurrent creators may both have passed the count: the keys beyond the quota (newest) withdraw.
        List<AccessKey> all = keysOf(target, caller).stream()
                .sorted(Comparator.comparing(AccessKey::created).thenComparing(AccessKey::accessKeyId)).toList();
        if (all.indexOf(all.stream().filter(k -> k.accessKeyId().equals(key.accessKeyId())).findFirst()
                .orElse(key)) >= quota) {
            iam.keys().delete(key.accessKeyId());
            throw limit("Cannot exceed quota for AccessKeysPerUser: " + quota);
        }
        // A concurrent DeleteUser may have removed the user meanwhile: never leave a key without its user.
        if (target.user() != null && iam.users().find(caller.accountId(), target.userName())
                .filter(u -> u.userId().equals(target.user().userId())).isEmpty()) {
            iam.keys().delete(key.accessKeyId());
            throw noSuchUser(target.userName());
        }
        return xml -> xml.start("AccessKey")
                .element("UserName", target.userName())
                .element("AccessKeyId", key.accessKeyId())
                .element("Status", key.status().name())
                .element("SecretAccessKey", secret)
                .element("CreateDate", key.created())
                .end();
    }

    private AccessKey keyOf(Target target, Caller caller, String id) {
        return iam.keys().find(id)
                .filter(k -> k.accountId().equals(caller.accountId()))
                .filter(k -> target.user() == null ? k.isRoot() : k.belongsTo(target.user()))
                .orElseThrow(() -> noSuchKey(id));
    }

    /** The user a key belongs to: the user its name hint names, else (renamed since) the one with its unique id. */
    private Optional<User> owner(AccessKey key) {
        Optional<User> named = iam.users().find(key.accountId(), key.userName()).filter(key::belongsTo);
        if (named.isPresent() || key.userId() == null) {
            return named;
        }
        return iam.users().list(key.accountId()).stream().filter(key::belongsTo).findFirst();
    }

    static EntityException noSuchKey(String id) {
        return new EntityException(AwsErrorCode.NoSuchEntity, "The Access Key with id " + id + " cannot be found.");
    }

    ResultWriter update(QueryParams p, Caller caller) {
        String id = p.string("AccessKeyId", true, 16, 128, ACCESS_KEY_ID);
        String status = p.raw("Status");
        p.required("Status");
        if (!STATUS.matcher(status).matches()) {
            throw QueryParams.constraint("Status", status, "Member must satisfy enum value set: [Active, Inactive, Expired]");
        }
        if (status.equals("Expired")) {
            throw new InvalidInputException(AwsErrorCode.InvalidInput,
                    "Access keys can only be set to Active or Inactive.");
        }
        Target target = target(p, caller, "UpdateAccessKey");
        AccessKey.Status wanted = AccessKey.Status.valueOf(status);
        AccessKey key = keyOf(target, caller, id);
        while (!iam.keys().replace(key, key.withStatus(wanted))) {
            key = keyOf(target, caller, id);
        }
        iam.forgetKey().accept(id);
        return ResultWriter.EMPTY;
    }

    ResultWriter delete(QueryParams p, Caller caller) {
        String id = p.string("AccessKeyId", true, 16, 128, ACCESS_KEY_ID);
        Target target = target(p, caller, "DeleteAccessKey");
        keyOf(target, caller, id);
        if (!iam.keys().delete(id)) {
            throw noSuchKey(id);
        }
        iam.forgetKey().accept(id);
        return ResultWriter.EMPTY;
    }

    ResultWriter list(QueryParams p, Caller caller) {
        Target target = target(p, caller, "ListAccessKeys");
        List<AccessKey> keys = keysOf(target, caller).stream()
                .sorted(Comparator.comparing(AccessKey::accessKeyId)).toList();
        Page<AccessKey> page = Page.of(keys, AccessKey::accessKeyId, p);
        return xml -> {
            xml.start("AccessKeyMetadata");
            page.items().forEach(k -> xml.start("member")
                    .element("UserName", target.userName())
                    .element("AccessKeyId", k.accessKeyId())
                    .element("Status", k.status().name())
                    .element("CreateDate", k.created())
                    .end());
            xml.end();
            page.writeTail(xml);
        };
    }

    ResultWriter lastUsed(QueryParams p, Caller caller) {
        String id = p.string("AccessKeyId", true, 16, 128, ACCESS_KEY_ID);
        Optional<AccessKey> key = iam.keys().find(id).filter(k -> k.accountId().equals(caller.accountId()));
        Optional<User> owner = key.filter(k -> !k.isRoot()).flatMap(this::owner);
        String resource = key.map(k -> k.isRoot() ? caller.arn()
                : owner.map(u -> u.arn(iam.partition())).orElse(arnPrefix(caller) + "user/" + k.userName()))
                .orElse(arnPrefix(caller) + "user/*");
        authorize(caller, "GetAccessKeyLastUsed", resource);
        AccessKey k = key.orElseThrow(() -> noSuchKey(id));
        String userName = owner.map(User::name).orElse(k.userName());
        return xml -> {
            xml.element("UserName", userName);
            xml.start("AccessKeyLastUsed");
            if (k.lastUsed() == null) {
                xml.element("ServiceName", "N/A").element("Region", "N/A");
            } else {
                xml.element("LastUsedDate", k.lastUsed().date())
                        .element("ServiceName", k.lastUsed().serviceName())
                        .element("Region", k.lastUsed().region());
            }
            xml.end();
        };
    }
}
