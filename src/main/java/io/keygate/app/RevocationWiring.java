package io.keygate.app;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.keygate.auth.Authorizer;
import io.keygate.auth.Caller;
import io.keygate.iam.RoleRepository;
import io.keygate.protocol.api.ApiEndpoint;
import io.keygate.revocation.ListRevocations;
import io.keygate.revocation.RevocationList;
import io.keygate.revocation.RevocationRepository;
import io.keygate.revocation.RevokeSessions;
import io.keygate.store.InfinispanStore;
import io.keygate.store.StoreRevocationRepository;

/** Targeted revocation: its store, the request-path check and the two API endpoints. */
@ApplicationScoped
public class RevocationWiring {

    @Produces
    @Singleton
    RevocationRepository revocationRepository(InfinispanStore store, Clock clock) {
        return new StoreRevocationRepository(store, clock);
    }

    @Produces
    @Singleton
    RevocationList revocationList(RevocationRepository repository, Clock clock) {
        return new RevocationList(repository, clock);
    }

    @Produces
    @Singleton
    ApiEndpoint<Caller> revokeSessions(RevocationRepository repository, RoleRepository roles, Authorizer authorizer,
                                       Clock clock) {
        return new RevokeSessions(repository, roles, authorizer, clock);
    }

    @Produces
    @Singleton
    ApiEndpoint<Caller> listRevocations(RevocationRepository repository, Authorizer authorizer) {
        return new ListRevocations(repository, authorizer);
    }
}
