package io.keygate.app;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.keygate.protocol.query.RequestIds;
import io.keygate.auth.Authorizer;
import io.keygate.auth.CallerDecisions;
import io.keygate.auth.CompiledPolicies;
import io.keygate.auth.PolicyAuthorizer;
import io.keygate.auth.RequestFacts;
import io.keygate.iam.PrincipalPolicies;
import io.keygate.iam.RoleRepository;
import io.keygate.policy.PolicyEvaluator;
import io.keygate.auth.Caller;
import io.keygate.auth.RequestAuthenticator;
import io.keygate.credentials.IdGenerator;
import io.keygate.credentials.CurrentKeyRing;
import io.keygate.credentials.SecretSealer;
import io.keygate.credentials.SessionTokenCodec;
import io.keygate.error.AccessDeniedException;
import io.keygate.error.AwsErrorCode;
import io.keygate.iam.AccessKeyRepository;
import io.keygate.iam.AccountRepository;
import io.keygate.iam.Partition;
import io.keygate.iam.UserRepository;
import io.keygate.protocol.model.NotImplemented;
import io.keygate.protocol.query.ActionRegistry;
import io.keygate.protocol.query.Authenticator;
import io.keygate.protocol.query.HttpExchange;
import io.keygate.protocol.query.QueryAction;
import io.keygate.protocol.query.QueryDispatcher;
import io.keygate.protocol.query.QueryService;
import io.keygate.protocol.model.InputConstraints;
import io.keygate.protocol.model.ServiceModel;
import io.keygate.protocol.sigv4.SigV4Request;
import io.keygate.revocation.RevocationList;
import io.keygate.sts.CredentialMinter;
import io.keygate.sts.GetAccessKeyInfo;
import io.keygate.sts.AssumeRole;
import io.keygate.sts.GetCallerIdentity;
import io.keygate.sts.GetFederationToken;
import io.keygate.sts.SessionInputs;
import io.keygate.sts.GetSessionToken;
import io.keygate.sts.MfaVerifier;

/** Assembles the Query endpoint: authenticator, credential minter, every action, and the dispatcher. */
@ApplicationScoped
public class QueryWiring {

    @Produces
    @Singleton
    SessionTokenCodec sessionTokenCodec(CurrentKeyRing keyRing) {
        return new SessionTokenCodec(keyRing);
    }

    @Produces
    @Singleton
    RequestAuthenticator authenticator(KeygateConfig config, Partition partition, AccessKeyRepository keys,
                                       AccountRepository accounts, UserRepository users, RoleRepository roles,
                                       SecretSealer sealer,
                                       SessionTokenCodec codec, RevocationList revocations, Clock clock,
                                       WriteBehind writeBehind) {
        Set<String> disabled = Set.copyOf(config.disabledRegions().orElse(List.of()));
        return new RequestAuthenticator(partition, disabled, keys, accounts, users, roles, sealer, codec, revocations,
                clock, writeBehind::submit);
    }

    @Produces
    @Singleton
    CredentialMinter minter(IdGenerator ids, SessionTokenCodec codec, Clock clock) {
        return new CredentialMinter(ids, codec, clock);
    }

    /**
     * Every signed action is decided by the policy engine over the principal's policies as stored now; the root is
     * allowed everything, as in AWS.
     */
    @Produces
    @Singleton
    CompiledPolicies compiledPolicies() {
        return new CompiledPolicies();
    }

    @Produces
    @Singleton
    CallerDecisions callerDecisions(PrincipalPolicies policies, CompiledPolicies compiled, Clock clock) {
        return new CallerDecisions(policies, new PolicyEvaluator(), compiled, clock);
    }

    @Produces
    @Singleton
    Authorizer authorizer(CallerDecisions decisions) {
        return new PolicyAuthorizer(decisions);
    }

