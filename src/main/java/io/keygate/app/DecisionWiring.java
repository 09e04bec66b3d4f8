package io.keygate.app;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.keygate.auth.AuthorizationMessages;
import io.keygate.auth.Authorizer;
import io.keygate.auth.Caller;
import io.keygate.auth.CallerDecisions;
import io.keygate.auth.CompiledPolicies;
import io.keygate.auth.RequestAuthenticator;
import io.keygate.credentials.AuthorizationMessageCodec;
import io.keygate.credentials.CurrentKeyRing;
import io.keygate.decision.AuthorizeEndpoint;
import io.keygate.protocol.api.ApiEndpoint;
import io.keygate.sts.DecodeAuthorizationMessage;

/** The decision API for resource servers and the encoded authorization messages STS decodes. */
@ApplicationScoped
public class DecisionWiring {

    @Produces
    @Singleton
    AuthorizationMessages authorizationMessages(CurrentKeyRing keyRing) {
        return new AuthorizationMessages(new AuthorizationMessageCodec(keyRing));
    }

    @Produces
    @Singleton
    ApiEndpoint<Caller> authorizeEndpoint(RequestAuthenticator authenticator, CallerDecisions decisions,
                                          CompiledPolicies compiled, AuthorizationMessages messages) {
        return new AuthorizeEndpoint(authenticator, decisions, compiled, messages);
    }

    @Produces
    @Singleton
    ActionSet decodeAuthorizationMessage(AuthorizationMessages messages, Authorizer authorizer) {
        return new ActionSet(List.of(new DecodeAuthorizationMessage(messages, authorizer)));
    }
}
