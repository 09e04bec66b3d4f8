package io.keygate.iam.action;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.keygate.auth.Caller;
import io.keygate.credentials.UniqueIdType;
import io.keygate.error.AwsErrorCode;
import io.keygate.error.EntityException;
import io.keygate.iam.AccessKey;
import io.keygate.iam.ServiceSpecificCredential;
import io.keygate.iam.User;
import io.keygate.protocol.query.Page;
import io.keygate.protocol.query.QueryAction;
import io.keygate.protocol.query.QueryParams;
import io.keygate.protocol.query.ResultWriter;
import io.keygate.protocol.query.XmlWriter;

/**
 * Service-specific credentials of IAM users: Create/List/Reset/Update/DeleteServiceSpecificCredential, for the
 * services that take a user name and password (CodeCommit, Amazon Keyspaces). The password is returned once, by
 * Create and Reset; only its hash is kept. At most {@value #PER_SERVICE} per user and service.
 */
public final class ServiceSpecificCredentialActions extends UserCredentialSupport {

    /** IAM's quota: service-specific credentials per user and service. */
    static final int PER_SERVICE = 2;
    /** The services that offer user-name-and-password credentials. */
    static final Set<String> SERVICES = Set.of("codecommit.amazonaws.com", "cassandra.amazonaws.com");

    private static final SecureRandom RANDOM = new SecureRandom();

    public ServiceSpecificCredentialActions(IamContext iam, CredentialStores stores) {
        super(iam, stores);
    }

    public List<QueryAction<Caller>> actions() {
        return List.of(
                new IamAction("CreateServiceSpecificCredential", this::create),
                new IamAction("ListServiceSpecificCredentials", this::list),
                new IamAction("ResetServiceSpecificCredential", this::reset),
                new IamAction("UpdateServiceSpecificCredential", this::update),
                new IamAction("DeleteServiceSpecificCredential", this::delete));
    }

    static EntityException noSuchCredential(String id) {
        return new EntityException(AwsErrorCode.NoSuchEntity,
                "No such credential " + id + " exists for the specified user.");
    }

    static String serviceName(QueryParams p, boolean required) {
        String service = required ? p.required("ServiceName") : p.raw("ServiceName");
        if (service != null && !SERVICES.contains(service)) {
            throw new EntityException(AwsErrorCode.NotSupportedService, "The specified service " + echo(service)
                    + " is not supported for service-specific credentials. Supported services: "
                    + String.join(", ", SERVICES.stream().sorted().toList()) + ".");
        }
        return service;
    }

    static String credentialId(QueryParams p) {
        return p.string("ServiceSpecificCredentialId", true, 20, 128, ID);
    }

    List<ServiceSpecificCredential> credentialsOf(String accountId, String userId) {
        return stores.serviceCredentials().list(accountId).stream()
                .filter(c -> userId == null || c.userId().equals(userId))
                .sorted(Comparator.comparing(c -> c.serviceSpecificCredentialId().toLowerCase(Locale.ROOT)))
                .toList();
    }

    ServiceSpecificCredential credentialOf(User user, String id) {
        return stores.serviceCredentials().find(user.accountId(), id)
                .filter(c -> c.userId().equals(user.userId()))
                .orElseThrow(() -> noSuchCredential(id));
    }

    /** 32 random bytes, Base64: a 44-character password. */
    static String newPassword() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    ResultWriter create(QueryParams p, Caller caller) {
        User user = targetUser(p, caller, "CreateServiceSpecificCredential", true, 64);
        String service = serviceName(p, true);
        Integer ageDays = p.integer("CredentialAgeDays", 1, 36_600, null);
        List<ServiceSpecificCredential> existing = credentialsOf(user.accountId(), user.userId()).stream()
                .filter(c -> c.serviceName().equals(service)).toList();
        if (existing.size() >= PER_SERVICE) {
            throw limit("Cannot exceed quota for ServiceSpecificCredentialsPerUserPerService: " + PER_SERVICE);
        }
        String serviceUserName = user.name() + (existing.isEmpty() ? "" : "+" + existing.size()) + "-at-"
                + user.accountId();
        String password = newPassword();
        Instant now = iam.clock().instant();
        ServiceSpecificCredential created = new ServiceSpecificCredential(user.accountId(), user.userId(),
                iam.ids().uniqueId(UniqueIdType.SERVICE_SPECIFIC_CREDENTIAL), service, serviceUserName,
                iam.hasher().hash(password), AccessKey.Status.Active, now,
                ageDays == null ? null : now.plus(Duration.ofDays(ageDays)));
        if (!stores.serviceCredentials().create(created)) {
            throw new IllegalStateException("service-specific credential id collision");
        }
        return xml -> write(xml, "ServiceSpecificCredential", user.name(), created, password);
    }

