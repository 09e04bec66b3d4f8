package io.keygate.iam.action;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.keygate.auth.Caller;
import io.keygate.credentials.UniqueIdType;
import io.keygate.credentials.X509Pem;
import io.keygate.error.AwsErrorCode;
import io.keygate.error.EntityException;
import io.keygate.error.InvalidInputException;
import io.keygate.iam.ServerCertificate;
import io.keygate.protocol.query.Page;
import io.keygate.protocol.query.QueryAction;
import io.keygate.protocol.query.QueryParams;
import io.keygate.protocol.query.ResultWriter;
import io.keygate.protocol.query.XmlWriter;

/**
 * Server certificates: Upload/Get/List/Update/DeleteServerCertificate and Tag/Untag/ListServerCertificateTags. The
 * certificate and chain must be PEM X.509, the private key (PKCS#8, PKCS#1 RSA or SEC 1 EC, unencrypted) must belong
 * to the certificate (KeyPairMismatch otherwise). The private key is sealed under the key ring at once and is never
 * returned by any action. At most {@value #PER_ACCOUNT} per account.
 */
public final class ServerCertificateActions extends IamSupport {

    /** IAM's quota ServerCertificatesPerAccount. */
    static final int PER_ACCOUNT = 20;

    private final CredentialStores stores;

    public ServerCertificateActions(IamContext iam, CredentialStores stores) {
        super(iam);
        this.stores = stores;
    }

    public List<QueryAction<Caller>> actions() {
        List<QueryAction<Caller>> actions = new ArrayList<>(List.of(
                new IamAction("UploadServerCertificate", this::upload),
                new IamAction("GetServerCertificate", this::get),
                new IamAction("ListServerCertificates", this::list),
                new IamAction("UpdateServerCertificate", this::update),
                new IamAction("DeleteServerCertificate", this::delete)));
        actions.addAll(new EntityTagActions<>(iam, new EntityTagActions.Kind<>("ServerCertificate",
                "ServerCertificateName", 128, USER_NAME, stores.serverCertificates(), ServerCertificate::tags,
                ServerCertificate::withTags, c -> c.arn(iam.partition()),
                (caller, name) -> arnPrefix(caller) + "server-certificate/" + name,
                ServerCertificateActions::noSuchCertificate)).actions());
        return actions;
    }

    static EntityException noSuchCertificate(String name) {
        return new EntityException(AwsErrorCode.NoSuchEntity,
                "The Server Certificate with name " + name + " cannot be found.");
    }

    static String certificateName(QueryParams p, String parameter, boolean required) {
        return p.string(parameter, required, 1, 128, USER_NAME);
    }

    ServerCertificate certificate(Caller caller, String action, String name) {
        Optional<ServerCertificate> found = stores.serverCertificates().find(caller.accountId(), name);
        authorize(caller, action, found.map(c -> c.arn(iam.partition()))
                .orElse(arnPrefix(caller) + "server-certificate/" + name));
        return found.orElseThrow(() -> noSuchCertificate(name));
    }

    ResultWriter upload(QueryParams p, Caller caller) {
        String name = certificateName(p, "ServerCertificateName", true);
        String path = path(p, "Path");
        String body = p.string("CertificateBody", true, 1, 16_384, POLICY_DOCUMENT);
        String privateKey = p.string("PrivateKey", true, 1, 16_384, POLICY_DOCUMENT);
        String chain = p.string("CertificateChain", false, 1, 2_097_152, POLICY_DOCUMENT);
        Map<String, String> tags = tags(p, 50);
        authorize(caller, "UploadServerCertificate", arnPrefix(caller) + "server-certificate" + path + name,
                requestContext(tags, null));
        X509Certificate certificate;
        try {
            certificate = X509Pem.certificate(body);
        } catch (IllegalArgumentException e) {
            throw malformed("Unable to parse certificate. Please ensure the certificate is in PEM format.");
        }
        if (chain != null) {
            try {
                X509Pem.certificates(chain);
            } catch (IllegalArgumentException e) {
                throw malformed("Unable to parse certificate chain. Please ensure the chain is in PEM format.");
            }
        }
        PrivateKey key;
        try {
            key = X509Pem.privateKey(privateKey);
        } catch (IllegalArgumentException e) {
            throw malformed("Unable to parse private key. Please ensure the private key is in PEM format and not "
                    + "encrypted.");
        }
        if (!X509Pem.matches(key, certificate)) {
            throw new InvalidInputException(AwsErrorCode.KeyPairMismatch,
                    "The private key does not match the public key in the certificate.");
        }
        if (stores.serverCertificates().list(caller.accountId()).size() >= PER_ACCOUNT) {
            throw limit("Cannot exceed quota for ServerCertificatesPerAccount: " + PER_ACCOUNT);
        }
        String id = iam.ids().uniqueId(UniqueIdType.SERVER_CERTIFICATE);
        ServerCertificate created = new ServerCertificate(caller.accountId(), id, name, path, body.strip(),
                chain == null ? null : chain.strip(), iam.sealer().seal("server-certificate/" + id, privateKey),
                iam.clock().instant(), certificate.getNotAfter().toInstant(), tags);
        if (!stores.serverCertificates().create(created)) {
            throw exists("The Server Certificate with name " + name + " already exists.");
        }
        return xml -> {
            writeMetadata(xml, "ServerCertificateMetadata", created);
            writeTags(xml, created.tags());
        };
    }

