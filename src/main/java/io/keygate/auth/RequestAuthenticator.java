package io.keygate.auth;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.keygate.credentials.AccessKeyId;
import io.keygate.credentials.SecretSealer;
import io.keygate.credentials.SessionClaims;
import io.keygate.credentials.SessionTokenCodec;
import io.keygate.error.AccessDeniedException;
import io.keygate.error.AuthFailureException;
import io.keygate.error.AwsErrorCode;
import io.keygate.iam.AccessKey;
import io.keygate.iam.AccessKeyRepository;
import io.keygate.iam.Account;
import io.keygate.iam.AccountRepository;
import io.keygate.iam.Partition;
import io.keygate.iam.RoleRepository;
import io.keygate.iam.User;
import io.keygate.iam.UserRepository;
import io.keygate.protocol.sigv4.ParsedSignature;
import io.keygate.protocol.sigv4.SigV4Parser;
import io.keygate.protocol.sigv4.SigV4Request;
import io.keygate.protocol.sigv4.SigV4Settings;
import io.keygate.protocol.sigv4.SigV4Verifier;
import io.keygate.revocation.RevocationList;

/**
 * Establishes who signed a request, top to bottom: find the SigV4 signature (header or presigned query) and check
 * its shape, scope and freshness → resolve the secret (a long-term key from the store, or the secret inside the
 * self-contained session token) → verify the signature in constant time → check the token's expiry and partition
 * → refuse revoked sessions → the {@link Caller}. Session tokens are verified with the key ring alone.
 *
 * <p>Thread-safe.
 */
public final class RequestAuthenticator {

    static final String INVALID_TOKEN = "The security token included in the request is invalid.";
    /** Services with a cached parser and verifier (Keygate's own, plus those resource servers serve). */
    static final int MAX_SERVICES = 64;

    private final Partition partition;
    private final Set<String> disabledRegions;
    private final AccessKeyRepository keys;
    private final AccountRepository accounts;
    private final UserRepository users;
    private final RoleRepository roles;
    private final SecretSealer sealer;
    private final SessionTokenCodec tokens;
    private final RevocationList revocations;
    private final Clock clock;
    private final java.util.function.Consumer<Runnable> later;
    private final Map<String, SigV4Parser> parsers = new ConcurrentHashMap<>();
    private final Map<String, SigV4Verifier> verifiers = new ConcurrentHashMap<>();
    private final Map<String, OpenedSecret> openedSecrets = new ConcurrentHashMap<>();

    /** A long-term secret opened once, valid while the stored sealed form is unchanged. */
    private record OpenedSecret(String sealed, byte[] secret) {
    }

    public RequestAuthenticator(Partition partition, Set<String> disabledRegions, AccessKeyRepository keys,
                                AccountRepository accounts, UserRepository users, RoleRepository roles,
                                SecretSealer sealer,
                                SessionTokenCodec tokens, RevocationList revocations, Clock clock,
                                java.util.function.Consumer<Runnable> later) {
        this.partition = Objects.requireNonNull(partition, "partition");
        this.disabledRegions = Set.copyOf(disabledRegions);
        this.keys = keys;
        this.accounts = accounts;
        this.users = users;
        this.roles = roles;
        this.sealer = sealer;
        this.tokens = tokens;
        this.revocations = revocations;
        this.clock = clock;
        this.later = later;
    }

    /**
     * @param request the request as received
     * @param service the signing name the credential scope must carry ({@code sts}, {@code iam}, {@code keygate}),
     *                or null to accept any service (the decision API checks end clients' requests for any service)
     * @throws AuthFailureException with the AWS code that explains the refusal
     */
    public Caller authenticate(SigV4Request request, String service) {
        ParsedSignature signature = parser(service).parse(request)
                .orElseThrow(() -> new AuthFailureException(AwsErrorCode.MissingAuthenticationToken,
                        "Request is missing Authentication Token"));
        Caller caller = signature.securityToken() != null && !signature.securityToken().isEmpty()
                ? session(signature, request, service)
                : longTerm(signature, request, service);
        if (disabledRegions.contains(signature.region())) {
            throw new AccessDeniedException(AwsErrorCode.RegionDisabledException, "STS is not activated in region "
                    + signature.region() + " for account " + caller.accountId()
                    + ". Your account administrator can activate STS in this region using the IAM Console.");
        }
        return caller;
    }

    private Caller session(ParsedSignature signature, SigV4Request request, String service) {
        SessionClaims claims = tokens.decode(signature.securityToken());
        if (!claims.accessKeyId().value().equals(signature.accessKeyId())
                || !claims.partition().equals(partition.id())) {
            throw new AuthFailureException(AwsErrorCode.InvalidClientTokenId, INVALID_TOKEN);
        }
        verifier(service).verify(signature, request, claims.secretAccessKey().getBytes(StandardCharsets.UTF_8));
        return sessionCaller(claims, signature.accessKeyId(), signature.region());
    }

