package io.keygate.sts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.keygate.auth.Authorizer;
import io.keygate.auth.Caller;
import io.keygate.error.AwsErrorCode;
import io.keygate.error.InvalidInputException;
import io.keygate.error.KeygateException;
import io.keygate.federation.oidc.VerifiedWebIdentity;
import io.keygate.federation.oidc.WebIdentityVerifier;
import io.keygate.federation.saml.SamlResponseValidator;
import io.keygate.federation.saml.SamlTrust;
import io.keygate.federation.saml.VerifiedAssertion;
import io.keygate.iam.OidcProviderRepository;
import io.keygate.policy.MatchedStatement;
import io.keygate.protocol.api.ApiEndpoint;
import io.keygate.protocol.api.ApiResult;
import io.keygate.protocol.api.JsonFields;
import io.keygate.protocol.query.QueryParams;

/**
 * The trust debugger, {@code POST /api/v1/federation/explain} (SigV4, permission {@code keygate:ExplainFederation}
 * on the role ARN): takes what AssumeRoleWithSAML takes ({@code RoleArn}, {@code PrincipalArn},
 * {@code SAMLAssertion}, optional {@code DurationSeconds}) and answers, without minting anything and without consuming
 * the assertion, every pipeline check with its outcome and reason, the roles the assertion offers, the condition keys
 * exactly as Keygate computed them, whether the assertion was already used for the role, and the trust decision per
 * action with the statements that matched (or the layer that refused). {@code WouldSucceed} is what AssumeRoleWithSAML
 * would do with the same input now.
 */
public final class ExplainFederation implements ApiEndpoint<Caller> {

    /** The longest {@code SAMLAssertion}, as AssumeRoleWithSAML takes it (100,000 base64 characters). */
    static final int MAX_ASSERTION = AssumeRoleWithSaml.MAX_ASSERTION;
    private static final Set<String> MEMBERS = Set.of("RoleArn", "PrincipalArn", "SAMLAssertion", "DurationSeconds",
            "WebIdentityToken", "RoleSessionName");

    private final SamlTrusts trusts;
    private final SamlResponseValidator validator;
    private final SessionInputs inputs;
    private final FederatedSessions sessions;
    private final Authorizer authorizer;
    private final OidcProviderRepository oidcProviders;
    private final WebIdentityVerifier webIdentity;

    public ExplainFederation(SamlTrusts trusts, SamlResponseValidator validator, SessionInputs inputs,
                             FederatedSessions sessions, Authorizer authorizer, OidcProviderRepository oidcProviders,
                             WebIdentityVerifier webIdentity) {
        this.trusts = trusts;
        this.validator = validator;
        this.inputs = inputs;
        this.sessions = sessions;
        this.authorizer = authorizer;
        this.oidcProviders = oidcProviders;
        this.webIdentity = webIdentity;
    }

    @Override
    public String method() {
        return "POST";
    }

    @Override
    public String path() {
        return "/api/v1/federation/explain";
    }

    @Override
    public ApiResult handle(JsonNode body, Caller caller) {
        JsonFields.object(body, MEMBERS);
        if (body.has("WebIdentityToken")) {
            if (body.has("SAMLAssertion") || body.has("PrincipalArn")) {
                throw new InvalidInputException(AwsErrorCode.ValidationError, "Send either 'SAMLAssertion' and "
                        + "'PrincipalArn' (AssumeRoleWithSAML) or 'WebIdentityToken' (AssumeRoleWithWebIdentity).");
            }
            return explainWebIdentity(body, caller);
        }
        String roleArn = required(body, "RoleArn", 2048);
        String principalArn = required(body, "PrincipalArn", 2048);
        String assertion = required(body, "SAMLAssertion", MAX_ASSERTION);
        Integer duration = body.hasNonNull("DurationSeconds") ? body.get("DurationSeconds").asInt() : null;
        authorizer.authorize(caller, "keygate:ExplainFederation", roleArn);

        Map<String, Object> answer = new LinkedHashMap<>();
        Optional<SamlTrust> trust = trusts.forArn(principalArn, caller.partition());
        if (trust.isEmpty()) {
            answer.put("WouldSucceed", false);
            answer.put("Error", error(AwsErrorCode.InvalidIdentityToken, "The SAML provider " + principalArn
                    + " does not exist."));
            return ApiResult.ok(answer);
        }
        SamlResponseValidator.Report report = validator.explain(assertion, issuer -> trust);
        answer.put("Checks", report.checks().stream().map(c -> check(c.check(), c.outcome(), c.detail())).toList());
        VerifiedAssertion verified = report.assertion();
        if (verified == null) {
            answer.put("WouldSucceed", false);
            answer.put("Error", error(report.failure().code(), report.failure().getMessage()));
            return ApiResult.ok(answer);
        }
        answer.put("OfferedRoles", verified.roles().stream()
                .map(r -> Map.of("RoleArn", r.roleArn(), "PrincipalArn", r.providerArn())).toList());
        answer.put("Subject", verified.subject());
        answer.put("SubjectType", verified.subjectType());
        answer.put("NameQualifier", verified.nameQualifier());
        answer.put("ConditionKeys", verified.conditionKeys());
        answer.put("SessionKeys", verified.sessionKeys());
        boolean used = validator.alreadyUsed(verified, roleArn);
        answer.put("AlreadyUsedForRole", used);
        try {
            AssumeRoleWithSaml.offeredPair(verified, roleArn, principalArn);
            SessionInputs.Inputs base = inputs.read(new QueryParams(Map.of()), principalArn.split(":")[4], false);
            FederatedSessions.TrustEvaluation t = sessions.evaluate(AssumeRoleWithSaml.identity(verified), roleArn,
                    duration, base, Caller.unsigned(caller.partition(), caller.region(), caller.facts()));
            answer.put("Trust", trust(t));
            boolean ok = t.allowed() && !used;
            answer.put("WouldSucceed", ok);
            if (!t.allowed()) {
                answer.put("Error", error(((KeygateException) t.refusal()).code(), t.refusal().getMessage()));
            } else if (used) {
                answer.put("Error", error(AwsErrorCode.InvalidIdentityToken,
                        "This SAML assertion was already used for this role (replay refused)."));
            } else {
                answer.put("SessionSeconds", t.duration());
            }
        } catch (KeygateException e) {
            answer.put("WouldSucceed", false);
            answer.put("Error", error(e.code(), e.getMessage()));
        }
        return ApiResult.ok(answer);
    }