    static void write(XmlWriter xml, String element, String userName, ServiceSpecificCredential c, String password) {
        xml.start(element)
                .element("CreateDate", c.created())
                .element("ExpirationDate", c.expiration())
                .element("ServiceName", c.serviceName())
                .element("ServiceUserName", c.serviceUserName());
        if (password != null) {
            xml.element("ServicePassword", password);
        }
        xml.element("ServiceSpecificCredentialId", c.serviceSpecificCredentialId())
                .element("UserName", userName)
                .element("Status", c.status().name())
                .end();
    }

    ResultWriter list(QueryParams p, Caller caller) {
        boolean allUsers = Boolean.TRUE.equals(p.bool("AllUsers", false));
        String service = serviceName(p, false);
        List<ServiceSpecificCredential> all;
        java.util.function.Function<ServiceSpecificCredential, String> nameOf;
        if (allUsers && p.raw("UserName") == null) {
            authorize(caller, "ListServiceSpecificCredentials", arnPrefix(caller) + "user/*");
            all = credentialsOf(caller.accountId(), null);
            java.util.Map<String, String> names = new java.util.HashMap<>();
            iam.users().list(caller.accountId()).forEach(u -> names.put(u.userId(), u.name()));
            all = all.stream().filter(c -> names.containsKey(c.userId())).toList();
            nameOf = c -> names.get(c.userId());
        } else {
            User user = targetUser(p, caller, "ListServiceSpecificCredentials", false, 64);
            all = credentialsOf(user.accountId(), user.userId());
            nameOf = c -> user.name();
        }
        List<ServiceSpecificCredential> matching = all.stream()
                .filter(c -> service == null || c.serviceName().equals(service)).toList();
        Page<ServiceSpecificCredential> page = Page.of(matching,
                ServiceSpecificCredential::serviceSpecificCredentialId, p);
        return xml -> {
            xml.start("ServiceSpecificCredentials");
            page.items().forEach(c -> write(xml, "member", nameOf.apply(c), c, null));
            xml.end();
            page.writeTail(xml);
        };
    }

    ResultWriter reset(QueryParams p, Caller caller) {
        User user = targetUser(p, caller, "ResetServiceSpecificCredential", false, 64);
        String id = credentialId(p);
        credentialOf(user, id);
        String password = newPassword();
        String hash = iam.hasher().hash(password);
        ServiceSpecificCredential updated = stores.serviceCredentials()
                .update(user.accountId(), id, c -> c.withPasswordHash(hash))
                .orElseThrow(() -> noSuchCredential(id));
        return xml -> write(xml, "ServiceSpecificCredential", user.name(), updated, password);
    }

    ResultWriter update(QueryParams p, Caller caller) {
        User user = targetUser(p, caller, "UpdateServiceSpecificCredential", false, 64);
        String id = credentialId(p);
        AccessKey.Status status = status(p, "Service-specific credentials");
        credentialOf(user, id);
        stores.serviceCredentials().update(user.accountId(), id, c -> c.withStatus(status))
                .orElseThrow(() -> noSuchCredential(id));
        return ResultWriter.EMPTY;
    }

    ResultWriter delete(QueryParams p, Caller caller) {
        User user = targetUser(p, caller, "DeleteServiceSpecificCredential", false, 64);
        String id = credentialId(p);
        credentialOf(user, id);
        stores.serviceCredentials().delete(user.accountId(), id, c -> { })
                .orElseThrow(() -> noSuchCredential(id));
        return ResultWriter.EMPTY;
    }
}
