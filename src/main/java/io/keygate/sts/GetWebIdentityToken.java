package io.keygate.sts;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JWSAlgorithm;

import io.keygate.auth.Authorizer;
import io.keygate.auth.Caller;
import io.keygate.error.AccessDeniedException;
import io.keygate.error.AwsErrorCode;
import io.keygate.error.InvalidInputException;
import io.keygate.issuer.OutboundFederation;
import io.keygate.issuer.OutboundFederationRepository;
import io.keygate.issuer.WebIdentityTokens;
import io.keygate.protocol.query.QueryParams;
import io.keygate.protocol.query.ResultWriter;

/**
 * {@code GetWebIdentityToken}: a JWT for the calling principal that an outside service verifies through Keygate's
 * published discovery document and JWKS. Top to bottom: parameters ({@code Audience} 1–10 values,
 * {@code DurationSeconds} 60–3,600 default 300, {@code SigningAlgorithm} RS256 | ES384, up to 50 {@code Tags} as
 * custom claims) → the account has outbound federation enabled → {@code sts:GetWebIdentityToken} allowed by the
 * caller's policies (with {@code sts:IdentityTokenAudience}, {@code sts:SigningAlgorithm},
 * {@code sts:DurationSeconds} and request tags as condition keys) → a session cannot mint a token that outlives it
 * → sign ({@link WebIdentityTokens}). {@code sub} is {@code aws:PrincipalArn} (the role ARN for role sessions).
 */
public final class GetWebIdentityToken extends StsAction {

    private final OutboundFederationRepository federation;
    private final WebIdentityTokens tokens;
    private final SessionInputs inputs;
    private final Authorizer authorizer;
    private final Clock clock;
    private final String base;

    /** @param base the issuer base URL (Keygate's public URL) */
    public GetWebIdentityToken(OutboundFederationRepository federation, WebIdentityTokens tokens, SessionInputs inputs,
                               Authorizer authorizer, Clock clock, String base) {
        this.federation = federation;
        this.tokens = tokens;
        this.inputs = inputs;
        this.authorizer = authorizer;
        this.clock = clock;
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    @Override
    public String name() {
        return "GetWebIdentityToken";
    }

    @Override
    public ResultWriter execute(QueryParams params, Caller caller) {
        List<String> audiences = params.list("Audience", 10);
        if (audiences.isEmpty()) {
            params.required("Audience.member.1");
        }
        for (String aud : audiences) {
            if (aud.isEmpty() || aud.length() > 1000) {
                throw QueryParams.constraint("audience.member", aud, "Member must have length between 1 and 1000");
            }
        }
        int duration = params.integer("DurationSeconds", 60, 3600, 300);
        String algorithm = params.string("SigningAlgorithm", true, 5, 5, null);
        if (!algorithm.equals("RS256") && !algorithm.equals("ES384")) {
            throw QueryParams.constraint("signingAlgorithm", algorithm, "Member must be one of: RS256, ES384");
        }
        Map<String, String> tags = inputs.read(onlyTags(params), caller.accountId(), false).tags();

        OutboundFederation record = federation.find(caller.accountId()).filter(OutboundFederation::enabled)
                .orElseThrow(() -> new AccessDeniedException(AwsErrorCode.OutboundWebIdentityFederationDisabledException,
                        "Outbound web identity federation is disabled for account " + caller.accountId()
                                + "; enable it with EnableOutboundWebIdentityFederation."));
        Map<String, List<String>> context = new LinkedHashMap<>();
        context.put("sts:IdentityTokenAudience", audiences);
        context.put("sts:SigningAlgorithm", List.of(algorithm));
        context.put("sts:DurationSeconds", List.of(Integer.toString(duration)));
        tags.forEach((k, v) -> context.put("aws:RequestTag/" + k, List.of(v)));
        if (!tags.isEmpty()) {
            context.put("aws:TagKeys", List.copyOf(tags.keySet()));
        }
        authorizer.authorize(caller, "sts:GetWebIdentityToken", "*", context);
        if (caller.session() != null
                && clock.instant().plusSeconds(duration).isAfter(caller.session().expiresAt())) {
            throw new AccessDeniedException(AwsErrorCode.SessionDurationEscalationException,
                    "The requested DurationSeconds would let the token outlive the calling session, which expires at "
                            + caller.session().expiresAt());
        }
        String subject = caller.session() != null ? caller.session().sourceArn() : caller.arn();
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("aws_account", caller.accountId());
        facts.put("principal_id", caller.arn());
        if (caller.region() != null) {
            facts.put("source_region", caller.region());
        }
        if (!tags.isEmpty()) {
            facts.put("request_tags", tags);
        }
        WebIdentityTokens.Issued issued;
        try {
            issued = tokens.issue(record.issuerUrl(base), subject, audiences, Duration.ofSeconds(duration),
                    JWSAlgorithm.parse(algorithm), facts);
        } catch (WebIdentityTokens.PayloadTooLarge e) {
            throw new InvalidInputException(AwsErrorCode.JWTPayloadSizeExceededException, e.getMessage());
        }
        return xml -> xml.element("WebIdentityToken", issued.token()).element("Expiration", issued.expiration());
    }

    /** The request's {@code Tags} alone, read with the session-tag rules. */
    private static QueryParams onlyTags(QueryParams params) {
        Map<String, String> only = new LinkedHashMap<>();
        params.asMap().forEach((k, v) -> {
            if (k.startsWith("Tags.")) {
                only.put(k, v);
            }
        });
        return new QueryParams(only);
    }
}
