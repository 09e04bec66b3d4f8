package io.keygate.iam.action;

import java.security.interfaces.RSAPublicKey;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

import io.keygate.auth.Caller;
import io.keygate.credentials.SshPublicKeys;
import io.keygate.credentials.UniqueIdType;
import io.keygate.error.AwsErrorCode;
import io.keygate.error.EntityException;
import io.keygate.error.InvalidInputException;
import io.keygate.iam.AccessKey;
import io.keygate.iam.SshPublicKey;
import io.keygate.iam.User;
import io.keygate.protocol.query.Page;
import io.keygate.protocol.query.QueryAction;
import io.keygate.protocol.query.QueryParams;
import io.keygate.protocol.query.ResultWriter;
import io.keygate.protocol.query.XmlWriter;

/**
 * SSH public keys of IAM users: Upload/Get/List/Update/DeleteSSHPublicKey. RSA keys of at least 2048 bits in SSH or
 * PEM encoding; at most {@value #PER_USER} a user; a user cannot hold the same key twice. GetSSHPublicKey answers in
 * either encoding; the fingerprint is the MD5 of the key blob, as IAM computes it.
 */
public final class SshPublicKeyActions extends UserCredentialSupport {

    /** IAM's quota SSHPublicKeysPerUser. */
    static final int PER_USER = 5;
    static final Pattern BODY = POLICY_DOCUMENT;

    public SshPublicKeyActions(IamContext iam, CredentialStores stores) {
        super(iam, stores);
    }

    public List<QueryAction<Caller>> actions() {
        return List.of(
                new IamAction("UploadSSHPublicKey", this::upload),
                new IamAction("GetSSHPublicKey", this::get),
                new IamAction("ListSSHPublicKeys", this::list),
                new IamAction("UpdateSSHPublicKey", this::update),
                new IamAction("DeleteSSHPublicKey", this::delete));
    }

    static EntityException noSuchKey(String id, User user) {
        return new EntityException(AwsErrorCode.NoSuchEntity,
                "The Public Key with id " + id + " cannot be found for user " + user.name() + ".");
    }

    static RSAPublicKey parse(String body) {
        try {
            return SshPublicKeys.parse(body);
        } catch (SshPublicKeys.KeyException e) {
            throw new InvalidInputException(e.encoding() ? AwsErrorCode.UnrecognizedPublicKeyEncoding
                    : AwsErrorCode.InvalidPublicKey, e.getMessage());
        }
    }

    List<SshPublicKey> keysOf(User user) {
        return stores.sshKeys().list(user.accountId()).stream()
                .filter(k -> k.userId().equals(user.userId()))
                .sorted(Comparator.comparing(k -> k.sshPublicKeyId().toLowerCase(java.util.Locale.ROOT)))
                .toList();
    }

    SshPublicKey keyOf(User user, String id) {
        return stores.sshKeys().find(user.accountId(), id)
                .filter(k -> k.userId().equals(user.userId()))
                .orElseThrow(() -> noSuchKey(id, user));
    }

    static String keyId(QueryParams p) {
        return p.string("SSHPublicKeyId", true, 20, 128, ID);
    }

    ResultWriter upload(QueryParams p, Caller caller) {
        User user = targetUser(p, caller, "UploadSSHPublicKey", true, 64);
        RSAPublicKey key = parse(p.string("SSHPublicKeyBody", true, 1, 16_384, BODY));
        String fingerprint = SshPublicKeys.fingerprint(key);
        List<SshPublicKey> existing = keysOf(user);
        if (existing.stream().anyMatch(k -> fingerprint.equals(k.fingerprint()))) {
            throw new InvalidInputException(AwsErrorCode.DuplicateSSHPublicKey,
                    "The SSH public key is already associated with the specified IAM user.");
        }
        if (existing.size() >= PER_USER) {
            throw limit("Cannot exceed quota for PublicKeysPerUser: " + PER_USER);
        }
        SshPublicKey created = new SshPublicKey(user.accountId(), user.userId(),
                iam.ids().uniqueId(UniqueIdType.SSH_PUBLIC_KEY), SshPublicKeys.openSshEncoding(key), fingerprint,
                AccessKey.Status.Active, iam.clock().instant());
        if (!stores.sshKeys().create(created)) {
            throw new IllegalStateException("SSH public key id collision");
        }
        return xml -> write(xml, user, created, created.body());
    }

    void write(XmlWriter xml, User user, SshPublicKey k, String body) {
        xml.start("SSHPublicKey")
                .element("UserName", user.name())
                .element("SSHPublicKeyId", k.sshPublicKeyId())
                .element("Fingerprint", k.fingerprint())
                .element("SSHPublicKeyBody", body)
                .element("Status", k.status().name())
                .element("UploadDate", k.uploaded())
                .end();
    }

    ResultWriter get(QueryParams p, Caller caller) {
        User user = targetUser(p, caller, "GetSSHPublicKey", true, 64);
        String id = keyId(p);
        String encoding = p.required("Encoding");
        if (!encoding.equals("SSH") && !encoding.equals("PEM")) {
            throw QueryParams.constraint("Encoding", encoding, "Member must satisfy enum value set: [SSH, PEM]");
        }
        SshPublicKey key = keyOf(user, id);
        String body = encoding.equals("SSH") ? key.body() : SshPublicKeys.pemEncoding(SshPublicKeys.parse(key.body()));
        return xml -> write(xml, user, key, body);
    }

    ResultWriter list(QueryParams p, Caller caller) {
        User user = targetUser(p, caller, "ListSSHPublicKeys", false, 64);
        Page<SshPublicKey> page = Page.of(keysOf(user), SshPublicKey::sshPublicKeyId, p);
        return xml -> {
            xml.start("SSHPublicKeys");
            page.items().forEach(k -> xml.start("member")
                    .element("UserName", user.name())
                    .element("SSHPublicKeyId", k.sshPublicKeyId())
                    .element("Status", k.status().name())
                    .element("UploadDate", k.uploaded())
                    .end());
            xml.end();
            page.writeTail(xml);
        };
    }

    ResultWriter update(QueryParams p, Caller caller) {
        User user = targetUser(p, caller, "UpdateSSHPublicKey", true, 64);
        String id = keyId(p);
        AccessKey.Status status = status(p, "SSH public keys");
        keyOf(user, id);
        stores.sshKeys().update(user.accountId(), id, k -> k.withStatus(status))
                .orElseThrow(() -> noSuchKey(id, user));
        return ResultWriter.EMPTY;
    }

    ResultWriter delete(QueryParams p, Caller caller) {
        User user = targetUser(p, caller, "DeleteSSHPublicKey", true, 64);
        String id = keyId(p);
        keyOf(user, id);
        stores.sshKeys().delete(user.accountId(), id, k -> { }).orElseThrow(() -> noSuchKey(id, user));
        return ResultWriter.EMPTY;
    }
}
