package io.keygate.iam.action;

import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.keygate.auth.Caller;
import io.keygate.credentials.X509Pem;
import io.keygate.error.AwsErrorCode;
import io.keygate.error.EntityException;
import io.keygate.error.InvalidInputException;
import io.keygate.iam.AccessKey;
import io.keygate.iam.SigningCertificate;
import io.keygate.iam.User;
import io.keygate.protocol.query.Page;
import io.keygate.protocol.query.QueryAction;
import io.keygate.protocol.query.QueryParams;
import io.keygate.protocol.query.ResultWriter;

/**
 * X.509 signing certificates of IAM users and of the account's root: Upload/List/Update/DeleteSigningCertificate.
 * Without {@code UserName} the action is about the caller (an IAM user, or the root). A certificate must be a
 * well-formed, currently valid X.509 certificate; one certificate belongs to at most one principal of the account
 * (its id is derived from it); at most {@value #PER_USER} per principal.
 */
public final class SigningCertificateActions extends UserCredentialSupport {

    /** IAM's quota SigningCertificatesPerUser. */
    static final int PER_USER = 2;

    public SigningCertificateActions(IamContext iam, CredentialStores stores) {
        super(iam, stores);
    }

    public List<QueryAction<Caller>> actions() {
        return List.of(
                new IamAction("UploadSigningCertificate", this::upload),
                new IamAction("ListSigningCertificates", this::list),
                new IamAction("UpdateSigningCertificate", this::update),
                new IamAction("DeleteSigningCertificate", this::delete));
    }

    /** The principal the request is about: a user, or the root (user null). */
    record Owner(User user, String userName, String userId) {
    }

    Owner owner(QueryParams p, Caller caller, String action) {
        String name = p.string("UserName", false, 1, 128, USER_NAME);
        if (name == null && caller.isRoot()) {
            authorize(caller, action, arnPrefix(caller) + "root");
            return new Owner(null, null, null);
        }
        User user = targetUser(p, caller, action, false, 128);
        return new Owner(user, user.name(), user.userId());
    }

    static EntityException noSuchCertificate(String id) {
        return new EntityException(AwsErrorCode.NoSuchEntity, "The Certificate with id " + id + " cannot be found.");
    }

    List<SigningCertificate> certificatesOf(Caller caller, Owner owner) {
        return stores.signingCertificates().list(caller.accountId()).stream()
                .filter(c -> java.util.Objects.equals(c.userId(), owner.userId()))
                .sorted(Comparator.comparing(c -> c.certificateId().toLowerCase(Locale.ROOT)))
                .toList();
    }

    SigningCertificate certificateOf(Caller caller, Owner owner, String id) {
        return stores.signingCertificates().find(caller.accountId(), id)
                .filter(c -> java.util.Objects.equals(c.userId(), owner.userId()))
                .orElseThrow(() -> noSuchCertificate(id));
    }

    static String certificateId(QueryParams p) {
        return p.string("CertificateId", true, 24, 128, ID);
    }

    ResultWriter upload(QueryParams p, Caller caller) {
        Owner owner = owner(p, caller, "UploadSigningCertificate");
        String body = p.string("CertificateBody", true, 1, 16_384, POLICY_DOCUMENT);
        X509Certificate certificate;
        try {
            certificate = X509Pem.certificate(body);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(AwsErrorCode.MalformedCertificate,
                    "Unable to parse certificate. Please ensure the certificate is in PEM format.");
        }
        try {
            certificate.checkValidity(Date.from(iam.clock().instant()));
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            throw new InvalidInputException(AwsErrorCode.InvalidCertificate,
                    "The certificate is not valid at this time: it is valid from " + certificate.getNotBefore()
                            .toInstant() + " to " + certificate.getNotAfter().toInstant() + ".");
        }
        String id = X509Pem.sha256(certificate).substring(0, 32);
        Optional<SigningCertificate> existing = stores.signingCertificates().find(caller.accountId(), id);
        if (existing.isPresent()) {
            throw new EntityException(AwsErrorCode.DuplicateCertificate,
                    "The request was rejected because the same certificate is associated with an IAM user in the "
                            + "account.");
        }
        if (certificatesOf(caller, owner).size() >= PER_USER) {
            throw limit("Cannot exceed quota for SigningCertificatesPerUser: " + PER_USER);
        }
        SigningCertificate created = new SigningCertificate(caller.accountId(), owner.userId(), id, body,
                AccessKey.Status.Active, iam.clock().instant());
        if (!stores.signingCertificates().create(created)) {
            throw new EntityException(AwsErrorCode.DuplicateCertificate,
                    "The request was rejected because the same certificate is associated with an IAM user in the "
                            + "account.");
        }
        return xml -> write(xml, "Certificate", owner, created);
    }

    void write(io.keygate.protocol.query.XmlWriter xml, String element, Owner owner, SigningCertificate c) {
        xml.start(element)
                .element("UserName", owner.userName())
                .element("CertificateId", c.certificateId())
                .element("CertificateBody", c.body())
                .element("Status", c.status().name())
                .element("UploadDate", c.uploaded())
                .end();
    }

    ResultWriter list(QueryParams p, Caller caller) {
        Owner owner = owner(p, caller, "ListSigningCertificates");
        Page<SigningCertificate> page = Page.of(certificatesOf(caller, owner), SigningCertificate::certificateId, p);
        return xml -> {
            xml.start("Certificates");
            page.items().forEach(c -> write(xml, "member", owner, c));
            xml.end();
            page.writeTail(xml);
        };
    }

    ResultWriter update(QueryParams p, Caller caller) {
        Owner owner = owner(p, caller, "UpdateSigningCertificate");
        String id = certificateId(p);
        AccessKey.Status status = status(p, "Signing certificates");
        certificateOf(caller, owner, id);
        stores.signingCertificates().update(caller.accountId(), id, c -> c.withStatus(status))
                .orElseThrow(() -> noSuchCertificate(id));
        return ResultWriter.EMPTY;
    }

    ResultWriter delete(QueryParams p, Caller caller) {
        Owner owner = owner(p, caller, "DeleteSigningCertificate");
        String id = certificateId(p);
        certificateOf(caller, owner, id);
        stores.signingCertificates().delete(caller.accountId(), id, c -> { })
                .orElseThrow(() -> noSuchCertificate(id));
        return ResultWriter.EMPTY;
    }
}