    @Produces
    @Singleton
    SessionInputs sessionInputs(PrincipalPolicies policies) {
        // Its own cache: session policies come from callers, so a flood of distinct ones must not evict the
        // stored policies that decide every request; 16 MiB of compiled session policies at most.
        return new SessionInputs(policies, new CompiledPolicies(16L << 20));
    }

    @Produces
    @Singleton
    ActionSet stsActions(CredentialMinter minter, MfaVerifier mfa, AccessKeyRepository keys, Authorizer authorizer,
                         SessionInputs sessionInputs, RoleRepository roles, Clock clock, WriteBehind writeBehind) {
        return new ActionSet(List.of(
                new GetCallerIdentity(),
                new AssumeRole(roles, minter, sessionInputs, mfa, authorizer, clock, writeBehind::submit),
                new GetSessionToken(minter, mfa),
                new GetFederationToken(minter, sessionInputs, authorizer),
                new GetAccessKeyInfo(keys, authorizer)));
    }

    @Produces
    @Singleton
    QueryDispatcher<Caller> dispatcher(RequestAuthenticator authenticator, Instance<ActionSet> sets,
                                       Partition partition, KeygateConfig config, ServiceModels models) {
        List<QueryAction<Caller>> actions = new ArrayList<>();
        sets.forEach(set -> actions.addAll(set.actions()));
        Authenticator<Caller> signatures = new Authenticator<>() {
            @Override
            public Caller authenticate(HttpExchange exchange, QueryService service) {
                return authenticator.authenticate(sigV4(exchange), service.signingName()).withFacts(facts(exchange));
            }

            @Override
            public Caller unsigned(HttpExchange exchange) {
                return Caller.unsigned(partition, config.region(), facts(exchange));
            }
        };
        return new QueryDispatcher<>(new ActionRegistry<>(actions, refusals()), signatures,
                () -> RequestIds.next(), Map.of(
                        QueryService.IAM, new InputConstraints(models.get(ServiceModel.IAM), false),
                        QueryService.STS, new InputConstraints(models.get(ServiceModel.STS), true)));
    }

    /**
     * The IAM and STS operations of the AWS models Keygate does not serve, each refused with the decision and reason
     * of {@code aws-models/not-implemented.txt} (the same text docs/aws-compatibility.md shows).
     */
    static Map<String, String> refusals() {
        Map<String, String> refusals = new java.util.HashMap<>();
        for (NotImplemented.Entry e : NotImplemented.load().entries()) {
            QueryService service = switch (e.service()) {
                case "iam" -> QueryService.IAM;
                case "sts" -> QueryService.STS;
                default -> null;
            };
            if (service != null) {
                refusals.put(ActionRegistry.key(service.version(), e.operation()),
                        (e.decision() == NotImplemented.Decision.UNSUPPORTED ? "Keygate does not support "
                                : "Keygate does not implement yet ") + e.operation() + ": " + e.reason()
                                + " (see docs/aws-compatibility.md)");
            }
        }
        return refusals;
    }

    /**
     * {@code aws:SourceIp}, {@code aws:SecureTransport} and {@code aws:UserAgent} from the connection Keygate
     * accepted. The source address is the peer's: forwarded-for headers are not trusted here (a proxy in front of
     * Keygate is configured in Quarkus' proxy settings, which rewrite the remote address).
     */
    static RequestFacts facts(HttpExchange exchange) {
        return new RequestFacts(exchange.sourceIp(), exchange.secure(), exchange.header("User-Agent"));
    }

    /** The same facts read straight from the request, for routes that need nothing else of it (no header copies). */
    static RequestFacts facts(io.vertx.core.http.HttpServerRequest request) {
        return new RequestFacts(request.remoteAddress() == null ? null : request.remoteAddress().hostAddress(),
                request.isSSL(), request.getHeader("User-Agent"));
    }

    static SigV4Request sigV4(HttpExchange exchange) {
        return SigV4Request.of(exchange.method(), exchange.rawPath(), exchange.rawQuery(), exchange.headers(),
                exchange.body());
    }
}