    /**
     * Authenticates temporary credentials presented whole rather than by a signature (the console federation
     * endpoint's {@code Session} parameter): the same token, partition, expiry, revocation and deleted-principal
     * checks as a signed request, with the secret compared in constant time instead of a signature verified.
     * Long-term keys are refused.
     *
     * @throws AuthFailureException {@code InvalidClientTokenId} or {@code ExpiredToken} as for a signed request
     */
    public Caller authenticateSessionCredentials(String accessKeyId, String secretAccessKey, String sessionToken) {
        if (accessKeyId == null || secretAccessKey == null || sessionToken == null || sessionToken.isEmpty()) {
            throw new AuthFailureException(AwsErrorCode.InvalidClientTokenId, INVALID_TOKEN);
        }
        SessionClaims claims = tokens.decode(sessionToken);
        if (!claims.accessKeyId().value().equals(accessKeyId) || !claims.partition().equals(partition.id())
                || !java.security.MessageDigest.isEqual(claims.secretAccessKey().getBytes(StandardCharsets.UTF_8),
                        secretAccessKey.getBytes(StandardCharsets.UTF_8))) {
            throw new AuthFailureException(AwsErrorCode.InvalidClientTokenId, INVALID_TOKEN);
        }
        return sessionCaller(claims, accessKeyId, null);
    }

    /**
     * Re-authenticates a session token that Keygate holds itself (a console session): expiry, revocation and
     * deleted-principal checks as for a signed request.
     */
    public Caller authenticateHeldSession(String sessionToken) {
        SessionClaims claims = tokens.decode(sessionToken);
        if (!claims.partition().equals(partition.id())) {
            throw new AuthFailureException(AwsErrorCode.InvalidClientTokenId, INVALID_TOKEN);
        }
        return sessionCaller(claims, claims.accessKeyId().value(), null);
    }

    private Caller sessionCaller(SessionClaims claims, String accessKeyId, String region) {
        SessionTokenCodec.requireUnexpired(claims, clock);
        revocations.requireNotRevoked(claims);
        return switch (claims.principalType()) {
            case SESSION_ROOT -> new Caller(Caller.PrincipalType.Account, partition, claims.accountId(),
                    claims.principalArn(), claims.userId(), null, accessKeyId, null, claims,
                    region);
            case SESSION_USER -> {
                String userName = claims.principalArn().substring(claims.principalArn().lastIndexOf('/') + 1);
                User user = userById(claims.accountId(), userName, claims.sourceUniqueId())
                        .orElseThrow(() -> new AuthFailureException(AwsErrorCode.InvalidClientTokenId, INVALID_TOKEN));
                yield new Caller(Caller.PrincipalType.User, partition, claims.accountId(), user.arn(partition),
                        user.userId(), user.name(), accessKeyId, null, claims, region);
            }
            case ASSUMED_ROLE -> {
                requireSourceExists(claims);
                yield new Caller(Caller.PrincipalType.AssumedRole, partition, claims.accountId(),
                        claims.principalArn(), claims.userId(), null, accessKeyId, null, claims,
                        region);
            }
            case FEDERATED_USER -> {
                requireSourceExists(claims);
                yield new Caller(Caller.PrincipalType.FederatedUser, partition, claims.accountId(),
                        claims.principalArn(), claims.userId(), null, accessKeyId, null, claims,
                        region);
            }
        };
    }

    /**
     * Deleting a user or role ends the sessions derived from it, even one re-created under the same name: the
     * unique id in the token must still be the stored one.
     */
    private void requireSourceExists(SessionClaims claims) {
        String arn = claims.sourceArn();
        String resource = arn.substring(arn.lastIndexOf(':') + 1);
        String name = resource.substring(resource.lastIndexOf('/') + 1);
        boolean exists;
        if (resource.startsWith("role/")) {
            exists = roles.find(claims.accountId(), name).filter(r -> r.roleId().equals(claims.sourceUniqueId()))
                    .isPresent();
        } else if (resource.startsWith("user/")) {
            exists = userById(claims.accountId(), name, claims.sourceUniqueId()).isPresent();
        } else {
            exists = resource.equals("root") && accounts.find(claims.accountId()).isPresent();
        }
        if (!exists) {
            throw new AuthFailureException(AwsErrorCode.InvalidClientTokenId, INVALID_TOKEN);
        }
    }