    static InvalidInputException malformed(String message) {
        return new InvalidInputException(AwsErrorCode.MalformedCertificate, message);
    }

    void writeMetadata(XmlWriter xml, String element, ServerCertificate c) {
        xml.start(element)
                .element("Path", c.path())
                .element("ServerCertificateName", c.name())
                .element("ServerCertificateId", c.serverCertificateId())
                .element("Arn", c.arn(iam.partition()))
                .element("UploadDate", c.uploaded())
                .element("Expiration", c.expiration())
                .end();
    }

    ResultWriter get(QueryParams p, Caller caller) {
        ServerCertificate c = certificate(caller, "GetServerCertificate",
                certificateName(p, "ServerCertificateName", true));
        return xml -> {
            xml.start("ServerCertificate");
            writeMetadata(xml, "ServerCertificateMetadata", c);
            xml.element("CertificateBody", c.body());
            xml.element("CertificateChain", c.chain());
            xml.start("Tags");
            c.tags().forEach((k, v) -> xml.start("member").element("Key", k).element("Value", v).end());
            xml.end();
            xml.end();
        };
    }

    ResultWriter list(QueryParams p, Caller caller) {
        String prefix = pathPrefix(p);
        authorize(caller, "ListServerCertificates", arnPrefix(caller) + "server-certificate" + prefix);
        List<ServerCertificate> all = stores.serverCertificates().list(caller.accountId()).stream()
                .filter(c -> c.path().startsWith(prefix)).toList();
        Page<ServerCertificate> page = Page.of(all, ServerCertificate::name, p);
        return xml -> {
            xml.start("ServerCertificateMetadataList");
            page.items().forEach(c -> writeMetadata(xml, "member", c));
            xml.end();
            page.writeTail(xml);
        };
    }

    /**
     * Renames and/or moves a certificate. The store is keyed by name, so a rename writes the new record first (its
     * name must be free) and then removes the old one.
     */
    ResultWriter update(QueryParams p, Caller caller) {
        String name = certificateName(p, "ServerCertificateName", true);
        String newName = certificateName(p, "NewServerCertificateName", false);
        String newPath = p.string("NewPath", false, 1, 512, PATH);
        ServerCertificate c = certificate(caller, "UpdateServerCertificate", name);
        String targetName = newName == null ? c.name() : newName;
        String targetPath = newPath == null ? c.path() : newPath;
        ServerCertificate renamed = c.renamed(targetName, targetPath);
        authorize(caller, "UpdateServerCertificate", renamed.arn(iam.partition()));
        if (targetName.equalsIgnoreCase(c.name())) {
            stores.serverCertificates().update(caller.accountId(), name, old -> old.renamed(targetName, targetPath))
                    .orElseThrow(() -> noSuchCertificate(name));
            return ResultWriter.EMPTY;
        }
        if (!stores.serverCertificates().create(renamed)) {
            throw exists("The Server Certificate with name " + targetName + " already exists.");
        }
        stores.serverCertificates().delete(caller.accountId(), name, old -> { });
        return ResultWriter.EMPTY;
    }

    ResultWriter delete(QueryParams p, Caller caller) {
        String name = certificateName(p, "ServerCertificateName", true);
        certificate(caller, "DeleteServerCertificate", name);
        stores.serverCertificates().delete(caller.accountId(), name, c -> { })
                .orElseThrow(() -> noSuchCertificate(name));
        return ResultWriter.EMPTY;
    }
}
