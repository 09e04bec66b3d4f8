package io.keygate.app;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import com.nimbusds.jose.JWSAlgorithm;

import io.keygate.auth.Authorizer;
import io.keygate.auth.Caller;
import io.keygate.auth.CallerDecisions;
import io.keygate.auth.RequestAuthenticator;
import io.keygate.expiry.ExpiringEntries;
import io.keygate.federation.oidc.WebIdentityVerifier;
import io.keygate.iam.OidcProviderRepository;
import io.keygate.iam.Partition;
import io.keygate.iam.RoleRepository;
import io.keygate.issuer.WebIdentityTokens;
import io.keygate.pool.DeveloperIdentities;
import io.keygate.pool.IdentityCredentials;
import io.keygate.pool.IdentityPoolAdmin;
import io.keygate.pool.IdentityPoolRepository;
import io.keygate.pool.PoolDispatcher;
import io.keygate.pool.PoolOperation;
import io.keygate.pool.PoolTokenVerifier;
import io.keygate.pool.PrincipalTagAttributeMaps;
import io.keygate.federation.oidc.OidcSettings;
import io.keygate.issuer.IssuerKeys;
import io.keygate.protocol.query.HttpExchange;
import io.keygate.store.InfinispanStore;
import io.keygate.store.StoreIdentityPoolRepository;
import io.keygate.sts.CredentialMinter;
import io.keygate.sts.FederatedSessions;
import io.keygate.sts.SessionInputs;

/** Identity pools: the repository, the operations, and the JSON 1.1 dispatcher that QueryRoutes hands them to. */
@ApplicationScoped
public class PoolWiring {

    /** The issuer of the basic flow's tokens: {@code <issuer base>/cognito-identity}. */
    static String poolIssuer(String base) {
        return base + PoolTokenVerifier.ISSUER_PATH;
    }

    @Produces
    @Singleton
    IdentityPoolRepository identityPools(InfinispanStore store) {
        return new StoreIdentityPoolRepository(store);
    }

    /** The basic flow's tokens, accepted by AssumeRoleWithWebIdentity without an IAM OIDC provider. */
    @Produces
    @Singleton
    PoolTokenVerifier builtInProviders(IssuerKeys keys, IdentityPoolRepository pools, OidcSettings settings,
                                       @Named("issuerBase") String base, Clock clock) {
        return new PoolTokenVerifier(base, keys, pools, clock, settings.clockSkew());
    }

    @Produces
    @Singleton
    PoolDispatcher poolDispatcher(IdentityPoolRepository pools, OidcProviderRepository providers,
                                  WebIdentityVerifier verifier, SessionInputs inputs, RoleRepository roles,
                                  CredentialMinter minter, CallerDecisions decisions, Authorizer authorizer,
                                  InfinispanStore store, WebIdentityTokens tokens, PoolTokenVerifier poolTokens,
                                  RequestAuthenticator authenticator,
                                  Partition partition, KeygateConfig config, PoolConfig poolConfig,
                                  @Named("issuerBase") String base, Clock clock) {
        FederatedSessions sessions = new FederatedSessions(roles, minter, inputs, decisions, clock);
        String issuer = poolIssuer(base);
        IdentityCredentials.PoolTokens signer = (pool, identityId, amr, lifetime) -> tokens.sign(issuer, identityId,
                List.of(pool.identityPoolId()), lifetime, JWSAlgorithm.RS256, Map.of("amr", amr)).token();
        List<PoolOperation> operations = new ArrayList<>(new IdentityPoolAdmin(pools, providers, authorizer, clock)
                .operations());
        // The guest GetId counters live in memory on their two owners, never on disk: a count is a rate, not a record,
        // and a forced write per GetId, all of them on the one counter of a pool and source, serialized GetId at the
        // disk's sync rate. A crash of both owners forgets the window's count (docs/identity-pools.md).
        ExpiringEntries guestCounters = store.memoryOnlyEntries();
        IdentityCredentials.Settings settings = new IdentityCredentials.Settings(poolConfig.guestGetIdLimit(),
                poolConfig.guestGetIdWindow(), poolConfig.tokenLifetime(), !store.isClustered());
        operations.addAll(new IdentityCredentials(pools, providers, verifier, sessions, guestCounters, signer,
                poolTokens, settings, clock).operations());
        operations.addAll(new DeveloperIdentities(pools, authorizer, signer, poolConfig.tokenLifetime(), clock)
                .operations());
        operations.addAll(new PrincipalTagAttributeMaps(pools, authorizer).operations());
        return new PoolDispatcher(operations, new PoolDispatcher.Callers() {
            @Override
            public Caller signed(HttpExchange exchange) {
                return authenticator.authenticate(QueryWiring.sigV4(exchange), "cognito-identity")
                        .withFacts(QueryWiring.facts(exchange));
            }

            @Override
            public Caller unsigned(HttpExchange exchange) {
                return Caller.unsigned(partition, config.region(), QueryWiring.facts(exchange));
            }
        });
    }
}
