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

    @Produces
    @Singleton
    ConsoleFederation consoleFederation(RequestAuthenticator authenticator, SecretSealer sealer,
                                        io.keygate.store.InfinispanStore store, ConsoleSessions sessions,
                                        KeygateConfig config, Clock clock) {
        DestinationCheck destinations = new DestinationCheck(config.publicUrl(),
                config.signin().allowedDestinations().orElse(List.of()));
        // Sign-in grants live 15 minutes and are taken once: kept in memory on their owners (replicated in a
        // cluster), never written to disk, so getSigninToken costs no disk write. A restart loses unused grants:
        // the user asks for a new sign-in URL.
        return new ConsoleFederation(authenticator, new SigninTokens(sealer), store.memoryOnlyEntries(), sessions,
                destinations, clock);
    }
}
