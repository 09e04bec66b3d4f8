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
import io.keygate.auth.CompiledPolicies;
import io.keygate.auth.RequestAuthenticator;
import io.keygate.error.AccessDeniedException;
import io.keygate.error.AuthFailureException;
import io.keygate.error.AwsErrorCode;
import io.keygate.error.KeygateException;
import io.keygate.iam.StoredPolicy;
import io.keygate.policy.Decision;
import io.keygate.policy.MatchedStatement;
import io.keygate.policy.PolicyType;
import io.keygate.protocol.api.ApiEndpoint;
import io.keygate.protocol.api.ApiResult;
import io.keygate.protocol.api.JsonFields;
import io.keygate.protocol.sigv4.SigV4Request;

/**
 * {@code POST /api/v1/authorize}, the decision API for resource servers, top to bottom: read the body → the
 * resource's account (from the resource ARN, else {@code ResourceAccount}, else the resource server's own) → the
 * resource server (the signed caller) needs {@code keygate:Authorize} on the resource, in its own account, for the
 * {@code Service} and {@code Host} it states ({@code keygate:Service}, {@code keygate:Host}) → verify the end
 * client's forwarded request with SigV4, bound to that service and host (unknown, expired or revoked credentials,
 * bad signatures and requests signed for another service or host are 403 errors, not decisions) → decide with
 * {@link CallerDecisions}, exactly as for Keygate's own calls, with the resource server's observed {@code Context}
 * and {@code ResourcePolicy} added: a client of another account is allowed only where the resource policy and its
 * own identity policies both allow → answer the decision, the principal, the deciding statements, a message in
 * AWS's words and, for a denial, an {@code EncodedMessage} for {@code DecodeAuthorizationMessage}.
 *
 * <p>Thread-safe.
 */
public final class AuthorizeEndpoint implements ApiEndpoint<Caller> {

    private static final Set<String> MEMBERS = Set.of("Action", "Resource", "ResourceAccount", "ResourcePolicy",
            "Service", "Host", "Context", "SignedRequest");
    private static final Pattern ACTION = Pattern.compile("[A-Za-z0-9-]{1,64}:[A-Za-z0-9_-]{1,128}");
    private static final Pattern RESOURCE = Pattern.compile("\\*|arn:[\\x21-\\x7e]{1,2044}");
    private static final Pattern ACCOUNT = Pattern.compile("[0-9]{12}");
    /** A SigV4 signing name as it appears in a credential scope ({@code s3}, {@code execute-api}, {@code notes}). */
    private static final Pattern SERVICE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    /** {@code host[:port]} as in a Host header: a DNS name, an IPv4 address or a bracketed IPv6 address. */
    private static final Pattern HOST = Pattern.compile("([A-Za-z0-9_.-]{1,253}|\\[[0-9A-Fa-f:.]{2,45}])(:[0-9]{1,5})?");
    /**
     * Characters of a {@code ResourcePolicy} as sent; the policy validator then holds it to AWS's quota for
     * resource-based policies (20,480 characters without whitespace, as S3 bucket policies).
     */
    static final int MAX_RESOURCE_POLICY = 65_536;

    private final RequestAuthenticator authenticator;
    private final CallerDecisions decisions;
    private final CompiledPolicies compiled;
    private final AuthorizationMessages messages;

    public AuthorizeEndpoint(RequestAuthenticator authenticator, CallerDecisions decisions, CompiledPolicies compiled,
                             AuthorizationMessages messages) {
        this.authenticator = authenticator;
        this.decisions = decisions;
        this.compiled = compiled;
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
        String service = JsonFields.string(body, "Service", 64);
        if (service == null || !SERVICE.matcher(service).matches()) {
            throw ObservedContext.invalid("'Service' is required: the SigV4 service name the resource server serves "
                    + "(the service in its clients' credential scope, such as s3).");
        }
        String host = JsonFields.string(body, "Host", 261);
        if (host == null || !HOST.matcher(host).matches()) {
            throw ObservedContext.invalid("'Host' is required: the host (and port, as in the Host header) the "
                    + "resource server serves, such as media.example.com.");
        }
        String owner = resourceAccount(resource, JsonFields.string(body, "ResourceAccount", 12), resourceServer);
        AccessDecision asker = decisions.decide(resourceServer, "keygate:Authorize", resource,
                Map.of("keygate:Service", List.of(service), "keygate:Host", List.of(host)), null, owner);
        if (!asker.allowed()) {
            throw new AccessDeniedException(AwsErrorCode.AccessDenied, asker.message());
        }
        Map<String, List<String>> context = ObservedContext.read(body.get("Context"));
        Authorizer.ResourcePolicy resourcePolicy = resourcePolicy(body, owner);
        SigV4Request signed = ForwardedRequest.read(body.get("SignedRequest"));

        Caller client;
        try {
            client = authenticator.authenticate(signed, service);
            requireHost(signed, host);
        } catch (AuthFailureException | AccessDeniedException e) {
            return refusedClient(e);
        }
        AccessDecision decision = decisions.decide(client, action, resource, context, resourcePolicy, owner);
        return ApiResult.ok(answer(client, decision));
    }

    /**
     * The account that owns the resource: the ARN's account field; for ARNs without one (and {@code *}) the
     * {@code ResourceAccount} member, else the resource server's own account.
     */
    static String resourceAccount(String resource, String stated, Caller resourceServer) {
        if (stated != null && !ACCOUNT.matcher(stated).matches()) {
            throw ObservedContext.invalid("'ResourceAccount' must be a 12-digit account id.");
        }
        String inArn = null;
        if (!resource.equals("*")) {
            String[] parts = resource.split(":", 6);
            if (parts.length < 6) {
                throw ObservedContext.invalid("'Resource' must be arn:partition:service:region:account:resource.");
            }
            if (!parts[4].isEmpty()) {
                if (!ACCOUNT.matcher(parts[4]).matches()) {
                    throw ObservedContext.invalid("The account of 'Resource' must be a 12-digit account id or empty.");
                }
                inArn = parts[4];
            }
        }
        if (inArn != null && stated != null && !inArn.equals(stated)) {
            throw ObservedContext.invalid("'ResourceAccount' " + stated + " differs from the account " + inArn
                    + " in 'Resource'.");
        }
        return inArn != null ? inArn : stated != null ? stated : resourceServer.accountId();
    }

    /** The resource-based policy the resource server sends, validated as AWS validates resource policies. */
    private Authorizer.ResourcePolicy resourcePolicy(JsonNode body, String owner) {
        String document = JsonFields.string(body, "ResourcePolicy", MAX_RESOURCE_POLICY);
        if (document == null) {
            return null;
        }
        Authorizer.ResourcePolicy policy = new Authorizer.ResourcePolicy(
                new StoredPolicy("ResourcePolicy", StoredPolicy.Kind.MANAGED, document), owner, PolicyType.RESOURCE);
        compiled.compile(policy.policy(), PolicyType.RESOURCE); // MalformedPolicyDocument (400) before deciding
        return policy;
    }

    /**
     * The client signed its request for the host the resource server serves. SigV4 verification has shown Host to
     * be signed; comparing it binds the request to this server, so a request signed for another service's host
     * cannot be replayed here.
     */
    private static void requireHost(SigV4Request signed, String host) {
        String received = signed.header("host");
        if (received == null || !received.trim().equalsIgnoreCase(host)) {
            throw new AuthFailureException(AwsErrorCode.SignatureDoesNotMatch, "The request was signed for host '"
                    + (received == null ? "" : ObservedContext.echo(received)) + "', not for the host this "
                    + "service serves.");
        }
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
