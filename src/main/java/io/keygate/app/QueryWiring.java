package io.keygate.app;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.keygate.auth.Authorizer;
import io.keygate.auth.Caller;
import io.keygate.auth.RequestAuthenticator;
import io.keygate.credentials.IdGenerator;
import io.keygate.credentials.KeyRing;
import io.keygate.credentials.SecretSealer;
import io.keygate.credentials.SessionTokenCodec;
import io.keygate.error.AccessDeniedException;
import io.keygate.error.AwsErrorCode;
import io.keygate.iam.AccessKeyRepository;
import io.keygate.iam.AccountRepository;
import io.keygate.iam.Partition;
import io.keygate.iam.UserRepository;
import io.keygate.protocol.query.ActionRegistry;
import io.keygate.protocol.query.HttpExchange;
import io.keygate.protocol.query.QueryAction;
import io.keygate.protocol.query.QueryDispatcher;
import io.keygate.protocol.sigv4.SigV4Request;
import io.keygate.revocation.RevocationList;
import io.keygate.sts.CredentialMinter;
import io.keygate.sts.GetAccessKeyInfo;
import io.keygate.sts.GetCallerIdentity;
import io.keygate.sts.GetSessionToken;
import io.keygate.sts.MfaVerifier;

/** Assembles the Query endpoint: authenticator, credential minter, every action, and the dispatcher. */
@ApplicationScoped
public class QueryWiring {

    @Produces
    @Singleton
    SessionTokenCodec sessionTokenCodec(KeyRing keyRing) {
        return new SessionTokenCodec(keyRing);
    }

    @Produces
    @Singleton
    RequestAuthenticator authenticator(KeygateConfig config, Partition partition, AccessKeyRepository keys,
                                       AccountRepository accounts, UserRepository users, SecretSealer sealer,
                                       SessionTokenCodec codec, RevocationList revocations, Clock clock) {
        Set<String> disabled = Set.copyOf(config.disabledRegions().orElse(List.of()));
        return new RequestAuthenticator(partition, disabled, keys, accounts, users, sealer, codec, revocations, clock);
    }

    @Produces
    @Singleton
    CredentialMinter minter(IdGenerator ids, SessionTokenCodec codec, Clock clock) {
        return new CredentialMinter(ids, codec, clock);
    }

    /**
     * Until IAM can attach policies, principals other than an account's root hold none, so every request of theirs
     * is implicitly denied; the root is allowed everything, as in AWS.
     */
    @Produces
    @Singleton
    Authorizer authorizer() {
        return (caller, action, resource, context) -> {
            if (!caller.isRoot()) {
                throw new AccessDeniedException(AwsErrorCode.AccessDenied, "User: " + caller.arn()
                        + " is not authorized to perform: " + action + " on resource: " + resource
                        + " because no identity-based policy allows the " + action + " action");
            }
        };
    }

    @Produces
    @Singleton
    ActionSet stsActions(CredentialMinter minter, MfaVerifier mfa, AccessKeyRepository keys, Authorizer authorizer) {
        return new ActionSet(List.of(
                new GetCallerIdentity(),
                new GetSessionToken(minter, mfa),
                new GetAccessKeyInfo(keys, authorizer)));
    }

    @Produces
    @Singleton
    QueryDispatcher<Caller> dispatcher(RequestAuthenticator authenticator, Instance<ActionSet> sets) {
        List<QueryAction<Caller>> actions = new ArrayList<>();
        sets.forEach(set -> actions.addAll(set.actions()));
        return new QueryDispatcher<>(new ActionRegistry<>(actions),
                (exchange, service) -> authenticator.authenticate(sigV4(exchange), service.signingName()),
                () -> UUID.randomUUID().toString());
    }

    static SigV4Request sigV4(HttpExchange exchange) {
        return SigV4Request.of(exchange.method(), exchange.rawPath(), exchange.rawQuery(), exchange.headers(),
                exchange.body());
    }
}