    /** What AssumeRoleWithWebIdentity would do with the same RoleArn, WebIdentityToken and RoleSessionName. */
    private ApiResult explainWebIdentity(JsonNode body, Caller caller) {
        String roleArn = required(body, "RoleArn", 2048);
        String token = required(body, "WebIdentityToken", WebIdentityVerifier.MAX_TOKEN_LENGTH);
        String sessionName = JsonFields.string(body, "RoleSessionName", 64);
        Integer duration = body.hasNonNull("DurationSeconds") ? body.get("DurationSeconds").asInt() : null;
        authorizer.authorize(caller, "keygate:ExplainFederation", roleArn);

        Map<String, Object> answer = new LinkedHashMap<>();
        String account = AssumeRoleWithWebIdentity.accountOf(roleArn);
        WebIdentityVerifier.Report report = webIdentity.explain(token, id -> oidcProviders.find(account, id));
        answer.put("Checks", report.checks().stream().map(c -> check(c.check(), c.outcome(), c.detail())).toList());
        VerifiedWebIdentity verified = report.verified();
        if (verified == null) {
            answer.put("WouldSucceed", false);
            answer.put("Error", error(report.failure().code(), report.failure().getMessage()));
            return ApiResult.ok(answer);
        }
        Caller unsigned = Caller.unsigned(caller.partition(), caller.region(), caller.facts());
        FederatedIdentity identity = AssumeRoleWithWebIdentity.identity(verified, unsigned,
                sessionName == null || sessionName.isEmpty() ? "explain" : sessionName);
        answer.put("Provider", identity.providerArn());
        answer.put("Subject", verified.subject());
        answer.put("Audience", verified.audience());
        answer.put("ConditionKeys", identity.conditionKeys());
        answer.put("SessionKeys", identity.sessionKeys());
        try {
            SessionInputs.Inputs base = inputs.read(new QueryParams(Map.of()), account, false);
            FederatedSessions.TrustEvaluation t = sessions.evaluate(identity, roleArn, duration, base, unsigned);
            answer.put("Trust", trust(t));
            answer.put("WouldSucceed", t.allowed());
            if (t.allowed()) {
                answer.put("SessionSeconds", t.duration());
            } else {
                answer.put("Error", error(((KeygateException) t.refusal()).code(), t.refusal().getMessage()));
            }
        } catch (KeygateException e) {
            answer.put("WouldSucceed", false);
            answer.put("Error", error(e.code(), e.getMessage()));
        }
        return ApiResult.ok(answer);
    }

    /** One pipeline check as both pipelines report it: its name, PASSED/FAILED/SKIPPED, the refusal's reason. */
    private static Map<String, Object> check(String name, String outcome, String detail) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Check", name);
        m.put("Outcome", outcome);
        if (detail != null) {
            m.put("Detail", detail);
        }
        return m;
    }

    private static Map<String, Object> trust(FederatedSessions.TrustEvaluation t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("RoleFound", t.role() != null);
        m.put("Context", t.context());
        List<Map<String, Object>> decisions = new ArrayList<>();
        for (FederatedSessions.ActionDecision d : t.decisions()) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("Action", d.action());
            one.put("Decision", d.decision().decision().effect().name());
            one.put("MatchedStatements", d.decision().decision().matchedStatements().stream()
                    .map(ExplainFederation::statement).toList());
            d.decision().decision().deniedBy().ifPresent(l -> one.put("DeniedBy", l.name()));
            if (!d.decision().decision().missingContextKeys().isEmpty()) {
                one.put("MissingContextKeys", d.decision().decision().missingContextKeys());
            }
            decisions.add(one);
        }
        m.put("Decisions", decisions);
        return m;
    }

    private static Map<String, Object> statement(MatchedStatement s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("PolicyId", s.policyId());
        m.put("StatementIndex", s.statementIndex());
        if (s.sid() != null) {
            m.put("Sid", s.sid());
        }
        m.put("Effect", s.effect().name());
        return m;
    }

    private static Map<String, String> error(AwsErrorCode code, String message) {
        return Map.of("Code", code.name(), "Message", message);
    }

    private static String required(JsonNode body, String name, int max) {
        String value = JsonFields.string(body, name, max);
        if (value == null || value.isEmpty()) {
            throw new InvalidInputException(AwsErrorCode.ValidationError, "'" + name + "' is required.");
        }
        return value;
    }
}