    private Caller longTerm(ParsedSignature signature, SigV4Request request, String service) {
        if (!AccessKeyId.isWellFormed(signature.accessKeyId()) || signature.accessKeyId().startsWith("ASIA")) {
            throw new AuthFailureException(AwsErrorCode.InvalidClientTokenId, INVALID_TOKEN);
        }
        AccessKey key = keys.find(signature.accessKeyId())
                .filter(AccessKey::isActive)
                .orElseThrow(() -> new AuthFailureException(AwsErrorCode.InvalidClientTokenId, INVALID_TOKEN));
        verifier(service).verify(signature, request, secretOf(key));
        Account account = accounts.find(key.accountId())
                .orElseThrow(() -> new AuthFailureException(AwsErrorCode.InvalidClientTokenId, INVALID_TOKEN));
        recordUse(key, signature);
        if (key.isRoot()) {
            return new Caller(Caller.PrincipalType.Account, partition, account.id(), account.rootArn(partition),
                    account.id(), null, key.accessKeyId(), key, null, signature.region());
        }
        // The key's user by its unique id: a rename keeps the key working, a namesake never inherits it.
        User user = users.find(key.accountId(), key.userName()).filter(key::belongsTo)
                .or(() -> key.userId() == null ? Optional.empty()
                        : userById(key.accountId(), null, key.userId()))
                .orElseThrow(() -> new AuthFailureException(AwsErrorCode.InvalidClientTokenId, INVALID_TOKEN));
        return new Caller(Caller.PrincipalType.User, partition, account.id(), user.arn(partition), user.userId(),
                user.name(), key.accessKeyId(), key, null, signature.region());
    }

    /**
     * The user with unique id {@code userId}: found under {@code nameHint} (the name it had when the credentials were
     * issued) in one read, else — renamed since — by a scan of the account's users (rare: only until the name
     * hints catch up with a rename).
     */
    private Optional<User> userById(String accountId, String nameHint, String userId) {
        Optional<User> named = nameHint == null ? Optional.empty()
                : users.find(accountId, nameHint).filter(u -> u.userId().equals(userId));
        if (named.isPresent()) {
            return named;
        }
        return users.list(accountId).stream().filter(u -> u.userId().equals(userId)).findFirst();
    }

    private byte[] secretOf(AccessKey key) {
        OpenedSecret opened = openedSecrets.get(key.accessKeyId());
        if (opened == null || !opened.sealed().equals(key.sealedSecret())) {
            String secret = sealer.open(AccessKeyId.of(key.accessKeyId()), key.sealedSecret());
            opened = new OpenedSecret(key.sealedSecret(), secret.getBytes(StandardCharsets.UTF_8));
            if (openedSecrets.size() > 100_000) {
                openedSecrets.clear();
            }
            openedSecrets.put(key.accessKeyId(), opened);
        }
        return opened.secret();
    }

    /** Keeps GetAccessKeyLastUsed true to the day without a store write on every request. */
    private void recordUse(AccessKey key, ParsedSignature signature) {
        AccessKey.LastUsed last = key.lastUsed();
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        if (last == null || !LocalDate.ofInstant(last.date(), ZoneOffset.UTC).equals(today)
                || !signature.service().equals(last.serviceName()) || !signature.region().equals(last.region())) {
            // Conditional: a concurrent UpdateAccessKey (status change) must win over a last-used stamp. Written
            // behind the answer: authentication does no store write of its own, so it can run on an I/O thread.
            AccessKey.LastUsed used = new AccessKey.LastUsed(clock.instant(), signature.service(), signature.region());
            later.accept(() -> keys.replace(key, key.withLastUsed(used)));
        }
    }

    /** Forgets an opened secret (key deleted or rotated). */
    public void forget(String accessKeyId) {
        openedSecrets.remove(accessKeyId);
    }

    private SigV4Parser parser(String service) {
        String key = service == null ? "*" : service;
        SigV4Parser parser = parsers.get(key);
        if (parser == null) {
            parser = new SigV4Parser(settings(service), clock);
            if (parsers.size() < MAX_SERVICES) { // resource servers name their services: keep the cache bounded
                parsers.putIfAbsent(key, parser);
            }
        }
        return parser;
    }

    private SigV4Verifier verifier(String service) {
        String key = service == null ? "*" : service;
        SigV4Verifier verifier = verifiers.get(key);
        if (verifier == null) {
            verifier = new SigV4Verifier(settings(service));
            if (verifiers.size() < MAX_SERVICES) {
                verifier = Objects.requireNonNullElse(verifiers.putIfAbsent(key, verifier), verifier);
            }
        }
        return verifier;
    }

    private SigV4Settings settings(String service) {
        return service == null
                ? SigV4Settings.anyService(partition::hasRegion)
                : SigV4Settings.forServices(partition::hasRegion, service);
    }
}
