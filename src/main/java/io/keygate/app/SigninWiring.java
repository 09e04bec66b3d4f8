package io.keygate.app;

import java.time.Clock;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.keygate.auth.Caller;
import io.keygate.auth.RequestAuthenticator;
import io.keygate.console.ActionInvoker;
import io.keygate.console.Console;
import io.keygate.protocol.query.QueryDispatcher;
import io.keygate.protocol.query.QueryResponse;
import io.keygate.protocol.query.RequestIds;
import io.keygate.credentials.SecretSealer;
import io.keygate.expiry.ExpiringEntries;
import io.keygate.signin.ConsoleFederation;
import io.keygate.signin.ConsoleSessions;
import io.keygate.signin.DestinationCheck;
import io.keygate.signin.SigninTokens;

/** Console federation: sign-in tokens, console sessions and the destination allow-list. */
@ApplicationScoped
public class SigninWiring {

    @Produces
    @Singleton
    ConsoleSessions consoleSessions(ExpiringEntries entries, Clock clock) {
        return new ConsoleSessions(entries, clock);
    }

    /** The console acts for its session through the Query dispatcher: same actions, same authorization. */
    @Produces
    @Singleton
    Console console(QueryDispatcher<Caller> dispatcher, Clock clock) {
        return new Console((params, caller) -> {
            QueryResponse answer = dispatcher.dispatchAs(params, caller, RequestIds.next());
            return new ActionInvoker.Answer(answer.status(), answer.body());
        }, clock);
    }

    /**
     * The administration pages act for the session through the same Query actions and the same {@code /api/v1}
     * endpoint classes as the API, called directly after the console has authenticated the session.
     */
    @Produces
    @Singleton
    io.keygate.console.AdminPages adminPages(QueryDispatcher<Caller> dispatcher,
                                             jakarta.enterprise.inject.Instance<io.keygate.protocol.api.ApiEndpoint<Caller>> endpoints) {
        List<io.keygate.protocol.api.ApiEndpoint<Caller>> all = endpoints.stream().toList();
        io.keygate.console.ApiInvoker api = (method, path, body, caller) -> {
            for (io.keygate.protocol.api.ApiEndpoint<Caller> endpoint : all) {
                if (endpoint.method().equals(method) && endpoint.path().equals(path)) {
                    try {
                        io.keygate.protocol.api.ApiResult result = endpoint.handle(body, caller);
                        return new io.keygate.console.ApiInvoker.Answer(result.status(),
                                ApiRoutes.JSON.valueToTree(result.body()));
                    } catch (io.keygate.error.KeygateException e) {
                        return new io.keygate.console.ApiInvoker.Answer(e.code().httpStatus(), ApiRoutes.JSON
                                .valueToTree(java.util.Map.of("Code", e.code().name(), "Message", e.getMessage())));
                    }
                }
            }
            throw new IllegalStateException("no API endpoint " + method + " " + path);
        };
        return new io.keygate.console.AdminPages((params, caller) -> {
            QueryResponse answer = dispatcher.dispatchAs(params, caller, RequestIds.next());
            return new ActionInvoker.Answer(answer.status(), answer.body());
        }, api);
    }

    @Produces
    @Singleton
    ConsoleFederation consoleFederation(RequestAuthenticator authenticator, SecretSealer sealer,
                                        io.keygate.store.InfinispanStore store, ConsoleSessions sessions,
                                        KeygateConfig config, Clock clock) {
        DestinationCheck destinations = new DestinationCheck(config.publicUrl(),
                config.signin().allowedDestinations().orElse(List.of()));
        // A sign-in token carries its session, so getSigninToken stores nothing; login marks the token used in
        // the durable expiring entries (a restart must not let it be used twice). Grants of the tokens of earlier
        // versions were kept in memory only.
        return new ConsoleFederation(authenticator, new SigninTokens(sealer), store.memoryOnlyEntries(),
                store.expiringEntries(), sessions, destinations, clock);
    }
}
