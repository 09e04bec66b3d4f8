package io.keygate.decision;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import io.keygate.auth.AccessDecision;
import io.keygate.auth.AuthorizationMessages;
import io.keygate.auth.Authorizer;
import io.keygate.auth.Caller;
import io.keygate.auth.CallerDecisions;
import io.keygate.auth.RequestAuthenticator;
import io.keygate.error.AccessDeniedException;
import io.keygate.error.AuthFailureException;
import io.keygate.error.KeygateException;
import io.keygate.policy.Decision;
import io.keygate.policy.MatchedStatement;
import io.keygate.protocol.api.ApiEndpoint;
import io.keygate.protocol.api.ApiResult;
import io.keygate.protocol.api.JsonFields;
import io.keygate.protocol.sigv4.SigV4Request;

/**
 * {@code POST /api/v1/authorize}, the decision API for resource servers, top to bottom: read the body → the resource
 * server (the signed caller) needs {@code keygate:Authorize} on the resource it asks about → verify the end
 * client's forwarded request with SigV4 (any service in its scope; unknown, expired or revoked credentials and bad
 * signatures are 403 errors, not decisions) → decide with {@link CallerDecisions}, exactly as for Keygate's own
 * calls, with the resource server's observed {@code Context} added → answer the decision, the principal, the
 * deciding statements, a message in AWS's words and, for a denial, an {@code EncodedMessage} for
 * {@code DecodeAuthorizationMessage}.
 *
 * <p>Thread-safe.
 */
public final class AuthorizeEndpoint implements ApiEndpoint<Caller> {

    private static final Set<String> MEMBERS = Set.of("Action", "Resource", "Context", "SignedRequest");
    private static final Pattern ACTION = Pattern.compile("[A-Za-z0-9-]{1,64}:[A-Za-z0-9_-]{1,128}");
    private static final Pattern RESOURCE = Pattern.compile("\\*|arn:[\\x21-\\x7e]{1,2044}");

    private final Authorizer authorizer;
    private final RequestAuthenticator authenticator;
    private final CallerDecisions decisions;
    private final AuthorizationMessages messages;

    public AuthorizeEndpoint(Authorizer authorizer, RequestAuthenticator authenticator, CallerDecisions decisions,
                             AuthorizationMessages messages) {
        this.authorizer = authorizer;
        this.authenticator = authenticator;
        this.decisions = decisions;
        this.messages = messages;
    }

    @Override
    public String method() {
        return "POST";
    }

    /** Authentication and the decision read the in-memory store only. */
    @Override
    public boolean nonBlocking() {
        return true;
    }

    @Override
    public String path() {
        return "/api/v1/authorize";
    }

    @Override
    public ApiResult handle(JsonNode body, Caller resourceServer) {
        JsonFields.object(body, MEMBERS);
        String action = JsonFields.string(body, "Action", 193);
        String resource = JsonFields.string(body, "Resource", 2048);
        if (action == null || !ACTION.matcher(action).matches()) {
            throw ObservedContext.invalid("'Action' is required: service:Action, such as s3:GetObject.");
        }
        if (resource == null || !RESOURCE.matcher(resource).matches()) {
            throw ObservedContext.invalid("'Resource' is required: an ARN, or * for actions without resources.");
        }
        authorizer.authorize(resourceServer, "keygate:Authorize", resource);
        Map<String, List<String>> context = ObservedContext.read(body.get("Context"));
        SigV4Request signed = ForwardedRequest.read(body.get("SignedRequest"));

        Caller client;
        try {
            client = authenticator.authenticate(signed, null);
        } catch (AuthFailureException | AccessDeniedException e) {
            return refusedClient(e);
        }
        AccessDecision decision = decisions.decide(client, action, resource, context, null);
        return ApiResult.ok(answer(client, decision));
    }

    /** The end client's credentials or signature were refused: an error about the SignedRequest, not a decision. */
    private static ApiResult refusedClient(KeygateException e) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("Code", e.code().name());
        error.put("Message", e.getMessage());
        error.put("Source", "SignedRequest");
        return new ApiResult(e.code().httpStatus(), error);
    }

    private Map<String, Object> answer(Caller client, AccessDecision access) {
        Decision d = access.decision();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Decision", switch (d.effect()) {
            case ALLOW -> "Allow";
            case EXPLICIT_DENY -> "ExplicitDeny";
            case IMPLICIT_DENY -> "ImplicitDeny";
        });
        Map<String, Object> principal = new LinkedHashMap<>();
        principal.put("Arn", client.arn());
        principal.put("Account", client.accountId());
        principal.put("UserId", client.userId());
        principal.put("Type", client.type().name());
        out.put("Principal", principal);
        List<Map<String, Object>> matched = new ArrayList<>();
        for (MatchedStatement m : d.matchedStatements()) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("PolicyId", m.policyId());
            s.put("StatementIndex", m.statementIndex());
            s.put("Effect", m.effect().wireName());
            if (m.sid() != null) {
                s.put("Sid", m.sid());
            }
            matched.add(s);
        }
        out.put("MatchedStatements", matched);
        if (access.allowed()) {
            out.put("Message", "User: " + client.arn() + " is authorized to perform: " + d.action()
                    + " on resource: " + d.resource());
        } else {
            out.put("Message", access.message());
            out.put("EncodedMessage", messages.encode(access));
        }
        return out;
    }
}
